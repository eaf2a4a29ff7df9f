import { describe, expect, it } from "vitest";

import {
  activeFilterCount,
  filtersToParams,
  NO_FILTERS,
  parseFilters,
  rangeInverted,
  toApiQuery,
  type Filters,
} from "./filters";

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe("parseFilters", () => {
  it("reads every filter and the sort", () => {
    expect(
      parse(
        "q=%EB%A7%90%ED%8B%B0%EC%A6%88&species=CAT&species=DOG&min_followers=1000" +
          "&max_followers=50000&min_price_krw=0&max_price_krw=200000&sort=followers",
      ),
    ).toEqual({
      q: "말티즈",
      species: ["DOG", "CAT"],
      min_followers: 1000,
      max_followers: 50000,
      min_price_krw: 0,
      max_price_krw: 200000,
      sort: "followers",
    });
  });

  it("gives no filters and the newest first for an empty query", () => {
    expect(parse("")).toEqual(NO_FILTERS);
  });

  it("drops what the API would refuse", () => {
    expect(
      parse(
        "species=LION&species=DOG&species=DOG&min_followers=-5&max_followers=abc" +
          "&min_price_krw=100000001&max_price_krw=1.5&sort=random",
      ),
    ).toEqual({ ...NO_FILTERS, species: ["DOG"] });
  });

  it("trims the keyword and cuts it to the API's 50 characters", () => {
    expect(parse(`q=${"가".repeat(60)}`).q).toHaveLength(50);
    expect(parse("q=%20%20").q).toBe("");
  });
});

describe("filtersToParams", () => {
  it("leaves defaults out", () => {
    expect(filtersToParams(NO_FILTERS).toString()).toBe("");
  });

  it("spells one set of filters one way, whatever the order they were picked in", () => {
    const filters: Filters = {
      ...NO_FILTERS,
      species: ["CAT", "DOG"],
      max_price_krw: 150000,
      sort: "price_asc",
    };
    expect(filtersToParams(filters).toString()).toBe(
      "species=DOG&species=CAT&max_price_krw=150000&sort=price_asc",
    );
  });

  it("round-trips through the address", () => {
    const filters: Filters = {
      q: "산책",
      species: ["RABBIT"],
      min_followers: 10,
      max_followers: null,
      min_price_krw: null,
      max_price_krw: 0,
      sort: "engagement",
    };
    expect(parseFilters(filtersToParams(filters))).toEqual(filters);
  });
});

describe("toApiQuery", () => {
  it("sends only the filters that are set, with the page and its cursor", () => {
    const filters: Filters = { ...NO_FILTERS, q: " 보리 ", species: ["DOG"], min_followers: 0 };
    expect(toApiQuery(filters, 12, "abc")).toEqual({
      sort: "newest",
      page_size: 12,
      q: "보리",
      species: ["DOG"],
      min_followers: 0,
      cursor: "abc",
    });
    expect(toApiQuery(NO_FILTERS, 12)).toEqual({ sort: "newest", page_size: 12 });
  });
});

describe("activeFilterCount", () => {
  it("counts species, followers and price once each; not the keyword or sort", () => {
    expect(activeFilterCount({ ...NO_FILTERS, q: "x", sort: "followers" })).toBe(0);
    expect(
      activeFilterCount({
        ...NO_FILTERS,
        species: ["DOG", "CAT"],
        min_followers: 1,
        max_followers: 2,
        max_price_krw: 0,
      }),
    ).toBe(3);
  });
});

describe("rangeInverted", () => {
  it("is true only when both ends are set and the lower one is higher", () => {
    expect(rangeInverted(10, 5)).toBe(true);
    expect(rangeInverted(5, 5)).toBe(false);
    expect(rangeInverted(null, 5)).toBe(false);
    expect(rangeInverted(10, null)).toBe(false);
  });
});
