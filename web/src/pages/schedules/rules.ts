// The schedules area's pure logic: windows in Korea's time, grouping occurrences by day, and
// the schedule form's values and the request body built from them.
import { TIME_ZONE } from "../../i18n/format";
import type {
  Frequency,
  LeadMinutes,
  Occurrence,
  Schedule,
  ScheduleIn,
  ScheduleKind,
  SubType,
  Weekday,
} from "./types";

export const KINDS: readonly ScheduleKind[] = [
  "MEDICATION",
  "CARE",
  "VACCINATION",
  "EXERCISE",
  "TRAINING",
];

/** Which sub types go with each kind (the API refuses others). */
export const SUB_TYPES: Readonly<Record<ScheduleKind, readonly SubType[]>> = {
  MEDICATION: ["PILL", "SUPPLEMENT", "ETC"],
  CARE: ["GROOMING", "BIRTHDAY", "CHECKUP", "WALK", "ETC"],
  VACCINATION: ["VACCINE", "CHECKUP", "ETC"],
  EXERCISE: ["WALK", "PLAY", "ETC"],
  TRAINING: ["TRAINING", "ETC"],
};

export const FREQUENCIES: readonly Frequency[] = ["NONE", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
export const WEEKDAYS: readonly Weekday[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
export const LEADS: readonly LeadMinutes[] = [0, 10, 30, 60, 1440, 2880, 4320];
export const MAX_TIMES = 6;

export type View = "week" | "month";

const DAY_MS = 86_400_000;
const KOREA_OFFSET = "+09:00"; // no daylight saving in Korea since 1988

/** Today's date in Korea as "YYYY-MM-DD" (en-CA formats dates that way). */
export function todayInKorea(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

export function isIsoDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayIndex(isoDay: string): number {
  return (new Date(`${isoDay}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function weekdayOf(isoDay: string): Weekday {
  return WEEKDAYS[weekdayIndex(isoDay)]!;
}

/** The days a view shows around `day`: Monday to Sunday, or the whole month. */
export function windowOf(view: View, day: string): { first: string; last: string } {
  if (view === "week") {
    const first = addDays(day, -weekdayIndex(day));
    return { first, last: addDays(first, 6) };
  }
  const first = `${day.slice(0, 8)}01`;
  const next = addDays(first, 32);
  return { first, last: addDays(`${next.slice(0, 8)}01`, -1) };
}

/** The view's next (or previous, step -1) reference day. */
export function shiftWindow(view: View, day: string, step: 1 | -1): string {
  if (view === "week") return addDays(day, 7 * step);
  const first = `${day.slice(0, 8)}01`;
  return `${addDays(first, step === 1 ? 32 : -1).slice(0, 8)}01`;
}

/** A window's instants for the API: [first 00:00, day after last 00:00) in Korea. */
export function windowInstants(first: string, last: string): { from: string; to: string } {
  return {
    from: `${first}T00:00:00${KOREA_OFFSET}`,
    to: `${addDays(last, 1)}T00:00:00${KOREA_OFFSET}`,
  };
}

/** An instant's day and time in Korea: { day: "2025-03-06", time: "09:00" }. */
export function koreanDayTime(iso: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    day: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}

export interface DayGroup {
  day: string;
  items: Occurrence[];
}

/** Occurrences by Korean day: today's first, then the days after it, then the days before. */
export function groupByDay(items: readonly Occurrence[], today: string): DayGroup[] {
  const byDay = new Map<string, Occurrence[]>();
  for (const item of items) {
    const { day } = koreanDayTime(item.starts_at ?? "");
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const days = [...byDay.keys()].sort();
  const rank = (day: string) => (day === today ? 0 : day > today ? 1 : 2);
  return days
    .sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.localeCompare(a) : a.localeCompare(b)))
    .map((day) => ({ day, items: byDay.get(day)! }));
}

// --- the form ----------------------------------------------------------------------------------

export type EndMode = "never" | "until" | "count";

export interface ScheduleFormValues {
  pet_id: string;
  kind: ScheduleKind;
  sub_type: SubType;
  title: string;
  times: string[];
  start_date: string;
  end_mode: EndMode;
  end_date: string;
  count: number;
  frequency: Frequency;
  interval: number;
  weekdays: Weekday[];
  month_day: number;
  medication_name: string;
  dosage: string;
  duration_days: number;
  reminder_enabled: boolean;
  reminder_lead_minutes: string; // a Select's value
  memo: string;
}

export function emptyValues(today: string, petId = ""): ScheduleFormValues {
  return {
    pet_id: petId,
    kind: "CARE",
    sub_type: "GROOMING",
    title: "",
    times: ["09:00"],
    start_date: today,
    end_mode: "never",
    end_date: "",
    count: 10,
    frequency: "NONE",
    interval: 1,
    weekdays: [],
    month_day: 0,
    medication_name: "",
    dosage: "",
    duration_days: 0,
    reminder_enabled: true,
    reminder_lead_minutes: "60",
    memo: "",
  };
}

export function valuesOf(s: Schedule): ScheduleFormValues {
  const endMode: EndMode = s.count ? "count" : s.end_date && !s.duration_days ? "until" : "never";
  return {
    pet_id: s.pet_id,
    kind: s.kind as ScheduleKind,
    sub_type: s.sub_type as SubType,
    title: s.title,
    times: [...s.times],
    start_date: s.start_date,
    end_mode: s.frequency === "NONE" ? "never" : endMode,
    end_date: s.end_date ?? "",
    count: s.count || 10,
    frequency: s.frequency as Frequency,
    interval: s.interval,
    weekdays: s.weekdays as Weekday[],
    month_day: s.month_day,
    medication_name: s.medication_name ?? "",
    dosage: s.dosage,
    duration_days: s.duration_days,
    reminder_enabled: s.reminder_enabled,
    reminder_lead_minutes: String(s.reminder_lead_minutes),
    memo: s.memo,
  };
}

/** The API body: only what applies to the chosen kind and frequency is sent. */
export function scheduleBody(v: ScheduleFormValues): ScheduleIn {
  const repeats = v.frequency !== "NONE";
  const medication = v.kind === "MEDICATION";
  const course = medication && v.duration_days > 0;
  return {
    kind: v.kind,
    sub_type: v.sub_type,
    title: v.title.trim(),
    times: [...v.times].sort(),
    start_date: v.start_date,
    end_date: repeats && !course && v.end_mode === "until" && v.end_date ? v.end_date : null,
    frequency: v.frequency,
    interval: repeats ? v.interval : 1,
    weekdays: v.frequency === "WEEKLY" ? v.weekdays : [],
    month_day: v.frequency === "MONTHLY" ? v.month_day : 0,
    count: repeats && !course && v.end_mode === "count" ? v.count : 0,
    medication_name: medication ? v.medication_name.trim() : null,
    dosage: medication ? v.dosage.trim() : "",
    doses_per_day: 0,
    duration_days: medication ? v.duration_days : 0,
    reminder_enabled: v.reminder_enabled,
    reminder_lead_minutes: Number(v.reminder_lead_minutes) as LeadMinutes,
    memo: v.memo.trim(),
  };
}

/** A lead time in words' parts: { unit: "minutes" | "days", n }; 0 is "at the time". */
export function leadParts(minutes: number): { unit: "now" | "minutes" | "days"; n: number } {
  if (minutes === 0) return { unit: "now", n: 0 };
  if (minutes % 1440 === 0) return { unit: "days", n: minutes / 1440 };
  return { unit: "minutes", n: minutes };
}
