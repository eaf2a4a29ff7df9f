// Message keys for the API's enum values (the catalogue has one per value).
import type { MessageKey } from "../../i18n/ko";
import type { Notice, PrescriptionStatus } from "./types";

export const statusLabel = (s: PrescriptionStatus) => `prescriptions.status.${s}` as MessageKey;
export const noticeLabel = (n: Notice) => `prescriptions.notice.${n}` as MessageKey;
export const leadLabel = (minutes: number) => `prescriptions.lead.${minutes}` as MessageKey;

// Filled badges in the darkest shades: white text on them passes WCAG AA.
export const STATUS_COLORS: Readonly<Record<PrescriptionStatus, string>> = {
  READING: "blue.9",
  DRAFT: "petful.8",
  CONFIRMED: "teal.9",
};
