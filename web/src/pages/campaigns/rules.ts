// The campaigns area's pure logic (no React, so Vitest checks it directly): deadlines in
// Korea's calendar, the schedule as a timeline, what an application allows now, the
// checklist's item names and the list page's filters in the address.
import {
  SORTS,
  SPECIES,
  TABS,
  type Applicant,
  type ApplicantStatus,
  type CampaignAd,
  type Pet,
  type Phase,
  type Sort,
  type Species,
  type Tab,
} from "./types";

const DAY_MS = 86_400_000;
const SEOUL_DAY = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "numeric",
  day: "numeric",
});

/** The day in Korea an instant falls on, as a day count (for differences in whole days). */
export function seoulDay(instant: Date): number {
  const part = (type: string) =>
    Number(SEOUL_DAY.formatToParts(instant).find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day")) / DAY_MS;
}

export type Deadline = { kind: "days"; days: number } | { kind: "today" } | { kind: "closed" };

/** "D-3" style: calendar days in Korea until `end`; "today" on its day; "closed" after it. */
export function deadline(end: string | null, now: Date): Deadline | null {
  if (!end) return null;
  const at = new Date(end);
  if (now.getTime() >= at.getTime()) return { kind: "closed" };
  const days = seoulDay(at) - seoulDay(now);
  return days <= 0 ? { kind: "today" } : { kind: "days", days };
}

export type Recruiting = "upcoming" | "open" | "closed";

/** Whether applications are taken now (the API's rule: RECRUITING and within the dates). */
export function recruiting(c: CampaignAd, now: Date): Recruiting {
  if (c.phase !== "RECRUITING") return "closed";
  const t = now.getTime();
  if (c.recruit_start && t < Date.parse(c.recruit_start)) return "upcoming";
  if (c.recruit_end && t >= Date.parse(c.recruit_end)) return "closed";
  return "open";
}

export type StepKey = "recruit" | "announce" | "activity";
export type StepState = "done" | "current" | "upcoming";
export interface Step {
  key: StepKey;
  start: string;
  end: string | null;
  state: StepState;
}

/** The schedule as steps in order, each done, current or upcoming at `now`. */
export function timeline(c: CampaignAd, now: Date): Step[] {
  const raw: [StepKey, string | null, string | null][] = [
    ["recruit", c.recruit_start, c.recruit_end],
    ["announce", c.announce_at, null],
    ["activity", c.activity_start, c.activity_end],
  ];
  const t = now.getTime();
  return raw.flatMap(([key, start, end]) => {
    if (!start) return [];
    const finished = t >= Date.parse(end ?? start);
    const state: StepState = finished ? "done" : t >= Date.parse(start) ? "current" : "upcoming";
    return [{ key, start, end, state }];
  });
}

// Statuses after which the owner can do nothing more.
const FINAL: ReadonlySet<ApplicantStatus> = new Set([
  "NOT_SELECTED",
  "COMPLETED",
  "NO_SHOW",
  "CANCELLED",
]);
const CONTENT_PHASES: ReadonlySet<Phase> = new Set(["IN_PROGRESS", "REVIEWING"]);

export function isFinal(status: ApplicantStatus): boolean {
  return FINAL.has(status);
}

/** The owner may cancel an application still APPLIED while its campaign recruits (when the
 * campaign is not known here, the API decides). */
export function canCancel(a: Applicant, c: CampaignAd | undefined): boolean {
  return a.status === "APPLIED" && (!c || c.phase === "RECRUITING");
}

export type ContentStep = "submit" | "resubmit" | "notYet" | null;

/**
 * What the owner can do about the post: submit it (shipped, or selected for a visit),
 * resubmit after a revision request, or wait for the activity period ("notYet").
 */
export function contentStep(a: Applicant, c: CampaignAd | undefined): ContentStep {
  const owes =
    a.status === "SHIPPED" ||
    a.status === "REVISION_REQUESTED" ||
    (a.status === "SELECTED" && c?.campaign_type === "VISIT");
  if (!owes) return null;
  if (c && !CONTENT_PHASES.has(c.phase)) return c.phase === "ANNOUNCED" ? "notYet" : null;
  return a.status === "REVISION_REQUESTED" ? "resubmit" : "submit";
}

export type ChecklistKind =
  "postedByPetstar" | "disclosure" | "hashtag" | "keyword" | "postedInWindow" | "other";

/** The API names checklist items "disclosure", "hashtag #tag", "keyword word", …. */
export function checklistItem(name: string): { kind: ChecklistKind; value: string } {
  if (name === "posted_by_petstar") return { kind: "postedByPetstar", value: "" };
  if (name === "disclosure") return { kind: "disclosure", value: "" };
  if (name === "posted_in_window") return { kind: "postedInWindow", value: "" };
  const [head, ...rest] = name.split(" ");
  const value = rest.join(" ");
  if (head === "hashtag" && value) return { kind: "hashtag", value };
  if (head === "keyword" && value) return { kind: "keyword", value };
  return { kind: "other", value: name };
}

/** The advertising disclosure tags the law asks for (one of them is always required). */
export const DISCLOSURE_TAGS: readonly string[] = ["#광고", "#협찬"];

export function isDisclosureTag(tag: string): boolean {
  return DISCLOSURE_TAGS.includes(tag);
}

/** The caller's pets that may apply: approved PetStars of a species the campaign targets. */
export function eligiblePets(pets: readonly Pet[], target: readonly Species[]): Pet[] {
  return pets.filter((p) => p.petstar_status === "APPROVED" && target.includes(p.species));
}

export interface Filters {
  tab: Tab;
  q: string;
  sort: Sort;
  species: Species | null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The list page's filters from its address; "applied" only for signed-in people. */
export function readFilters(params: URLSearchParams, signedIn: boolean): Filters {
  const tab = oneOf(params.get("tab"), TABS, "recruiting");
  const species = params.get("species");
  return {
    tab: tab === "applied" && !signedIn ? "recruiting" : tab,
    q: (params.get("q") ?? "").trim().slice(0, 100),
    sort: oneOf(params.get("sort"), SORTS, "newest"),
    species: SPECIES.includes(species as Species) ? (species as Species) : null,
  };
}

/** The address's query for `filters`, leaving out defaults so links stay short. */
export function writeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tab !== "recruiting") params.set("tab", filters.tab);
  if (filters.q) params.set("q", filters.q);
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  if (filters.species) params.set("species", filters.species);
  return params;
}
