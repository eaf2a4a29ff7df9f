import { describe, expect, it } from "vitest";

import {
  canCancel,
  checklistItem,
  contentStep,
  deadline,
  eligiblePets,
  readFilters,
  recruiting,
  timeline,
  writeFilters,
} from "./rules";
import type { Applicant, CampaignAd, Pet } from "./types";

function campaign(overrides: Partial<CampaignAd> = {}): CampaignAd {
  return {
    id: "c1",
    title: "강아지 유산균 2주 체험단",
    company_name: "펫풀 주식회사",
    product_name: "펫 유산균 14포",
    product_description: "",
    product_url: "",
    objective: "",
    missions: [],
    keywords: [],
    hashtags: ["#광고"],
    requirements: [],
    images: [],
    campaign_type: "DELIVERY",
    target_species: ["DOG", "CAT"],
    headcount: 3,
    applicant_count: 1,
    reward_description: "",
    reward_value_krw: 39000,
    post_retention_days: 180,
    phase: "RECRUITING",
    recruit_start: "2025-03-01T00:00:00Z",
    recruit_end: "2025-03-08T00:00:00Z",
    announce_at: "2025-03-10T00:00:00Z",
    activity_start: "2025-03-11T00:00:00Z",
    activity_end: "2025-03-25T00:00:00Z",
    ...overrides,
  };
}

function applicant(status: Applicant["status"]): Applicant {
  return {
    id: "a1",
    campaign_id: "c1",
    campaign_title: "강아지 유산균 2주 체험단",
    pet_id: "p1",
    pet_name: "보리",
    owner_user_id: "u1",
    note: "",
    status,
    status_reason: null,
    pet_completed_campaigns: 0,
    pet_no_shows: 0,
    shipment: null,
    post_url: null,
    submissions: [],
    checklist: null,
    likes: null,
    comments: null,
    created_at: null,
    updated_at: null,
  };
}

describe("deadline", () => {
  it("counts calendar days in Korea, not 24-hour periods", () => {
    // 23:30 in Seoul on March 5; the end is 09:00 in Seoul on March 8: D-3.
    expect(deadline("2025-03-08T00:00:00Z", new Date("2025-03-05T14:30:00Z"))).toEqual({
      kind: "days",
      days: 3,
    });
    // 00:30 in Seoul on March 6 (still March 5 in UTC): D-2.
    expect(deadline("2025-03-08T00:00:00Z", new Date("2025-03-05T15:30:00Z"))).toEqual({
      kind: "days",
      days: 2,
    });
  });

  it("says today on the last day and closed after the end", () => {
    expect(deadline("2025-03-08T10:00:00Z", new Date("2025-03-08T01:00:00Z"))).toEqual({
      kind: "today",
    });
    expect(deadline("2025-03-08T00:00:00Z", new Date("2025-03-08T00:00:00Z"))).toEqual({
      kind: "closed",
    });
    expect(deadline(null, new Date())).toBeNull();
  });
});

describe("recruiting", () => {
  it("is open only in the RECRUITING phase between its dates", () => {
    const c = campaign();
    expect(recruiting(c, new Date("2025-02-28T00:00:00Z"))).toBe("upcoming");
    expect(recruiting(c, new Date("2025-03-03T00:00:00Z"))).toBe("open");
    expect(recruiting(c, new Date("2025-03-08T00:00:00Z"))).toBe("closed");
    expect(recruiting(campaign({ phase: "SELECTING" }), new Date("2025-03-03T00:00:00Z"))).toBe(
      "closed",
    );
  });
});

describe("timeline", () => {
  it("marks each step done, current or upcoming", () => {
    const steps = timeline(campaign(), new Date("2025-03-09T00:00:00Z"));
    expect(steps.map((s) => [s.key, s.state])).toEqual([
      ["recruit", "done"],
      ["announce", "upcoming"],
      ["activity", "upcoming"],
    ]);
    const during = timeline(campaign(), new Date("2025-03-12T00:00:00Z"));
    expect(during.map((s) => s.state)).toEqual(["done", "done", "current"]);
  });

  it("leaves out dates the campaign does not have", () => {
    expect(timeline(campaign({ announce_at: null }), new Date()).map((s) => s.key)).toEqual([
      "recruit",
      "activity",
    ]);
  });
});

