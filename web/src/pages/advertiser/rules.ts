// The advertiser console's pure logic (no React, so Vitest checks it directly): the same
// rules the API enforces, checked as the advertiser types (registration number, schedule
// order, the disclosure hashtag), the campaign editor's value conversions and the campaign
// list's search, phase filter and sort.
import type { ApplicantStatus, Campaign, Phase, ProfileStatus } from "./types";

// --- company profile -------------------------------------------------------------------------

const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];
const BRN_RE = /^(\d{3})-?(\d{2})-?(\d{5})$/;

export type BrnProblem = "required" | "format" | "checksum";

/** Why a 사업자등록번호 is not valid (null: it is): 10 digits with the official check digit,
 * the advertisers service's rule. */
export function brnProblem(raw: string): BrnProblem | null {
  const text = raw.trim();
  if (!text) return "required";
  const m = BRN_RE.exec(text);
  if (!m) return "format";
  const digits = m.slice(1).join("").split("").map(Number);
  let total = BRN_WEIGHTS.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0);
  total += Math.floor(((digits[8] ?? 0) * 5) / 10);
  return (10 - (total % 10)) % 10 === digits[9] ? null : "checksum";
}

/** "1234567891" -> "123-45-67891" (anything else as typed). */
export function formatBrn(raw: string): string {
  const m = BRN_RE.exec(raw.trim());
  return m ? m.slice(1).join("-") : raw;
}

/** Whether the profile's fields may be changed now (the API refuses while in review or
 * restricted). */
export function profileEditable(status: ProfileStatus | null): boolean {
  return status === null || !["PENDING", "RESTRICTED", "WITHDRAWN"].includes(status);
}

/** Whether the profile can be sent for review: a draft or a rejected one, with its
 * registration certificate. */
export function canSubmitProfile(status: ProfileStatus | null, hasDocument: boolean): boolean {
  return (status === "DRAFT" || status === "REJECTED") && hasDocument;
}

export const DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;

/** Why a picked file cannot be the registration certificate (null: fine). */
export function documentProblem(file: { type: string; size: number }): "type" | "size" | null {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return "type";
  return file.size > 10 * 1024 * 1024 ? "size" : null;
}

// --- campaign schedule -----------------------------------------------------------------------

export const SCHEDULE_FIELDS = [
  "recruit_start",
  "recruit_end",
  "announce_at",
  "activity_start",
  "activity_end",
] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];
export type Schedule = Record<ScheduleField, string>;
export type ScheduleProblem = "past" | "afterPrevious" | "notBeforePrevious";

// Korea keeps one offset all year, so a wall-clock time there is that time at +09:00.
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/** An instant as the value of a datetime-local input in Korea's time ("2026-03-02T09:00"). */
export function toSeoulInput(iso: string | null): string {
  if (!iso) return "";
  const at = new Date(Date.parse(iso) + SEOUL_OFFSET_MS);
  return at.toISOString().slice(0, 16);
}

/** A datetime-local value in Korea's time as an instant (RFC 3339), or null when empty or
 * unreadable. */
export function fromSeoulInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = Date.parse(`${value}:00+09:00`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/**
 * What is wrong with the schedule, by field: recruit start < recruit end <= announcement <=
 * activity start < activity end (the campaigns service's order); with `now`, every date in
 * the future as well (checked at submission). Empty dates are left to the required check.
 */
export function scheduleProblems(
  s: Schedule,
  now: Date | null,
): Partial<Record<ScheduleField, ScheduleProblem>> {
  const at = (f: ScheduleField) => {
    const iso = fromSeoulInput(s[f]);
    return iso === null ? null : Date.parse(iso);
  };
  const out: Partial<Record<ScheduleField, ScheduleProblem>> = {};
  const order: [ScheduleField, ScheduleField, "strict" | "loose"][] = [
    ["recruit_start", "recruit_end", "strict"],
    ["recruit_end", "announce_at", "loose"],
    ["announce_at", "activity_start", "loose"],
    ["activity_start", "activity_end", "strict"],
  ];
  for (const [before, after, kind] of order) {
    const a = at(before);
    const b = at(after);
    if (a === null || b === null) continue;
    if (kind === "strict" ? !(a < b) : !(a <= b)) {
      out[after] = kind === "strict" ? "afterPrevious" : "notBeforePrevious";
    }
  }
  if (now) {
    for (const f of SCHEDULE_FIELDS) {
      const t = at(f);
      if (t !== null && t <= now.getTime() && !out[f]) out[f] = "past";
    }
  }
  return out;
}

// --- campaign texts --------------------------------------------------------------------------

/** The Korean FTC's endorsement guideline: a sponsored post says so with one of these. */
export const DISCLOSURE_TAGS = ["#광고", "#협찬"] as const;

/** One item a line (missions, requirements), blank lines and repeats dropped. */
export function lines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const item = raw.split(/\s+/).filter(Boolean).join(" ");
    if (item && !out.includes(item)) out.push(item);
  }
  return out;
}

