// Pure rules of the admin console: the filters in the address (users, audit log), the
// suspension's end date, the broadcast draft's limits, the delivery statistics' totals and
// the dashboard's 30 days. Vitest checks them; the API enforces the same limits.
import type { MessageKey } from "../../i18n/ko";
import type {
  Audience,
  AuditTargetType,
  BroadcastDraft,
  DeliveryCount,
  QueueName,
  RoleFilter,
  StatusFilter,
} from "./types";

export const PAGE_SIZE = 20;
export const ROLES = ["USER", "ADVERTISER", "ADMIN"] as const satisfies readonly RoleFilter[];
export const STATUSES = [
  "ACTIVE",
  "SUSPENDED",
  "WITHDRAWN",
] as const satisfies readonly StatusFilter[];
export const AUDIT_TARGETS = [
  "USER",
  "SESSION",
  "REPORT",
] as const satisfies readonly AuditTargetType[];
/** The actions the audit log records today (a newer one shows by its code). */
export const AUDIT_ACTIONS = [
  "user.suspend",
  "user.unsuspend",
  "user.role_change",
  "sessions.revoke_all",
  "session.revoke",
  "advertiser.approve",
  "advertiser.reject",
  "advertiser.restrict",
  "advertiser.reinstate",
  "report.resolve",
  "report.dismiss",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  list.includes(value as T) ? (value as T) : null;

// --- users ---------------------------------------------------------------------------------

export interface UserView {
  /** Email or nickname, a part of either. */
  q: string;
  role: RoleFilter | null;
  status: StatusFilter | null;
}

const Q_MAX = 100;

/** The user search an address names (anything unknown: left out). */
export function parseUserView(params: URLSearchParams): UserView {
  return {
    q: (params.get("q") ?? "").trim().slice(0, Q_MAX),
    role: oneOf(ROLES, params.get("role")),
    status: oneOf(STATUSES, params.get("status")),
  };
}

/** The query string of a search, empty parts left out (one spelling per search). */
export function userViewParams({ q, role, status }: UserView): URLSearchParams {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  if (role) params.set("role", role);
  if (status) params.set("status", status);
  return params;
}

// --- the audit log -------------------------------------------------------------------------

export interface AuditView {
  target_type: AuditTargetType | null;
  action: string | null;
  /** The account or thing acted on (a UUID). */
  target_id: string | null;
  /** The admin who acted (a UUID). */
  actor_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value.trim());

const uuidOrNull = (value: string | null): string | null =>
  value && isUuid(value) ? value.trim().toLowerCase() : null;

/** The audit-log filter an address names; a malformed id is dropped rather than sent (the
 * API would refuse the whole request). */
export function parseAuditView(params: URLSearchParams): AuditView {
  const action = (params.get("action") ?? "").trim();
  return {
    target_type: oneOf(AUDIT_TARGETS, params.get("target_type")),
    action: action && action.length <= 100 ? action : null,
    target_id: uuidOrNull(params.get("target_id")),
    actor_id: uuidOrNull(params.get("actor_id")),
  };
}

export function auditViewParams(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["target_type", "action", "target_id", "actor_id"] as const) {
    const value = view[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The catalogue's name for a kind of target: the filter's three, and advertisers (whose
 * decisions the log records too, though the API offers no filter for them). */
export function auditTargetKey(targetType: string): MessageKey | null {
  const known = oneOf([...AUDIT_TARGETS, "ADVERTISER"] as const, targetType);
  return known ? (`admin.audit.target.${known}` as const) : null;
}

/** The catalogue's name for an action; null for one this app does not know yet. */
export function auditActionKey(action: string): MessageKey | null {
  return oneOf(AUDIT_ACTIONS, action)
    ? (`admin.audit.action.${action as AuditAction}` as const)
    : null;
}

/** Why identity ended a session (its `revoked_reason` codes). */
export const SESSION_END_REASONS = [
  "logout",
  "password_changed",
  "password_reset",
  "refresh_token_reuse",
  "revoked_by_admin",
  "role_changed",
  "suspended",
  "withdrawn",
] as const;

/** The catalogue's words for why a session ended; null for a code this app does not know. */
export function sessionEndKey(reason: string): MessageKey | null {
  const known = oneOf(SESSION_END_REASONS, reason);
  return known ? (`admin.sessions.end.${known}` as const) : null;
}

// --- suspension ----------------------------------------------------------------------------

export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** The reason every admin action on an account asks for: the API's 5-500 characters. */
export function reasonProblem(reason: string): "reasonShort" | "reasonLong" | null {
  const length = reason.trim().length;
  if (length < REASON_MIN) return "reasonShort";
  if (length > REASON_MAX) return "reasonLong";
  return null;
}

/** A suspension's end: the end of the chosen day in Korea (23:59:59 +09:00), so "until
 * March 6" includes all of March 6 wherever the admin's browser is. Null: until lifted. */
export function suspensionEnd(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return `${day}T23:59:59+09:00`;
}

/** Today in Korea as YYYY-MM-DD (the earliest day a suspension may end). */
export function koreaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Whether a chosen end day is too early (before today in Korea); empty is fine (no end). */
export function endDayProblem(day: string, now: Date = new Date()): "endPast" | null {
  return day && day < koreaToday(now) ? "endPast" : null;
}

// --- broadcasts ----------------------------------------------------------------------------

export const AUDIENCES = [
  "ALL",
  "USER",
  "ADVERTISER",
  "ADMIN",
] as const satisfies readonly Audience[];
export const TITLE_MAX = 100;
export const BODY_MAX = 1000;

export type DraftProblems = Partial<Record<"title" | "body" | "link", MessageKey>>;

/** What is wrong with a draft before it is sent (the service checks the same limits). */
export function draftProblems(
  draft: Pick<BroadcastDraft, "title" | "body" | "link">,
): DraftProblems {
  const problems: DraftProblems = {};
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title) problems.title = "admin.broadcast.titleRequired";
  else if (title.length > TITLE_MAX) problems.title = "admin.broadcast.titleLong";
  if (!body) problems.body = "admin.broadcast.bodyRequired";
  else if (body.length > BODY_MAX) problems.body = "admin.broadcast.bodyLong";
  const link = draft.link?.trim() ?? "";
  if (link && (!link.startsWith("/") || link.startsWith("//"))) {
    problems.link = "admin.broadcast.linkPath";
  }
  return problems;
}

// --- delivery statistics -------------------------------------------------------------------

/** The notification types the platform sends today (services/petful/notifications/catalogue.py
 * and announcements); a newer one shows by its code. */
export const NOTIFICATION_TYPES = [
  "ANNOUNCEMENT",
  "CAMPAIGN_INVITED",
  "APPLICATION_SELECTED",
  "APPLICATION_NOT_SELECTED",
  "SHIPMENT_SENT",
  "CONTENT_DUE_SOON",
  "CONTENT_APPROVED",
  "CONTENT_REVISION_REQUESTED",
  "APPLICATION_RECEIVED",
  "CONTENT_SUBMITTED",
  "CAMPAIGN_APPROVED",
  "CAMPAIGN_REJECTED",
  "ADVERTISER_APPROVED",
  "ADVERTISER_REJECTED",
  "PETSTAR_APPROVED",
  "PETSTAR_REJECTED",
  "PETSTAR_REVOKED",
  "INSTAGRAM_RECONNECT_NEEDED",
  "POST_COMMENTED",
  "COMMENT_REPLIED",
  "POST_LIKED",
  "REPORT_RESOLVED",
  "REPORT_DISMISSED",
  "CONTENT_HIDDEN",
  "CONTENT_DELETED",
  "CONTENT_RESTORED",
  "CONTENT_WARNED",
  "ACCOUNT_SUSPENDED",
  "HEALTH_REMINDER",
] as const;

/** The catalogue's name for a notification type; null for one this app does not know. */
export function notificationTypeKey(type: string): MessageKey | null {
  const known = oneOf(NOTIFICATION_TYPES, type);
  return known ? (`admin.type.${known}` as const) : null;
}

export interface TypeTotals {
  type: string;
  inApp: { written: number; opened: number } | null;
  /** EMAIL and PUSH, each when the type used it. */
  channels: DeliveryCount[];
}

/** The statistics grouped by notification type (most written first), so one row per type
 * shows its inbox figures beside its mail and push figures. */
export function totalsByType(counts: readonly DeliveryCount[]): TypeTotals[] {
  const byType = new Map<string, TypeTotals>();
  for (const count of counts) {
    const totals = byType.get(count.type) ?? { type: count.type, inApp: null, channels: [] };
    if (count.channel === "IN_APP") {
      totals.inApp = { written: count.written, opened: count.opened };
    } else {
      totals.channels.push(count);
    }
    byType.set(count.type, totals);
  }
  const volume = (t: TypeTotals) =>
    (t.inApp?.written ?? 0) + t.channels.reduce((n, c) => n + c.sent + c.failed, 0);
  return [...byType.values()].sort((a, b) => volume(b) - volume(a) || a.type.localeCompare(b.type));
}

/** A share as a whole percent ("–" when there is nothing to share). */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : "–";
}

// --- the dashboard -------------------------------------------------------------------------

/** The review queues in the order the console lists them, with where each one is handled. */
export const QUEUES: readonly { name: QueueName; to: string }[] = [
  { name: "advertisers", to: "/admin/queues/advertisers" },
  { name: "petstars", to: "/admin/queues/petstars" },
  { name: "campaigns", to: "/admin/queues/campaigns" },
  { name: "reports", to: "/admin/queues/reports" },
];

/** "2026-03-06" -> "3/6": short enough for 30 days on a phone's axis. */
export function shortDay(isoDay: string): string {
  return `${Number(isoDay.slice(5, 7))}/${Number(isoDay.slice(8, 10))}`;
}