describe("what an application allows", () => {
  it("cancels only an APPLIED application while recruiting", () => {
    expect(canCancel(applicant("APPLIED"), campaign())).toBe(true);
    expect(canCancel(applicant("APPLIED"), campaign({ phase: "SELECTING" }))).toBe(false);
    expect(canCancel(applicant("SELECTED"), campaign())).toBe(false);
    expect(canCancel(applicant("APPLIED"), undefined)).toBe(true);
  });

  it("submits content after shipping, during the activity period", () => {
    const active = campaign({ phase: "IN_PROGRESS" });
    expect(contentStep(applicant("SHIPPED"), active)).toBe("submit");
    expect(contentStep(applicant("REVISION_REQUESTED"), active)).toBe("resubmit");
    expect(contentStep(applicant("SELECTED"), active)).toBeNull();
    expect(contentStep(applicant("SELECTED"), { ...active, campaign_type: "VISIT" })).toBe(
      "submit",
    );
    expect(contentStep(applicant("SHIPPED"), campaign({ phase: "ANNOUNCED" }))).toBe("notYet");
    expect(contentStep(applicant("CONTENT_SUBMITTED"), active)).toBeNull();
    expect(contentStep(applicant("SHIPPED"), undefined)).toBe("submit");
  });
});

describe("checklistItem", () => {
  it("reads the API's item names", () => {
    expect(checklistItem("disclosure")).toEqual({ kind: "disclosure", value: "" });
    expect(checklistItem("hashtag #펫풀체험단")).toEqual({ kind: "hashtag", value: "#펫풀체험단" });
    expect(checklistItem("keyword 펫 유산균")).toEqual({ kind: "keyword", value: "펫 유산균" });
    expect(checklistItem("posted_in_window").kind).toBe("postedInWindow");
    expect(checklistItem("posted_by_petstar").kind).toBe("postedByPetstar");
    expect(checklistItem("something new")).toEqual({ kind: "other", value: "something new" });
  });
});

describe("eligiblePets", () => {
  it("keeps approved PetStars of a targeted species", () => {
    const pet = (id: string, species: Pet["species"], status: Pet["petstar_status"]) =>
      ({ id, species, petstar_status: status }) as Pet;
    const pets = [
      pet("a", "DOG", "APPROVED"),
      pet("b", "CAT", "NONE"),
      pet("c", "BIRD", "APPROVED"),
    ];
    expect(eligiblePets(pets, ["DOG", "CAT"]).map((p) => p.id)).toEqual(["a"]);
  });
});

describe("filters in the address", () => {
  it("reads known values and falls back to defaults", () => {
    const params = new URLSearchParams("tab=ended&q=+간식+&sort=popular&species=CAT");
    expect(readFilters(params, false)).toEqual({
      tab: "ended",
      q: "간식",
      sort: "popular",
      species: "CAT",
    });
    expect(readFilters(new URLSearchParams("tab=nope&sort=x&species=DRAGON"), true)).toEqual({
      tab: "recruiting",
      q: "",
      sort: "newest",
      species: null,
    });
  });

  it("shows the applied tab to signed-in people only", () => {
    const params = new URLSearchParams("tab=applied");
    expect(readFilters(params, true).tab).toBe("applied");
    expect(readFilters(params, false).tab).toBe("recruiting");
  });

  it("writes only what differs from the defaults", () => {
    expect(
      writeFilters({ tab: "recruiting", q: "", sort: "newest", species: null }).toString(),
    ).toBe("");
    expect(
      writeFilters({ tab: "ended", q: "간식", sort: "deadline", species: "DOG" }).toString(),
    ).toBe("tab=ended&q=%EA%B0%84%EC%8B%9D&sort=deadline&species=DOG");
  });
});
