import { describe, expect, it } from "vitest";

import { ageLabel, monthsBetween, petAge, todayInKorea } from "./age";

// A stand-in for t(): the key and its parameters, so the test reads what was chosen.
const t = (key: string, params?: Record<string, string | number>) =>
  params ? `${key}${JSON.stringify(params)}` : key;

describe("monthsBetween", () => {
  it("counts whole months, the last one only once its day has come", () => {
    expect(monthsBetween("2021-04-01", "2024-04-01")).toBe(36);
    expect(monthsBetween("2021-04-15", "2024-04-14")).toBe(35);
    expect(monthsBetween("2024-01-31", "2024-02-29")).toBe(0);
  });

  it("gives null for a date ahead of today or unreadable", () => {
    expect(monthsBetween("2025-01-02", "2025-01-01")).toBeNull();
    expect(monthsBetween("soon", "2025-01-01")).toBeNull();
  });
});

describe("petAge", () => {
  it("prefers the birth date, else the estimate, else nothing", () => {
    expect(petAge({ birth_date: "2024-01-10", approx_age_months: null }, "2025-03-10")).toEqual({
      months: 14,
      approx: false,
    });
    expect(petAge({ birth_date: null, approx_age_months: 7 }, "2025-03-10")).toEqual({
      months: 7,
      approx: true,
    });
    expect(petAge({ birth_date: null, approx_age_months: null }, "2025-03-10")).toBeNull();
  });
});

describe("ageLabel", () => {
  it("says months under a year, years on the year, both otherwise", () => {
    expect(ageLabel({ months: 5, approx: false }, t)).toBe('pets.age.months{"months":5}');
    expect(ageLabel({ months: 24, approx: false }, t)).toBe('pets.age.years{"years":2}');
    expect(ageLabel({ months: 27, approx: false }, t)).toBe(
      'pets.age.yearsMonths{"years":2,"months":3}',
    );
  });

  it("marks an estimate", () => {
    expect(ageLabel({ months: 24, approx: true }, t)).toBe(
      'pets.age.approx{"age":"pets.age.years{\\"years\\":2}"}',
    );
  });
});

describe("todayInKorea", () => {
  it("is Korea's date, a day ahead of UTC in the evening", () => {
    expect(todayInKorea(new Date("2025-03-05T16:00:00Z"))).toBe("2025-03-06");
    expect(todayInKorea(new Date("2025-03-05T14:00:00Z"))).toBe("2025-03-05");
  });
});
