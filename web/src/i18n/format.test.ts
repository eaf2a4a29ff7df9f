import { beforeAll, describe, expect, it } from "vitest";

import { en } from "./en";
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatPrice,
  formatRelative,
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

describe("relative times", () => {
  // 2026-12-03 12:00 in Korea.
  const now = new Date("2026-12-03T03:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const MIN = 60_000;

  it("says 방금 전 under a minute, and for a clock a little ahead", () => {
    expect(formatRelative(ago(0), now, "ko")).toBe("방금 전");
    expect(formatRelative(ago(59_999), now, "ko")).toBe("방금 전");
    expect(formatRelative(ago(-5_000), now, "ko")).toBe("방금 전");
  });

  it("counts minutes, hours and days, rounding down", () => {
    expect(formatRelative(ago(MIN), now, "ko")).toBe("1분 전");
    expect(formatRelative(ago(59 * MIN + 59_000), now, "ko")).toBe("59분 전");
    expect(formatRelative(ago(60 * MIN), now, "ko")).toBe("1시간 전");
    expect(formatRelative(ago(23 * 60 * MIN + 59 * MIN), now, "ko")).toBe("23시간 전");
    expect(formatRelative(ago(24 * 60 * MIN), now, "ko")).toBe("1일 전");
    expect(formatRelative(ago(6 * 24 * 60 * MIN + 23 * 60 * MIN), now, "ko")).toBe("6일 전");
  });

  it("gives the day in Korea from a week on", () => {
    expect(formatRelative(ago(7 * 24 * 60 * MIN), now, "ko")).toBe("2026년 11월 26일");
    // 2026-11-02 23:30 UTC is already 3 November in Seoul.
    expect(formatRelative("2026-11-02T23:30:00Z", now, "ko")).toBe("2026년 11월 3일");
    expect(formatRelative("2025-01-15T00:00:00Z", now, "ko")).toBe("2025년 1월 15일");
  });

  it("speaks the language asked for", () => {
    expect(formatRelative(ago(3 * 60 * MIN), now, "en")).toBe("3 h ago");
  });

  it("shows nothing for nonsense", () => {
    expect(formatRelative("not a date", now, "ko")).toBe("");
  });
});
