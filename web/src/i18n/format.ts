// Language-aware formatting, pure (no React) so Vitest checks it directly. Dates are always
// shown in Korea's time zone, whatever the browser's, with the language's own date format.
import { ko, type MessageKey, type Messages } from "./ko";

export type Lang = "ko" | "en";
export const LANGS: readonly Lang[] = ["ko", "en"];
export const TIME_ZONE = "Asia/Seoul";

// Korean is in the main bundle; another language's catalogue is its own chunk, fetched
// when someone picks it (most people never do, and every area's messages add up).
const CATALOGUES: Partial<Record<Lang, Messages>> = { ko };

/** Make `lang`'s messages available (at once for Korean). */
export async function loadCatalogue(lang: Lang): Promise<void> {
  if (lang === "en" && !CATALOGUES.en) CATALOGUES.en = (await import("./en")).en;
}
const LOCALES: Record<Lang, string> = { ko: "ko-KR", en: "en-US" };

export type Params = Record<string, string | number>;

/** The message `key` in `lang`, its `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // A catalogue still loading reads as Korean (the provider switches once it is there).
  const template = (CATALOGUES[lang] ?? ko)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/** A price in won: "30,000원" (ko), "₩30,000" (en). */
export function formatPrice(krw: number, lang: Lang): string {
  return translate(lang, "common.price", { amount: formatNumber(krw, lang) });
}

function toDate(value: string | Date): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** A day in Korea: "2025년 3월 5일" (ko), "March 5, 2025" (en). */
export function formatDate(value: string | Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: "long",
    timeZone: TIME_ZONE,
  }).format(toDate(value));
}

/** An instant in Korea: "2025년 3월 5일 오후 3:04" (ko), "March 5, 2025 at 3:04 PM" (en). */
export function formatDateTime(value: string | Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(toDate(value));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When something happened, from `now`: "방금 전" under a minute (and for a clock a little
 * ahead), "N분 전", "N시간 전", "N일 전" up to 6 days, then the day in Korea; "" for
 * nonsense.
 */
export function formatRelative(iso: string, now: Date, lang: Lang): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  const age = now.getTime() - at;
  if (age < MINUTE) return translate(lang, "common.time.justNow");
  if (age < HOUR)
    return translate(lang, "common.time.minutes", { count: Math.floor(age / MINUTE) });
  if (age < DAY) return translate(lang, "common.time.hours", { count: Math.floor(age / HOUR) });
  if (age < 7 * DAY) return translate(lang, "common.time.days", { count: Math.floor(age / DAY) });
  return formatDate(new Date(at), lang);
}

/** A calendar date the API sends as "YYYY-MM-DD" (no time, no zone): shown as is. */
export function formatCalendarDate(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}
