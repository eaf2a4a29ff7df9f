// Client-side checks that save a round trip; the API still checks everything (and its
// field errors land beside the same fields through applyProblem).
import type { I18n } from "../i18n/I18nProvider";

export function email(t: I18n["t"]) {
  return (value: string) =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t("auth.emailInvalid");
}

export function required(t: I18n["t"]) {
  return (value: string) => (value.trim() ? null : t("auth.required"));
}

export function code(t: I18n["t"]) {
  return (value: string) => (/^\d{6}$/.test(value.trim()) ? null : t("auth.codeInvalid"));
}

/** A path inside the app to return to after signing in (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