/** Words separated by commas or spaces (keywords). */
export function words(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Hashtags as the API stores them: each with its `#`, repeats dropped (case-insensitive). */
export function hashtags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const word of words(text)) {
    const tag = word.startsWith("#") ? word : `#${word}`;
    if (tag.length > 1 && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

export function hasDisclosure(tags: readonly string[]): boolean {
  return tags.some((tag) => (DISCLOSURE_TAGS as readonly string[]).includes(tag));
}

/** A hashtag the API would refuse: letters (Korean too), digits and _ only. */
export function badHashtag(tags: readonly string[]): string | null {
  return tags.find((tag) => !/^#[\p{L}\p{N}_]+$/u.test(tag)) ?? null;
}

// --- campaign phases -------------------------------------------------------------------------

/** Every field may change while a draft or rejected; a recruiting campaign may change only
 * what applicants did not agree to (the API's non-material fields). */
export type Editing = "all" | "nonMaterial" | "none";

export function editing(phase: Phase): Editing {
  if (phase === "DRAFT" || phase === "REJECTED") return "all";
  return phase === "RECRUITING" ? "nonMaterial" : "none";
}

export const NON_MATERIAL = new Set([
  "product_description",
  "image_media_ids",
  "requirements",
  "product_url",
  "objective",
]);

export function canSubmitCampaign(phase: Phase): boolean {
  return phase === "DRAFT" || phase === "REJECTED";
}

/** Before the announcement only (afterwards PetStars are committed; admins may still end it). */
export function canCancelCampaign(phase: Phase): boolean {
  return ["DRAFT", "PENDING_REVIEW", "REJECTED", "RECRUITING", "SELECTING"].includes(phase);
}

/** Where a campaign's work is now: choosing applicants, running it, or its results. */
export type Stage = "applicants" | "running" | "report" | null;

export function stageOf(phase: Phase): Stage {
  if (phase === "RECRUITING" || phase === "SELECTING") return "applicants";
  if (phase === "ANNOUNCED" || phase === "IN_PROGRESS" || phase === "REVIEWING") return "running";
  return phase === "COMPLETED" ? "report" : null;
}

// --- the campaign list -----------------------------------------------------------------------

export type ListSort = "updated" | "deadline" | "title";
export const LIST_SORTS: readonly ListSort[] = ["updated", "deadline", "title"];

/** Phases grouped as the list's filter offers them; "archived" is the archive (보관함),
 * where finished campaigns the advertiser put away are, whatever their phase. */
export type PhaseGroup =
  "all" | "draft" | "review" | "recruiting" | "running" | "ended" | "archived";
export const PHASE_GROUPS: readonly PhaseGroup[] = [
  "all",
  "draft",
  "review",
  "recruiting",
  "running",
  "ended",
  "archived",
];
const GROUP_OF: Record<Phase, Exclude<PhaseGroup, "all" | "archived">> = {
  DRAFT: "draft",
  REJECTED: "draft",
  PENDING_REVIEW: "review",
  RECRUITING: "recruiting",
  SELECTING: "recruiting",
  ANNOUNCED: "running",
  IN_PROGRESS: "running",
  REVIEWING: "running",
  COMPLETED: "ended",
  CANCELLED: "ended",
};

export function phaseGroup(phase: Phase): PhaseGroup {
  return GROUP_OF[phase];
}

/** Only a finished campaign goes in the archive (the API says 409 for any other). */
export function canArchive(campaign: Pick<Campaign, "phase" | "archived_at">): boolean {
  return (
    !campaign.archived_at && (campaign.phase === "COMPLETED" || campaign.phase === "CANCELLED")
  );
}

export interface ListFilters {
  q: string;
  group: PhaseGroup;
  sort: ListSort;
}

/** What the list asks the API (GET /api/v1/advertiser/campaigns): the server searches,
 * filters and sorts, and pages with its cursor. */
export interface ListQuery {
  q?: string;
  phase?: Phase[];
  sort: ListSort;
  archived?: boolean;
}

export function listQuery(f: ListFilters): ListQuery {
  const q = f.q.trim();
  const query: ListQuery = { sort: f.sort };
  if (q) query.q = q;
  if (f.group === "archived") query.archived = true;
  else if (f.group !== "all") {
    query.phase = (Object.keys(GROUP_OF) as Phase[]).filter((p) => GROUP_OF[p] === f.group);
  }
  return query;
}

export function readListFilters(params: URLSearchParams): ListFilters {
  const group = params.get("phase") as PhaseGroup | null;
  const sort = params.get("sort") as ListSort | null;
  return {
    q: params.get("q") ?? "",
    group: group && PHASE_GROUPS.includes(group) ? group : "all",
    sort: sort && LIST_SORTS.includes(sort) ? sort : "updated",
  };
}

export function writeListFilters(f: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set("q", f.q.trim());
  if (f.group !== "all") params.set("phase", f.group);
  if (f.sort !== "updated") params.set("sort", f.sort);
  return params;
}

// --- running a campaign ----------------------------------------------------------------------

/** The applicants who were chosen: everyone the campaign's running and its report are about. */
export const SELECTED_LIKE: ReadonlySet<ApplicantStatus> = new Set([
  "SELECTED",
  "SHIPPED",
  "CONTENT_SUBMITTED",
  "REVISION_REQUESTED",
  "APPROVED",
  "COMPLETED",
  "NO_SHOW",
]);
