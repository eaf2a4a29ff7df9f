import { beforeAll, describe, expect, it } from "vitest";

import {
  activeInsights,
  bannedWordsRename,
  formatChange,
  formatMonth,
  formatPercent,
  formatRate,
  parseReason,
  petOf,
  syncOutcome,
} from "./rules";
import { loadCatalogue } from "../../i18n/format";
import type { MonthlyInsight, Pet } from "./types";

beforeAll(() => loadCatalogue("en"));

describe("formats", () => {
  it("show a month of the API in the language's way", () => {
    expect(formatMonth("2026-06", "ko")).toBe("2026년 6월");
    expect(formatMonth("2026-12", "en")).toBe("Dec 2026");
    expect(formatMonth("garbage", "ko")).toBe("garbage");
  });

  it("turn an engagement fraction into a percentage", () => {
    expect(formatRate(0.04443, "ko")).toBe("4.4%");
    expect(formatRate(0, "en")).toBe("0%");
  });

  it("show percentages the API scaled already, with a sign when asked", () => {
    expect(formatPercent(47.4, "ko")).toBe("47.4%");
    expect(formatPercent(-17.5, "ko", true)).toBe("-17.5%");
    expect(formatPercent(2, "en", true)).toBe("+2%");
    expect(formatPercent(0, "en", true)).toBe("0%");
  });

  it("sign a change in followers", () => {
    expect(formatChange(1860, "ko")).toBe("+1,860");
    expect(formatChange(-3, "en")).toBe("-3");
    expect(formatChange(0, "en")).toBe("0");
  });
});

describe("syncOutcome", () => {
  it("tells a good sync from a failed one and from a token Instagram refused", () => {
    expect(syncOutcome({ status: "LINKED", last_sync_error: "" })).toBe("synced");
    expect(syncOutcome({ status: "LINKED", last_sync_error: "rate limited" })).toBe("failed");
    expect(syncOutcome({ status: "NEEDS_REAUTH", last_sync_error: "" })).toBe("needsReauth");
  });
});

describe("activeInsights", () => {
  const month = (m: string, reach: number): MonthlyInsight => ({
    month: m,
    likes: reach,
    comments: 0,
    shares: 0,
    views: reach,
    reach,
  });

  it("starts at the first month with activity and keeps later quiet months", () => {
    const all = [month("2026-07", 0), month("2026-08", 10), month("2026-09", 0)];
    expect(activeInsights(all).map((m) => m.month)).toEqual(["2026-08", "2026-09"]);
  });

  it("is empty when nothing happened", () => {
    expect(activeInsights([month("2026-07", 0)])).toEqual([]);
    expect(activeInsights([])).toEqual([]);
  });
});

describe("parseReason", () => {
  it("reads the reasons the platform logs", () => {
    expect(parseReason("banned_word:바보")).toEqual({ kind: "bannedWord", word: "바보" });
    expect(parseReason("negative")).toEqual({ kind: "negative" });
    expect(parseReason("manual")).toEqual({ kind: "manual" });
    expect(parseReason("something new")).toEqual({ kind: "other", text: "something new" });
  });
});

describe("bannedWordsRename", () => {
  it("points every indexed word error at the one field", () => {
    const rename = bannedWordsRename(3);
    expect(rename).toEqual({
      "banned_words.0": "banned_words",
      "banned_words.1": "banned_words",
      "banned_words.2": "banned_words",
    });
  });
});

describe("petOf", () => {
  it("finds the pet an account serves", () => {
    const pets = [
      { id: "p1", instagram_account_id: null },
      { id: "p2", instagram_account_id: "a1" },
    ] as Pet[];
    expect(petOf("a1", pets)?.id).toBe("p2");
    expect(petOf("a2", pets)).toBeUndefined();
  });
});
