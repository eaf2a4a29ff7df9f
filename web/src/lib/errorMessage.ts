import { ApiError } from "../api/problem";
import type { I18n } from "../i18n/I18nProvider";

/** What to tell a person about a failed call, in their language where we can. */
export function errorMessage(error: unknown, t: I18n["t"]): string {
  if (!(error instanceof ApiError)) return t("error.unexpected");
  if (error.kind === "network") return t("error.network");
  if (error.kind === "server") return t("error.server");
  if (error.status === 429) {
    return t("error.tooManyRequests", { seconds: error.retryAfterSeconds ?? 60 });
  }
  return error.problem?.detail ?? error.problem?.title ?? t("error.unexpected");
}
