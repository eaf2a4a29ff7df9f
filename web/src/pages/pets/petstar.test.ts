import { describe, expect, it } from "vitest";

import { criteriaRows, isOpen, latestApplication, readiness } from "./petstar";
import type { Application, EligibilityPreview } from "./types";

function app(id: string, petId: string, submitted: string, state: Application["state"]) {
  return { id, pet_id: petId, submitted_at: submitted, state } as Application;
}

describe("latestApplication", () => {
  it("is the pet's most recently submitted application", () => {
    const apps = [
      app("a", "p1", "2025-01-01T00:00:00Z", "REJECTED"),
      app("b", "p2", "2025-03-01T00:00:00Z", "IN_REVIEW"),
      app("c", "p1", "2025-02-01T00:00:00Z", "WITHDRAWN"),
    ];
    expect(latestApplication(apps, "p1")?.id).toBe("c");
    expect(latestApplication(apps, "p3")).toBeNull();
  });
});

describe("isOpen", () => {
  it("is true until an administrator decides or the owner withdraws", () => {
    expect(["SUBMITTED", "VERIFYING", "IN_REVIEW"].every((s) => isOpen(s as never))).toBe(true);
    expect(["APPROVED", "REJECTED", "WITHDRAWN", "REVOKED"].some((s) => isOpen(s as never))).toBe(
      false,
    );
  });
});

describe("readiness", () => {
  const linked = { instagram_account_id: "ig1", petstar_status: "NONE" as const };

  it("lists what is missing", () => {
    expect(readiness({ ...linked, instagram_account_id: null }, null, null)).toEqual({
      missing: ["instagram", "portfolio"],
      blocked: null,
    });
    expect(readiness(linked, { published: false }, null).missing).toEqual(["portfolio"]);
    expect(readiness(linked, { published: true }, null).missing).toEqual([]);
  });

  it("blocks a second application while one is open, and a PetStar", () => {
    expect(readiness(linked, { published: true }, { state: "VERIFYING" }).blocked).toBe("open");
    expect(
      readiness(
        { ...linked, petstar_status: "APPROVED" },
        { published: true },
        { state: "APPROVED" },
      ).blocked,
    ).toBe("approved");
    expect(readiness(linked, { published: true }, { state: "REJECTED" }).blocked).toBeNull();
  });
});

describe("criteriaRows", () => {
  it("compares each figure with its criterion", () => {
    const preview = {
      metrics: { followers_count: 1000, qualifying_posts: 2 },
      criteria: { min_followers: 1000, min_qualifying_posts: 3, min_likes: 300, window_days: 90 },
      eligibility: { eligible: false, reasons: [] },
    } as unknown as EligibilityPreview;
    expect(criteriaRows(preview)).toEqual([
      { key: "followers", actual: 1000, required: 1000, met: true },
      { key: "posts", actual: 2, required: 3, met: false },
    ]);
  });
});
