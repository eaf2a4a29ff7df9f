// Small pure helpers for showing a PetStar's figures.
import type { components } from "../../api/schema";

type Image = components["schemas"]["Image"];

/** The picture's WebP thumbnail of `width` (the platform makes 320 and 960), else the original. */
export function pictureUrl(image: Image | null | undefined, width: 320 | 960): string | null {
  if (!image) return null;
  return image.thumbnails[String(width)] ?? image.url;
}

/** An engagement rate (a fraction: 0.0241) as a percentage with one decimal (2.4). */
export function engagementPercent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

/** An approximate age in whole years from 24 months up, else in months. */
export function ageParts(months: number): { years: number } | { months: number } {
  return months >= 24 ? { years: Math.floor(months / 12) } : { months };
}
