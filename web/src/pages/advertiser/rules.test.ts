import { describe, expect, it } from "vitest";

import {
  badHashtag,
  brnProblem,
  canArchive,
  canSubmitProfile,
  editing,
  formatBrn,
  fromSeoulInput,
  hasDisclosure,
  hashtags,
  lines,
  listQuery,
  readListFilters,
  scheduleProblems,
  toSeoulInput,
  words,
  writeListFilters,
  type Schedule,
} from "./rules";

describe("brnProblem", () => {
  it("accepts a number with the right check digit, with or without dashes", () => {
    expect(brnProblem("123-45-67891")).toBeNull();
    expect(brnProblem("3148612340")).toBeNull();
  });
  it("says what is wrong otherwise", () => {
    expect(brnProblem("  ")).toBe("required");
    expect(brnProblem("123-45-6789")).toBe("format");
    expect(brnProblem("12a-45-67891")).toBe("format");
    expect(brnProblem("123-45-67890")).toBe("checksum");
  });
  it("formats ten digits with dashes", () => {
    expect(formatBrn("1234567891")).toBe("123-45-67891");
    expect(formatBrn("12345")).toBe("12345");
  });
});

describe("canSubmitProfile", () => {
  it("needs a draft or rejected profile with its certificate", () => {
    expect(canSubmitProfile("DRAFT", true)).toBe(true);
    expect(canSubmitProfile("REJECTED", true)).toBe(true);
    expect(canSubmitProfile("DRAFT", false)).toBe(false);
    expect(canSubmitProfile("PENDING", true)).toBe(false);
    expect(canSubmitProfile(null, true)).toBe(false);
  });
});

describe("Korea's wall-clock time", () => {
  it("round-trips an instant through a datetime-local value", () => {
    expect(toSeoulInput("2026-03-02T00:00:00Z")).toBe("2026-03-02T09:00");
    expect(fromSeoulInput("2026-03-02T09:00")).toBe("2026-03-02T00:00:00.000Z");
    expect(toSeoulInput(null)).toBe("");
    expect(fromSeoulInput("")).toBeNull();
    expect(fromSeoulInput("2026-13-45T99:00")).toBeNull();
  });
});

const GOOD: Schedule = {
  recruit_start: "2026-03-02T09:00",
  recruit_end: "2026-03-09T09:00",
  announce_at: "2026-03-09T09:00",
  activity_start: "2026-03-10T09:00",
  activity_end: "2026-03-24T09:00",
};

describe("scheduleProblems", () => {
  it("accepts the order recruit < end <= announce <= activity start < activity end", () => {
    expect(scheduleProblems(GOOD, null)).toEqual({});
  });
  it("names the later field of each pair out of order", () => {
    expect(
      scheduleProblems(
        { ...GOOD, recruit_end: "2026-03-02T09:00", activity_start: "2026-03-08T09:00" },
        null,
      ),
    ).toEqual({ recruit_end: "afterPrevious", activity_start: "notBeforePrevious" });
    expect(scheduleProblems({ ...GOOD, activity_end: GOOD.activity_start }, null)).toEqual({
      activity_end: "afterPrevious",
    });
  });
  it("leaves empty dates to the required check", () => {
    expect(scheduleProblems({ ...GOOD, recruit_start: "", announce_at: "" }, null)).toEqual({});
  });
  it("with the time now, wants every date in the future", () => {
    const now = new Date("2026-03-05T00:00:00Z"); // 09:00 in Seoul, 3 days after the start
    expect(scheduleProblems(GOOD, now)).toEqual({ recruit_start: "past" });
  });
});

describe("texts", () => {
  it("takes one item a line, tidied and without repeats", () => {
    expect(lines(" 개봉 사진 1장 \n\n2주  후기\n개봉 사진 1장")).toEqual([
      "개봉 사진 1장",
      "2주 후기",
    ]);
  });
  it("splits keywords on commas and spaces", () => {
    expect(words("유산균, 장건강 유산균")).toEqual(["유산균", "장건강"]);
  });
  it("makes hashtags with their # and no repeats", () => {
    expect(hashtags("광고 #펫풀 #PetFul petful")).toEqual(["#광고", "#펫풀", "#PetFul"]);
  });
  it("knows the disclosure tags and the shape of a hashtag", () => {
    expect(hasDisclosure(["#펫풀", "#협찬"])).toBe(true);
    expect(hasDisclosure(["#펫풀"])).toBe(false);
    expect(badHashtag(["#펫풀", "#강아지_간식"])).toBeNull();
    expect(badHashtag(["#펫풀", "#a-b"])).toBe("#a-b");
  });
});

describe("editing", () => {
  it("follows the phase", () => {
    expect(editing("DRAFT")).toBe("all");
    expect(editing("REJECTED")).toBe("all");
    expect(editing("RECRUITING")).toBe("nonMaterial");
    expect(editing("PENDING_REVIEW")).toBe("none");
  });
});

describe("listQuery", () => {
  it("asks the API for a phase group's phases, the archive, the search and the sort", () => {
    expect(listQuery({ q: "", group: "all", sort: "updated" })).toEqual({ sort: "updated" });
    expect(listQuery({ q: " 장건강 ", group: "recruiting", sort: "title" })).toEqual({
      q: "장건강",
      phase: ["RECRUITING", "SELECTING"],
      sort: "title",
    });
    expect(listQuery({ q: "", group: "ended", sort: "deadline" }).phase).toEqual([
      "COMPLETED",
      "CANCELLED",
    ]);
    expect(listQuery({ q: "", group: "archived", sort: "updated" })).toEqual({
      sort: "updated",
      archived: true,
    });
  });
  it("offers the archive for finished campaigns not archived yet", () => {
    expect(canArchive({ phase: "COMPLETED", archived_at: null })).toBe(true);
    expect(canArchive({ phase: "CANCELLED" })).toBe(true);
    expect(canArchive({ phase: "RECRUITING", archived_at: null })).toBe(false);
    expect(canArchive({ phase: "COMPLETED", archived_at: "2026-03-01T00:00:00Z" })).toBe(false);
  });
  it("keeps its filters in the address, defaults left out", () => {
    const f = { q: " 간식 ", group: "draft", sort: "title" } as const;
    expect(writeListFilters(f).toString()).toBe("q=%EA%B0%84%EC%8B%9D&phase=draft&sort=title");
    expect(readListFilters(writeListFilters(f))).toEqual({ ...f, q: "간식" });
    expect(readListFilters(new URLSearchParams("phase=archived")).group).toBe("archived");
    expect(readListFilters(new URLSearchParams("phase=nope&sort=nope"))).toEqual({
      q: "",
      group: "all",
      sort: "updated",
    });
  });
});
