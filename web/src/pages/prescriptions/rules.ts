// Pure rules of the prescription pages: the review form's values and what the API is sent.
import type { MessageKey } from "../../i18n/ko";
import type { ConfirmIn, MedicationIn, PrescribedMedication, Prescription } from "./types";

export const MAX_MEDICATIONS = 10;
export const MAX_DOSES_PER_DAY = 6;
/** Reminder lead times the schedules offer, in minutes before each dose. */
export const LEADS = [0, 10, 30, 60, 1440, 2880, 4320] as const;
export type Lead = (typeof LEADS)[number];
export const REMINDER_OFF = "off";

/** Dose times when the prescription says nothing about the time of day (as the API). */
export const DEFAULT_TIMES: Readonly<Record<number, readonly string[]>> = {
  1: ["09:00"],
  2: ["08:00", "20:00"],
  3: ["08:00", "13:00", "20:00"],
  4: ["08:00", "12:00", "16:00", "20:00"],
  5: ["07:00", "11:00", "15:00", "19:00", "23:00"],
  6: ["06:00", "10:00", "14:00", "18:00", "22:00", "02:00"],
};

export interface MedicationValues {
  drug_name: string;
  dosage: string;
  administration: string;
  doses_per_day: number | "";
  days: number | "";
  // The OCR line each field came from (null: typed by the owner).
  drug_name_line: number | null;
  dosage_line: number | null;
  administration_line: number | null;
  days_line: number | null;
  times: string[];
}

export interface ReviewValues {
  medications: MedicationValues[];
  start_date: string;
  /** A lead in minutes as text (Select values are strings); REMINDER_OFF for none. */
  reminder: string;
}

export function medicationValues(m: PrescribedMedication): MedicationValues {
  const doses = m.doses_per_day ?? "";
  return {
    drug_name: m.drug_name,
    dosage: m.dosage,
    administration: m.administration,
    doses_per_day: doses,
    days: m.days ?? "",
    drug_name_line: m.drug_name_line ?? null,
    dosage_line: m.dosage_line ?? null,
    administration_line: m.administration_line ?? null,
    days_line: m.days_line ?? null,
    times: m.suggested_times.length ? [...m.suggested_times] : timesFor(doses, []),
  };
}

export function emptyMedication(): MedicationValues {
  return {
    drug_name: "",
    dosage: "",
    administration: "",
    doses_per_day: 1,
    days: 7,
    drug_name_line: null,
    dosage_line: null,
    administration_line: null,
    days_line: null,
    times: [...DEFAULT_TIMES[1]!],
  };
}

export function reviewValues(p: Prescription, today: string): ReviewValues {
  return { medications: p.medications.map(medicationValues), start_date: today, reminder: "10" };
}

/** Dose times for `doses` a day: the ones chosen so far where they fit, then defaults. */
export function timesFor(doses: number | "", current: readonly string[]): string[] {
  if (doses === "" || doses < 1 || doses > MAX_DOSES_PER_DAY) return [];
  if (current.length === doses) return [...current];
  const defaults = DEFAULT_TIMES[doses] ?? [];
  const kept = current.slice(0, doses);
  const rest = defaults.filter((time) => !kept.includes(time));
  return [...kept, ...rest].slice(0, doses);
}

const orNull = (value: number | ""): number | null => (value === "" ? null : value);

/** The medications as PUT /medications takes them. */
export function medicationsBody(values: ReviewValues): MedicationIn[] {
  return values.medications.map((m) => ({
    drug_name: m.drug_name.trim(),
    dosage: m.dosage.trim(),
    administration: m.administration.trim(),
    doses_per_day: orNull(m.doses_per_day),
    days: orNull(m.days),
    drug_name_line: m.drug_name_line,
    dosage_line: m.dosage_line,
    administration_line: m.administration_line,
    days_line: m.days_line,
  }));
}

/** The confirmation as POST /confirm takes it. */
export function confirmBody(values: ReviewValues): ConfirmIn {
  return {
    start_date: values.start_date || null,
    reminder_lead_minutes:
      values.reminder === REMINDER_OFF ? null : (Number(values.reminder) as Lead),
    dose_times: values.medications.map((m) => [...m.times].sort()),
  };
}

/** API field -> form field: the API names dose times `dose_times.<i>`, the form keeps them
 *  with their medication. */
export function confirmRename(count: number): Record<string, string> {
  const rename: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) {
    rename[`dose_times.${i}`] = `medications.${i}.times`;
    for (let j = 0; j < MAX_DOSES_PER_DAY; j += 1) {
      rename[`dose_times.${i}.${j}`] = `medications.${i}.times`;
    }
  }
  rename.reminder_lead_minutes = "reminder";
  return rename;
}

const MEDICATION_FIELDS = [
  "drug_name",
  "dosage",
  "administration",
  "doses_per_day",
  "days",
  "times",
] as const;

/** Every field path the review form shows (API errors on other paths go above the form). */
export function formFields(values: ReviewValues): string[] {
  const paths = ["medications", "start_date", "reminder"];
  values.medications.forEach((_, i) => {
    for (const field of MEDICATION_FIELDS) paths.push(`medications.${i}.${field}`);
  });
  return paths;
}

const FIELD_MESSAGES: Readonly<Record<string, MessageKey>> = {
  drug_name: "prescriptions.error.drugName",
  dosage: "prescriptions.error.dosage",
  administration: "prescriptions.error.administration",
  doses_per_day: "prescriptions.error.dosesPerDay",
  days: "prescriptions.error.days",
  times: "prescriptions.error.times",
  start_date: "prescriptions.error.startDate",
  reminder: "prescriptions.error.reminder",
};

/** What a refused field means, in the catalogue (null: a field without its own message). */
export function fieldMessage(path: string): MessageKey | null {
  const name = path.split(".").pop() ?? "";
  return FIELD_MESSAGES[name] ?? null;
}

/** The OCR line a field came from, or null when it was typed (or the index is stale). */
export function sourceLine(lines: readonly string[], index: number | null): string | null {
  if (index === null || index < 0 || index >= lines.length) return null;
  return lines[index] ?? null;
}

/** Still being read: the detail page polls until it is not. */
export const isReading = (p: Pick<Prescription, "status"> | undefined) => p?.status === "READING";
