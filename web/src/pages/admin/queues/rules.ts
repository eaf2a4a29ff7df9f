// Pure rules of the review queues: each queue's view in the address, which decisions a
// queue item allows, the reason the API asks for, a suspension's end, the waiting counts
// and the business document's kind. Vitest checks them.

/** The API's limits on a decision's reason (platform/validation.py check_reason), trimmed. */
export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** Why a reason cannot be sent yet (null: it can), checked as the API will check it. */
export function reasonProblem(reason: string): "short" | "long" | null {
  const length = reason.trim().length;
  if (length < REASON_MIN) return "short";
  if (length > REASON_MAX) return "long";
  return null;
}

/** Enough to fill a queue's first screen and to count what waits (the API allows 100). */
export const PAGE_SIZE = 20;
export const COUNT_PAGE_SIZE = 100;

/** A waiting count for the index: exact, or "100+" when a further page exists. */
export function countText(items: number, hasMore: boolean): string {
  return hasMore ? `${items}+` : String(items);
}

// --- a view in the address ----------------------------------------------------------------

/** One filter of a queue: its allowed values, the first being the default. */
function pick<T extends string>(params: URLSearchParams, name: string, values: readonly T[]): T {
  const value = params.get(name);
  return values.includes(value as T) ? (value as T) : values[0]!;
}

/** The query string of a view, defaults left out, so each view has one spelling. */
function spell(entries: [string, string, string][]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value, fallback] of entries) if (value !== fallback) params.set(name, value);
  return params;
}

// Reports: OPEN first (what needs a decision), then the decided ones, then everything.
export const REPORT_STATUSES = ["OPEN", "RESOLVED", "DISMISSED", "ALL"] as const;
export const REPORT_TARGETS = ["ALL", "POST", "COMMENT", "USER"] as const;
export type ReportStatusFilter = (typeof REPORT_STATUSES)[number];
export type ReportTargetFilter = (typeof REPORT_TARGETS)[number];
export type ReportTargetType = Exclude<ReportTargetFilter, "ALL">;

export interface ReportView {
  status: ReportStatusFilter;
  target: ReportTargetFilter;
}

export function parseReportView(params: URLSearchParams): ReportView {
  return {
    status: pick(params, "status", REPORT_STATUSES),
    target: pick(params, "target", REPORT_TARGETS),
  };
}

export function reportViewParams(view: ReportView): URLSearchParams {
  return spell([
    ["status", view.status, REPORT_STATUSES[0]],
    ["target", view.target, REPORT_TARGETS[0]],
  ]);
}

// Advertisers: those waiting for approval first; approved ones can be restricted,
// restricted ones reinstated.
export const ADVERTISER_STATUSES = ["PENDING", "APPROVED", "RESTRICTED", "REJECTED"] as const;
export type AdvertiserStatusFilter = (typeof ADVERTISER_STATUSES)[number];

export function parseAdvertiserStatus(params: URLSearchParams): AdvertiserStatusFilter {
  return pick(params, "status", ADVERTISER_STATUSES);
}

export function advertiserStatusParams(status: AdvertiserStatusFilter): URLSearchParams {
  return spell([["status", status, ADVERTISER_STATUSES[0]]]);
}

// PetStar applications: IN_REVIEW is the state an admin decides (the SNS figures are in);
// approved ones are where a PetStar is revoked.
export const APPLICATION_STATES = ["IN_REVIEW", "APPROVED", "REJECTED", "REVOKED"] as const;
export type ApplicationStateFilter = (typeof APPLICATION_STATES)[number];

export function parseApplicationState(params: URLSearchParams): ApplicationStateFilter {
  return pick(params, "state", APPLICATION_STATES);
}

export function applicationStateParams(state: ApplicationStateFilter): URLSearchParams {
  return spell([["state", state, APPLICATION_STATES[0]]]);
}

// --- decisions ----------------------------------------------------------------------------

/** What resolving a report does besides closing it (the API's ModerationAction). */
export type ModerationAction =
  "NONE" | "HIDE_CONTENT" | "DELETE_CONTENT" | "WARN_AUTHOR" | "SUSPEND_AUTHOR";

export type ReportDecision = ModerationAction | "DISMISS";

/** The decisions an open report allows: content actions only for posts and comments
 *  (a reported user has no content to hide), and nothing once it is decided. */
export function reportDecisions(targetType: string, status: string): ReportDecision[] {
  if (status !== "OPEN") return [];
  const content = targetType === "POST" || targetType === "COMMENT";
  return [
    ...(content ? (["HIDE_CONTENT", "DELETE_CONTENT", "WARN_AUTHOR"] as const) : []),
    "SUSPEND_AUTHOR",
    "NONE",
    "DISMISS",
  ];
}

/** Advertiser decisions by profile status (advertisers/rules.py's transitions). */
export type AdvertiserDecision = "approve" | "reject" | "restrict" | "reinstate";

export function advertiserDecisions(status: string): AdvertiserDecision[] {
  switch (status) {
    case "PENDING":
      return ["approve", "reject"];
    case "APPROVED":
      return ["restrict"];
    case "RESTRICTED":
      return ["reinstate"];
    default:
      return [];
  }
}

export type ApplicationDecision = "approve" | "reject" | "revoke";
export type CampaignDecision = "approve" | "reject" | "cancel";

/** Whether a decision needs the admin's reason (the person concerned reads it). */
export function needsReason(decision: AdvertiserDecision | ReportDecision | string): boolean {
  return !["approve", "reinstate"].includes(decision);
}

/** How long a suspension from a report lasts: days, or null until an admin lifts it. */
export const SUSPENSION_DAYS = ["7", "30", "forever"] as const;
export type SuspensionLength = (typeof SUSPENSION_DAYS)[number];

/** The end of a suspension starting `now` (ISO), or null for one until lifted. */
export function suspendUntil(length: SuspensionLength, now: Date): string | null {
  if (length === "forever") return null;
  return new Date(now.getTime() + Number(length) * 24 * 60 * 60 * 1000).toISOString();
}

// --- the business document ---------------------------------------------------------------

/** How the viewer shows a document: a picture inline; a PDF in the browser's own viewer
 *  (a new tab: the app's CSP lets no frame or plugin show blob: content inline). */
export function documentKind(contentType: string): "image" | "pdf" | "other" {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type.startsWith("image/")) return "image";
  return type === "application/pdf" ? "pdf" : "other";
}
