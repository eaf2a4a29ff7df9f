import { describe, expect, it } from "vitest";

import { bodyOf, newValues } from "./editorValues";
import { scheduleProblems } from "./rules";

describe("the campaign editor's values", () => {
  it("start a new campaign with a schedule in the right order, tomorrow in Korea", () => {
    const now = new Date("2026-03-02T20:00:00Z"); // 05:00 on the 3rd in Seoul
    const v = newValues(now);
    expect(v.recruit_start).toBe("2026-03-04T10:00");
    expect(v.activity_end).toBe("2026-03-28T10:00");
    expect(scheduleProblems(v, now)).toEqual({});
  });
  it("send lists and instants as the API takes them", () => {
    const v = {
      ...newValues(new Date("2026-03-02T00:00:00Z")),
      missions: "개봉 사진\n\n후기 피드",
      keywords: "유산균, 장건강",
      hashtags: "펫풀 #광고",
    };
    const body = bodyOf(v);
    expect(body?.missions).toEqual(["개봉 사진", "후기 피드"]);
    expect(body?.keywords).toEqual(["유산균", "장건강"]);
    expect(body?.hashtags).toEqual(["#펫풀", "#광고"]);
    expect(body?.recruit_start).toBe("2026-03-03T01:00:00.000Z");
  });
  it("send nothing while a date is unreadable", () => {
    expect(bodyOf({ ...newValues(new Date()), announce_at: "" })).toBeNull();
  });
});
