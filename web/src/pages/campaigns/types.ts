// The campaigns area's API types, named once (generated from the edge's OpenAPI document).
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

/** What a visitor sees of a campaign; the signed-in `Campaign` has these fields and more. */
export type CampaignAd = Schemas["PublicCampaign"];
export type Campaign = Schemas["Campaign"];
export type CampaignImage = Schemas["CampaignImage"];
export type Applicant = Schemas["Applicant"];
export type ApplicantStatus = Applicant["status"];
export type Checklist = Schemas["Checklist"];
export type ChecklistItem = Schemas["ChecklistItem"];
export type Invitation = Schemas["Invitation"];
export type CampaignMatch = Schemas["CampaignMatch"];
export type Pet = Schemas["Pet"];
export type Phase = CampaignAd["phase"];
export type Species = CampaignAd["target_species"][number];

export const SPECIES: readonly Species[] = [
  "DOG",
  "CAT",
  "RABBIT",
  "BIRD",
  "REPTILE",
  "FISH",
  "OTHER",
];

export type Tab = "recruiting" | "applied" | "ended";
export type Sort = "newest" | "deadline" | "popular";
export const TABS: readonly Tab[] = ["recruiting", "applied", "ended"];
export const SORTS: readonly Sort[] = ["newest", "deadline", "popular"];
