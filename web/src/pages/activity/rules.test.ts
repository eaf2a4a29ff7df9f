import { describe, expect, it } from "vitest";

import {
  addDays,
  createBody,
  type DayValues,
  emptyMeal,
  isIsoDay,
  mealFieldErrors,
  newDayValues,
  patchBody,
  presetRange,
  rangeProblem,
  spanDays,
  todayInKorea,
} from "./rules";

const SAVED: DayValues = {
  walk_km: 3,
  activity_level: "MEDIUM_LOW",
  weight_kg: 3.4,
  sleep_hours: 13,
  poop_count: 2,
  pee_count: 4,
  memo: "산책",
  meals: [
    {
      id: "a",
      meal_type: "BREAKFAST",
      food: "사료",
      package_g: 100,
      package_kcal: 360,
      consumed_g: 45,
    },
    { id: "b", meal_type: "SNACK", food: "", package_g: 50, package_kcal: 180, consumed_g: 10 },
  ],
};

describe("days", () => {
  it("knows today in Korea, whatever the browser's zone", () => {
    expect(todayInKorea(new Date("2025-03-06T15:30:00Z"))).toBe("2025-03-07");
    expect(todayInKorea(new Date("2025-03-06T14:59:00Z"))).toBe("2025-03-06");
  });

  it("reads only real days", () => {
    expect(isIsoDay("2024-02-29")).toBe(true);
    expect(isIsoDay("2025-02-29")).toBe(false);
    expect(isIsoDay("2025-3-1")).toBe(false);
  });

  it("counts and moves days across months", () => {
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(spanDays("2025-03-01", "2025-03-07")).toBe(7);
    expect(presetRange(7, "2025-03-06")).toEqual({ from: "2025-02-28", to: "2025-03-06" });
  });

  it("allows reports of at most 92 days, in order", () => {
    expect(rangeProblem("2024-12-01", "2025-03-02")).toBeNull();
    expect(rangeProblem("2024-12-01", "2025-03-03")).toBe("tooLong");
    expect(rangeProblem("2025-03-02", "2025-03-01")).toBe("order");
    expect(rangeProblem("", "2025-03-01")).toBe("invalid");
  });
});

describe("the day form", () => {
  it("starts a new day from the pet's weight", () => {
    expect(newDayValues(3.4).weight_kg).toBe(3.4);
    expect(newDayValues(null).weight_kg).toBe("");
  });

  it("creates with every field and meal", () => {
    const body = createBody("2025-03-06", { ...SAVED, memo: "  산책  " });
    expect(body.memo).toBe("산책");
    expect(body.meals).toHaveLength(2);
    expect(body.meals?.[0]).toEqual({
      meal_type: "BREAKFAST",
      food: "사료",
      package_g: 100,
      package_kcal: 360,
      consumed_g: 45,
    });
  });

  it("patches only what changed, meals by id", () => {
    const values: DayValues = {
      ...SAVED,
      walk_km: 5,
      meals: [
        { ...SAVED.meals[0]!, consumed_g: 50 },
        { ...emptyMeal("DINNER"), package_g: 100, package_kcal: 360, consumed_g: 40 },
      ],
    };
    const { body, mealIndex } = patchBody(SAVED, values);
    expect(body.walk_km).toBe(5);
    expect(body.sleep_hours).toBeUndefined();
    expect(body.memo).toBeUndefined();
    expect(body.meals).toEqual([
      { id: "b", remove: true },
      { id: "a", remove: false, consumed_g: 50 },
      {
        remove: false,
        meal_type: "DINNER",
        food: "",
        package_g: 100,
        package_kcal: 360,
        consumed_g: 40,
      },
    ]);
    expect(mealIndex).toEqual([-1, 0, 1]);
  });

  it("sends nothing when nothing changed", () => {
    expect(patchBody(SAVED, SAVED).body).toEqual({});
  });

  it("puts a meal's errors beside the form's meal", () => {
    const errors = [
      { field: "meals.2.consumed_g", reason: "must be 0.1 to 100000 g" },
      { field: "meals.0.id", reason: "is not a meal of this record" },
      { field: "walk_km", reason: "must be 0 to 100 km" },
    ];
    expect(mealFieldErrors(errors)).toEqual({
      "meals.2.consumed_g": "must be 0.1 to 100000 g",
      "meals.0.id": "is not a meal of this record",
    });
    expect(mealFieldErrors(errors, [-1, 0, 1])).toEqual({
      "meals.1.consumed_g": "must be 0.1 to 100000 g",
    });
  });
});
