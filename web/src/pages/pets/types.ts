// The pets area's API shapes, from the generated client types.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type Pet = Schemas["Pet"];
export type PetIn = Schemas["PetIn"];
export type PetPatch = Schemas["PetPatch"];
export type Species = Schemas["PetIn"]["species"];
export type Sex = NonNullable<Schemas["PetIn"]["sex"]>;
export type PetStarStatus = Schemas["Pet"]["petstar_status"];
export type Image = Schemas["Image"];
export type Portfolio = Schemas["Portfolio"];
export type PortfolioIn = Schemas["PortfolioIn"];
export type ContactPreference = NonNullable<Schemas["PortfolioIn"]["contact_preference"]>;
export type HistoryEntry = Schemas["HistoryEntry"];
export type HistoryIn = Schemas["HistoryIn"];
export type EligibilityPreview = Schemas["EligibilityPreview"];
export type Application = Schemas["Application"];
export type ApplicationState = Schemas["Application"]["state"];

export const SPECIES: readonly Species[] = [
  "DOG",
  "CAT",
  "RABBIT",
  "BIRD",
  "REPTILE",
  "FISH",
  "OTHER",
];
export const SEXES: readonly Sex[] = ["FEMALE", "MALE", "UNKNOWN"];
export const CONTACT_PREFERENCES: readonly ContactPreference[] = ["IN_APP", "EMAIL", "PHONE"];

/** A picture's URL at about `width` px (thumbnails are made after upload: until then, the original). */
export function pictureUrl(image: Image | null | undefined, width: 320 | 960 = 320): string | null {
  if (!image) return null;
  return image.thumbnails[String(width)] ?? image.url;
}
