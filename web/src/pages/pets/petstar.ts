// The PetStar application from the owner's side: which application is the pet's, whether
// it is still open, what applying needs, and the criteria against the account's figures.
import type { Application, ApplicationState, EligibilityPreview, Pet, Portfolio } from "./types";

/** States in which the owner may still withdraw (the admins have not decided). */
export const OPEN_STATES: readonly ApplicationState[] = ["SUBMITTED", "VERIFYING", "IN_REVIEW"];

export function isOpen(state: ApplicationState): boolean {
  return OPEN_STATES.includes(state);
}

/** The pet's latest application (the API lists the owner's newest first; sorted again here). */
export function latestApplication(apps: readonly Application[], petId: string): Application | null {
  const mine = apps.filter((app) => app.pet_id === petId);
  mine.sort((a, b) => (b.submitted_at ?? "").localeCompare(a.submitted_at ?? ""));
  return mine[0] ?? null;
}

export type Requirement = "instagram" | "portfolio";

export interface Readiness {
  /** What the pet still needs before it may apply. */
  missing: Requirement[];
  /** Why applying makes no sense now: an application is open, or the pet is a PetStar. */
  blocked: "open" | "approved" | null;
}

export function readiness(
  pet: Pick<Pet, "instagram_account_id" | "petstar_status">,
  portfolio: Pick<Portfolio, "published"> | null,
  latest: Pick<Application, "state"> | null,
): Readiness {
  const missing: Requirement[] = [];
  if (!pet.instagram_account_id) missing.push("instagram");
  if (!portfolio?.published) missing.push("portfolio");
  const blocked =
    latest && isOpen(latest.state) ? "open" : pet.petstar_status === "APPROVED" ? "approved" : null;
  return { missing, blocked };
}

export interface CriterionRow {
  key: "followers" | "posts";
  actual: number;
  required: number;
  met: boolean;
}

/** Each published criterion with the account's figure and whether it is met. */
export function criteriaRows(preview: EligibilityPreview): CriterionRow[] {
  const { metrics, criteria } = preview;
  return [
    {
      key: "followers",
      actual: metrics.followers_count,
      required: criteria.min_followers,
      met: metrics.followers_count >= criteria.min_followers,
    },
    {
      key: "posts",
      actual: metrics.qualifying_posts,
      required: criteria.min_qualifying_posts,
      met: metrics.qualifying_posts >= criteria.min_qualifying_posts,
    },
  ];
}
