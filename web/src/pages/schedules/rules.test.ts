import { describe, expect, it } from "vitest";

import {
  emptyValues,
  groupByDay,
  koreanDayTime,
  leadParts,
  scheduleBody,
  shiftWindow,
  todayInKorea,
  windowInstants,
  windowOf,
} from "./rules";
import type { Occurrence } from "./types";

function occ(startsAt: string, title = "x"): Occurrence {
  return {
    schedule_id: "s",
    pet_id: "p",
    pet_name: "보리",
    key: "k",
    starts_at: startsAt,
    kind: "CARE",
    sub_type: "GROOMING",
    title,
    overridden: false,
    recurring: true,
    medication_name: null,
    dosage: "",
    reminder_enabled: false,
    reminder_lead_minutes: 60,
  };
}

describe("windows in Korea", () => {
  it("knows today in Korea, not in UTC", () => {
    expect(todayInKorea(new Date("2025-03-05T23:30:00Z"))).toBe("2025-03-06");
  });
  it("makes weeks from Monday and whole months", () => {
    expect(windowOf("week", "2025-03-06")).toEqual({ first: "2025-03-03", last: "2025-03-09" });
    expect(windowOf("month", "2025-02-14")).toEqual({ first: "2025-02-01", last: "2025-02-28" });
    expect(shiftWindow("month", "2025-01-31", 1)).toBe("2025-02-01");
    expect(shiftWindow("month", "2025-03-15", -1)).toBe("2025-02-01");
    expect(shiftWindow("week", "2025-03-06", -1)).toBe("2025-02-27");
  });
  it("asks the API for Korean midnights", () => {
    expect(windowInstants("2025-03-03", "2025-03-09")).toEqual({
      from: "2025-03-03T00:00:00+09:00",
      to: "2025-03-10T00:00:00+09:00",
    });
    expect(koreanDayTime("2025-03-05T23:00:00Z")).toEqual({ day: "2025-03-06", time: "08:00" });
  });
  it("puts today first, then later days, then earlier ones", () => {
    const groups = groupByDay(
      [
        occ("2025-03-04T00:00:00Z"),
        occ("2025-03-06T00:00:00Z"),
        occ("2025-03-07T00:00:00Z"),
        occ("2025-03-05T00:00:00Z"),
      ],
      "2025-03-06",
    );
    expect(groups.map((g) => g.day)).toEqual([
      "2025-03-06",
      "2025-03-07",
      "2025-03-05",
      "2025-03-04",
    ]);
  });
});

describe("the schedule form", () => {
  it("sends only what the kind and frequency use", () => {
    const values = {
      ...emptyValues("2025-03-06", "p"),
      title: " 빗질 ",
      frequency: "WEEKLY" as const,
      weekdays: ["SA" as const],
      month_day: 5,
      end_mode: "count" as const,
      count: 4,
      end_date: "2025-04-01",
      medication_name: "남은 값",
    };
    const body = scheduleBody(values);
    expect(body).toMatchObject({
      title: "빗질",
      weekdays: ["SA"],
      month_day: 0,
      count: 4,
      end_date: null,
      medication_name: null,
      reminder_lead_minutes: 60,
    });
  });
  it("lets a medication course set its own end", () => {
    const body = scheduleBody({
      ...emptyValues("2025-03-06"),
      kind: "MEDICATION",
      sub_type: "PILL",
      frequency: "DAILY",
      medication_name: "아목시실린",
      duration_days: 7,
      end_mode: "until",
      end_date: "2025-03-31",
    });
    expect(body).toMatchObject({ medication_name: "아목시실린", duration_days: 7, end_date: null });
  });
  it("words lead times", () => {
    expect(leadParts(0)).toEqual({ unit: "now", n: 0 });
    expect(leadParts(30)).toEqual({ unit: "minutes", n: 30 });
    expect(leadParts(2880)).toEqual({ unit: "days", n: 2 });
  });
});
