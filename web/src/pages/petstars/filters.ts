// The directory's filters and sort, kept in the address bar (so a filtered list can be
// shared, bookmarked and reached with the back button). Pure: Vitest checks it directly.
//
// The query string uses the API's own parameter names (`species` repeated, `min_followers`,
// `max_price_krw`, `q`, `sort`), minus defaults. Whatever a hand-edited address holds that
// the API would refuse is dropped here, so a bad link shows the list, not an error.
import type { components, operations } from "../../api/schema";

export type DirectoryQuery = NonNullable<
  operations["list_petstars_api_v1_petstars_get"]["parameters"]["query"]
>;
export type Species = components["schemas"]["Pet"]["species"];
export type Sort = NonNullable<DirectoryQuery["sort"]>;

export const SPECIES: readonly Species[] = [
  "DOG",
  "CAT",
  "RABBIT",
  "BIRD",
  "REPTILE",
  "FISH",
  "OTHER",
];
export const SORTS: readonly Sort[] = [
  "newest",
  "followers",
  "engagement",
  "price_asc",
  "price_desc",
];
export const DEFAULT_SORT: Sort = "newest";

// The API's bounds (its OpenAPI document): beyond them it answers 422.
export const MAX_FOLLOWERS = 1_000_000_000;
export const MAX_PRICE_KRW = 100_000_000;
export const MAX_KEYWORD = 50;

export type RangeField = "min_followers" | "max_followers" | "min_price_krw" | "max_price_krw";

export interface Filters {
  q: string;
  species: Species[];
  min_followers: number | null;
  max_followers: number | null;
  min_price_krw: number | null;
  max_price_krw: number | null;
  sort: Sort;
}

export const NO_FILTERS: Filters = {
  q: "",
  species: [],
  min_followers: null,
  max_followers: null,
  min_price_krw: null,
  max_price_krw: null,
  sort: DEFAULT_SORT,
};

const LIMITS: Record<RangeField, number> = {
  min_followers: MAX_FOLLOWERS,
  max_followers: MAX_FOLLOWERS,
  min_price_krw: MAX_PRICE_KRW,
  max_price_krw: MAX_PRICE_KRW,
};
const RANGE_FIELDS = Object.keys(LIMITS) as RangeField[];

function count(raw: string | null, limit: number): number | null {
  if (raw === null || !/^\d{1,10}$/.test(raw.trim())) return null;
  const value = Number(raw.trim());
  return value <= limit ? value : null;
}

/** The filters an address's query string names (unknown or invalid values left out). */
export function parseFilters(params: URLSearchParams): Filters {
  const asked = new Set(params.getAll("species"));
  const sort = params.get("sort");
  const filters: Filters = {
    ...NO_FILTERS,
    q: (params.get("q") ?? "").trim().slice(0, MAX_KEYWORD),
    species: SPECIES.filter((s) => asked.has(s)),
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : DEFAULT_SORT,
  };
  for (const field of RANGE_FIELDS) filters[field] = count(params.get(field), LIMITS[field]);
  return filters;
}

/** The query string for `filters`: one spelling per set of filters, defaults left out. */
export function filtersToParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q) params.set("q", q);
  for (const species of SPECIES) {
    if (filters.species.includes(species)) params.append("species", species);
  }
  for (const field of RANGE_FIELDS) {
    const value = filters[field];
    if (value !== null) params.set(field, String(value));
  }
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

/** The API call's query for one page of the filtered list. */
export function toApiQuery(filters: Filters, pageSize: number, cursor?: string): DirectoryQuery {
  const query: DirectoryQuery = { sort: filters.sort, page_size: pageSize };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.species.length > 0) query.species = [...filters.species];
  for (const field of RANGE_FIELDS) {
    const value = filters[field];
    if (value !== null) query[field] = value;
  }
  if (cursor) query.cursor = cursor;
  return query;
}

/** How many of the drawer's filters are set (species, followers, price: a range counts once). */
export function activeFilterCount(filters: Filters): number {
  const followers = filters.min_followers !== null || filters.max_followers !== null;
  const price = filters.min_price_krw !== null || filters.max_price_krw !== null;
  return (filters.species.length > 0 ? 1 : 0) + (followers ? 1 : 0) + (price ? 1 : 0);
}

/** Whether a range's lower end is above its upper end (the API refuses it). */
export function rangeInverted(min: number | null, max: number | null): boolean {
  return min !== null && max !== null && min > max;
}
