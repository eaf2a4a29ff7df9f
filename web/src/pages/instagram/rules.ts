// Pure helpers of the instagram pages (no React): number and month formats, what a sync
// answered, chart data, and the moderation log's reasons. Vitest checks them.
import type { Lang } from "../../i18n/format";
import type { Account, MonthlyInsight, Pet } from "./types";

const LOCALES: Record<Lang, string> = { ko: "ko-KR", en: "en-US" };

/** A month the API sends as "YYYY-MM": "2026년 6월" (ko), "Jun 2026" (en). */
export function formatMonth(isoMonth: string, lang: Lang): string {
  const [year, month] = isoMonth.split("-").map(Number);
  if (!year || !month) return isoMonth;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    year: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** A fraction (0.0444) as a percentage: "4.4%". */
export function formatRate(fraction: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(fraction);
}

/** A percentage the API already scaled (47.4 or a change of -17.5): "47.4%", "-17.5%"
 * (`signed` adds "+" to a rise). */
export function formatPercent(percent: number, lang: Lang, signed = false): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(percent / 100);
}

/** A count with its sign: "+186", "-3", "0". */
export function formatChange(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { signDisplay: "exceptZero" }).format(value);
}

export type SyncOutcome = "synced" | "failed" | "needsReauth";

/** What a "sync now" answer means for the person who asked. */
export function syncOutcome(account: Pick<Account, "status" | "last_sync_error">): SyncOutcome {
  if (account.status === "NEEDS_REAUTH") return "needsReauth";
  return account.last_sync_error ? "failed" : "synced";
}

function isEmptyMonth(m: MonthlyInsight): boolean {
  return !m.likes && !m.comments && !m.shares && !m.views && !m.reach;
}

/** The monthly insights from the first month with any activity (months before the account
 * had posts, or before the history we hold, read as zeros and say nothing). */
export function activeInsights(insights: readonly MonthlyInsight[]): MonthlyInsight[] {
  const first = insights.findIndex((m) => !isEmptyMonth(m));
  return first < 0 ? [] : insights.slice(first);
}

export type Reason =
  | { kind: "bannedWord"; word: string }
  | { kind: "negative" }
  | { kind: "manual" }
  | { kind: "other"; text: string };

/** A moderation log reason ("banned_word:<w>", "negative", "manual") in parts to translate. */
export function parseReason(reason: string): Reason {
  if (reason.startsWith("banned_word:")) {
    return { kind: "bannedWord", word: reason.slice("banned_word:".length) };
  }
  if (reason === "negative") return { kind: "negative" };
  if (reason === "manual") return { kind: "manual" };
  return { kind: "other", text: reason };
}

/** The API names a bad banned word by index ("banned_words.3"); the form has one field. */
export function bannedWordsRename(max: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: max }, (_, i) => [`banned_words.${i}`, "banned_words"]),
  );
}

/** The pet an account is connected to, if any (an account serves one pet at most). */
export function petOf(accountId: string, pets: readonly Pet[]): Pet | undefined {
  return pets.find((pet) => pet.instagram_account_id === accountId);
}
