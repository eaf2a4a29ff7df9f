// The advertiser console's API types, named once (generated from the edge's OpenAPI document).
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type Profile = Schemas["Profile"];
export type ProfileIn = Schemas["ProfileIn"];
export type ProfileStatus = Profile["status"];
export type Dashboard = Schemas["Dashboard"];
export type DashboardDeadline = Schemas["Deadline"];
export type Campaign = Schemas["Campaign"];
export type CampaignIn = Schemas["CampaignIn"];
export type CampaignImage = Schemas["CampaignImage"];
export type Phase = Campaign["phase"];
export type Species = Campaign["target_species"][number];
export type Applicant = Schemas["Applicant"];
export type ApplicantStatus = Applicant["status"];
export type PetStarMatch = Schemas["PetStarMatch"];
export type Report = Schemas["petful__edge__campaigns__schemas__Report"];
export type ReportRow = Schemas["ReportRow"];

export const PHASES: readonly Phase[] = [
  "DRAFT",
  "PENDING_REVIEW",
  "REJECTED",
  "RECRUITING",
  "SELECTING",
  "ANNOUNCED",
  "IN_PROGRESS",
  "REVIEWING",
  "COMPLETED",
  "CANCELLED",
];

export const SPECIES: readonly Species[] = [
  "DOG",
  "CAT",
  "RABBIT",
  "BIRD",
  "REPTILE",
  "FISH",
  "OTHER",
];
