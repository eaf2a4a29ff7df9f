// A pet's age, from its birth date (as of today in Korea) or its owner's estimate in months.
import { TIME_ZONE } from "../../i18n/format";
import type { I18n } from "../../i18n/I18nProvider";

/** Today's date in Korea as "YYYY-MM-DD" (en-CA formats dates that way). */
export function todayInKorea(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

function parts(isoDate: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/** Whole months from `birthDate` to `today` (both "YYYY-MM-DD"); null if unreadable or ahead. */
export function monthsBetween(birthDate: string, today: string): number | null {
  const born = parts(birthDate);
  const now = parts(today);
  if (!born || !now) return null;
  let months = (now[0] - born[0]) * 12 + (now[1] - born[1]);
  if (now[2] < born[2]) months -= 1; // the month is not complete until the day comes round
  return months >= 0 ? months : null;
}

export interface Age {
  months: number;
  /** The owner's estimate rather than a birth date. */
  approx: boolean;
}

export function petAge(
  pet: { birth_date: string | null; approx_age_months: number | null },
  today: string,
): Age | null {
  if (pet.birth_date) {
    const months = monthsBetween(pet.birth_date, today);
    return months === null ? null : { months, approx: false };
  }
  return pet.approx_age_months === null ? null : { months: pet.approx_age_months, approx: true };
}

/** "3살 2개월", "5개월", "약 2살" (and English). */
export function ageLabel(age: Age, t: I18n["t"]): string {
  const years = Math.floor(age.months / 12);
  const months = age.months % 12;
  const text =
    years === 0
      ? t("pets.age.months", { months })
      : months === 0
        ? t("pets.age.years", { years })
        : t("pets.age.yearsMonths", { years, months });
  return age.approx ? t("pets.age.approx", { age: text }) : text;
}
