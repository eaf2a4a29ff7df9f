import { beforeAll, describe, expect, it } from "vitest";

import { en } from "./en";
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatPrice,
  loadCatalogue,
  translate,
} from "./format";
import { ko } from "./ko";

beforeAll(() => loadCatalogue("en"));

describe("prices", () => {
  it("are won with grouping", () => {
    expect(formatPrice(30000, "ko")).toBe("30,000원");
    expect(formatPrice(1234567, "ko")).toBe("1,234,567원");
    expect(formatPrice(0, "ko")).toBe("0원");
    expect(formatPrice(30000, "en")).toBe("₩30,000");
  });
});

describe("dates", () => {
  // 2025-03-05 23:30 UTC is already 6 March in Seoul (UTC+9).
  const instant = "2025-03-05T23:30:00Z";

  it("are shown as the day in Korea, in Korean format", () => {
    expect(formatDate(instant, "ko")).toBe("2025년 3월 6일");
    expect(formatDate(instant, "en")).toBe("March 6, 2025");
  });

  it("show the time in Korea", () => {
    expect(formatDateTime(instant, "ko")).toBe("2025년 3월 6일 오전 8:30");
  });

  it("leave calendar dates as they are, whatever the zone", () => {
    expect(formatCalendarDate("1990-05-17", "ko")).toBe("1990년 5월 17일");
    expect(formatCalendarDate("not a date", "ko")).toBe("not a date");
  });
});

describe("messages", () => {
  it("fill placeholders", () => {
    expect(translate("ko", "signup.welcome", { nickname: "보리" })).toBe(
      "가입을 환영합니다, 보리님!",
    );
    expect(translate("en", "common.followers", { count: "1,200" })).toBe("1,200 followers");
  });

  it("leave an unknown placeholder visible rather than blank", () => {
    expect(translate("ko", "signup.welcome")).toBe("가입을 환영합니다, {nickname}님!");
  });

  it("exist in both languages with the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const value of Object.values(en)) expect(value.trim()).not.toBe("");
  });
});
