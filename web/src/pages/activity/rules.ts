// The health pages' pure logic: days in Korea, report ranges, and the day form's values and
// the request bodies built from them (a PATCH sends only what changed, meals by id).
import { TIME_ZONE } from "../../i18n/format";
import type {
  Activity,
  ActivityIn,
  ActivityLevel,
  ActivityPatch,
  MealChangeIn,
  MealType,
} from "./types";

export const LEVELS: readonly ActivityLevel[] = ["LOW", "MEDIUM_LOW", "MEDIUM_HIGH", "HIGH"];
export const MEAL_TYPES: readonly MealType[] = ["BREAKFAST", "LUNCH", "DINNER", "SNACK"];
export const REPORT_MAX_DAYS = 92;
export const PRESETS = [7, 30, 90] as const;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in Korea as "YYYY-MM-DD" (en-CA formats dates that way). */
export function todayInKorea(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function utcDay(isoDay: string): number {
  return Date.parse(`${isoDay}T00:00:00Z`);
}

/** The day `days` after `isoDay` (negative: before), as "YYYY-MM-DD". */
export function addDays(isoDay: string, days: number): string {
  return new Date(utcDay(isoDay) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function spanDays(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000) + 1;
}

/** The last `days` days ending today. */
export function presetRange(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

export type RangeProblem = "order" | "tooLong" | "invalid" | null;

export function rangeProblem(from: string, to: string): RangeProblem {
  if (!isIsoDay(from) || !isIsoDay(to)) return "invalid";
  if (to < from) return "order";
  return spanDays(from, to) > REPORT_MAX_DAYS ? "tooLong" : null;
}

/** The month shown for a day ("2025-03-06" -> { year: 2025, month: 3 }). */
export function monthOf(isoDay: string): { year: number; month: number } {
  return { year: Number(isoDay.slice(0, 4)), month: Number(isoDay.slice(5, 7)) };
}

/** "YYYY-MM-01" of the month of a date string the calendar hands over. */
export function firstOfMonth(isoDay: string): string {
  return `${isoDay.slice(0, 7)}-01`;
}

// --- the day form -------------------------------------------------------------------------------

/** A number field: Mantine's NumberInput gives "" while empty. */
export type NumberValue = number | "";

export interface MealValues {
  /** The meal's id once saved; "" for a meal added in the form. */
  id: string;
  meal_type: MealType;
  food: string;
  package_g: NumberValue;
  package_kcal: NumberValue;
  consumed_g: NumberValue;
}

export interface DayValues {
  walk_km: NumberValue;
  activity_level: ActivityLevel;
  weight_kg: NumberValue;
  sleep_hours: NumberValue;
  poop_count: NumberValue;
  pee_count: NumberValue;
  memo: string;
  meals: MealValues[];
}

export function emptyMeal(mealType: MealType = "BREAKFAST"): MealValues {
  return { id: "", meal_type: mealType, food: "", package_g: "", package_kcal: "", consumed_g: "" };
}

/** A new day's form: the weight starts from the pet's last known one. */
export function newDayValues(weightKg: number | null | undefined): DayValues {
  return {
    walk_km: "",
    activity_level: "MEDIUM_LOW",
    weight_kg: weightKg ?? "",
    sleep_hours: "",
    poop_count: "",
    pee_count: "",
    memo: "",
    meals: [],
  };
}

export function dayValuesOf(record: Activity): DayValues {
  return {
    walk_km: record.walk_km,
    activity_level: record.activity_level as ActivityLevel,
    weight_kg: record.weight_kg,
    sleep_hours: record.sleep_hours,
    poop_count: record.poop_count,
    pee_count: record.pee_count,
    memo: record.memo,
    meals: record.meals.map((m) => ({
      id: m.id,
      meal_type: m.meal_type as MealType,
      food: m.food,
      package_g: m.package_g,
      package_kcal: m.package_kcal,
      consumed_g: m.consumed_g,
    })),
  };
}

// Empty number fields are sent as 0 only where the API accepts it; the form's required
// checks catch the rest before a request is made.
function num(value: NumberValue): number {
  return value === "" ? 0 : value;
}

export function createBody(date: string, values: DayValues): ActivityIn {
  return {
    date,
    walk_km: num(values.walk_km),
    activity_level: values.activity_level,
    weight_kg: num(values.weight_kg),
    sleep_hours: num(values.sleep_hours),
    poop_count: num(values.poop_count),
    pee_count: num(values.pee_count),
    memo: values.memo.trim(),
    meals: values.meals.map((m) => ({
      meal_type: m.meal_type,
      food: m.food.trim(),
      package_g: num(m.package_g),
      package_kcal: num(m.package_kcal),
      consumed_g: num(m.consumed_g),
    })),
  };
}

const NUMBER_FIELDS = ["walk_km", "weight_kg", "sleep_hours", "poop_count", "pee_count"] as const;
const MEAL_NUMBERS = ["package_g", "package_kcal", "consumed_g"] as const;

export interface Patch {
  body: ActivityPatch;
  /** For each entry of body.meals, the form's meal it came from (-1: a removed meal). */
  mealIndex: number[];
}

/** What changed from the saved record: its fields, and each meal added, changed or removed. */
export function patchBody(saved: DayValues, values: DayValues): Patch {
  const body: ActivityPatch = {};
  for (const name of NUMBER_FIELDS) {
    if (values[name] !== saved[name]) body[name] = num(values[name]);
  }
  if (values.activity_level !== saved.activity_level) body.activity_level = values.activity_level;
  if (values.memo.trim() !== saved.memo) body.memo = values.memo.trim();
  const meals: MealChangeIn[] = [];
  const mealIndex: number[] = [];
  const kept = new Set(values.meals.map((m) => m.id).filter(Boolean));
  for (const meal of saved.meals) {
    if (!kept.has(meal.id)) {
      meals.push({ id: meal.id, remove: true });
      mealIndex.push(-1);
    }
  }
  const before = new Map(saved.meals.map((m) => [m.id, m]));
  values.meals.forEach((meal, index) => {
    const old = meal.id ? before.get(meal.id) : undefined;
    const change: MealChangeIn = old ? { id: meal.id, remove: false } : { remove: false };
    if (!old || meal.meal_type !== old.meal_type) change.meal_type = meal.meal_type;
    if (!old || meal.food.trim() !== old.food) change.food = meal.food.trim();
    for (const name of MEAL_NUMBERS) {
      if (!old || meal[name] !== old[name]) change[name] = num(meal[name]);
    }
    if (!old || Object.keys(change).length > 2) {
      meals.push(change);
      mealIndex.push(index);
    }
  });
  if (meals.length > 0) body.meals = meals;
  return { body, mealIndex };
}

/** The API's meal field errors ("meals.0.package_g") as the form's paths; `mealIndex` maps
 * a PATCH's meal changes back to the form's meals (a POST's meals are the form's). */
export function mealFieldErrors(
  errors: readonly { field: string; reason: string }[],
  mealIndex?: readonly number[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, reason } of errors) {
    const match = /^meals\.(\d+)\.(\w+)$/.exec(field);
    if (!match) continue;
    const index = mealIndex ? (mealIndex[Number(match[1])] ?? -1) : Number(match[1]);
    if (index >= 0) out[`meals.${index}.${match[2]}`] = reason;
  }
  return out;
}
