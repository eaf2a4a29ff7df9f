// Message keys for the API's enum values (the catalogue has one per value).
import type { MessageKey } from "../../i18n/ko";
import { leadParts } from "./rules";
import type { I18n } from "../../i18n/I18nProvider";

export const kindLabel = (kind: string) => `schedules.kind.${kind}` as MessageKey;
export const subTypeLabel = (sub: string) => `schedules.subType.${sub}` as MessageKey;
export const frequencyLabel = (f: string) => `schedules.frequency.${f}` as MessageKey;
export const weekdayLabel = (d: string) => `schedules.weekday.${d}` as MessageKey;

/** "정각에", "10분 전", "1일 전". */
export function leadLabel(t: I18n["t"], minutes: number): string {
  const { unit, n } = leadParts(minutes);
  if (unit === "now") return t("schedules.lead.now");
  return t(unit === "days" ? "schedules.lead.days" : "schedules.lead.minutes", { n });
}

export const KIND_COLORS: Readonly<Record<string, string>> = {
  MEDICATION: "red",
  CARE: "teal",
  VACCINATION: "grape",
  EXERCISE: "orange",
  TRAINING: "blue",
};
