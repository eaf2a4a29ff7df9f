import { describe, expect, it } from "vitest";

import {
  auditActionKey,
  auditTargetKey,
  auditViewParams,
  draftProblems,
  endDayProblem,
  koreaToday,
  notificationTypeKey,
  parseAuditView,
  parseUserView,
  percent,
  reasonProblem,
  shortDay,
  suspensionEnd,
  totalsByType,
  userViewParams,
} from "./rules";
import type { DeliveryCount } from "./types";

const ID = "0b6f6f1e-7d1c-4c38-9a61-2f7e2c1d9a10";

describe("the user search in the address", () => {
  it("reads what it knows and drops the rest", () => {
    expect(parseUserView(new URLSearchParams("q=%20bori%20&role=ADMIN&status=GONE"))).toEqual({
      q: "bori",
      role: "ADMIN",
      status: null,
    });
    expect(parseUserView(new URLSearchParams(`q=${"x".repeat(150)}`)).q).toHaveLength(100);
  });

  it("writes one spelling per search", () => {
    expect(userViewParams({ q: " ", role: null, status: null }).toString()).toBe("");
    expect(userViewParams({ q: "a b", role: "USER", status: "SUSPENDED" }).toString()).toBe(
      "q=a+b&role=USER&status=SUSPENDED",
    );
  });
});

describe("the audit-log filter", () => {
  it("keeps well-formed ids only (the API would refuse the whole request)", () => {
    const view = parseAuditView(
      new URLSearchParams(
        `target_type=USER&action=user.suspend&target_id=${ID.toUpperCase()}&actor_id=nope`,
      ),
    );
    expect(view).toEqual({
      target_type: "USER",
      action: "user.suspend",
      target_id: ID,
      actor_id: null,
    });
    expect(auditViewParams(view).toString()).toBe(
      `target_type=USER&action=user.suspend&target_id=${ID}`,
    );
    expect(parseAuditView(new URLSearchParams("target_type=PET")).target_type).toBeNull();
  });

  it("names known actions and targets, and leaves new ones by their code", () => {
    expect(auditActionKey("user.suspend")).toBe("admin.audit.action.user.suspend");
    expect(auditActionKey("campaign.approve")).toBeNull();
    expect(auditTargetKey("ADVERTISER")).toBe("admin.audit.target.ADVERTISER");
    expect(auditTargetKey("PET")).toBeNull();
  });
});

describe("suspension", () => {
  it("asks for a reason of 5 to 500 characters", () => {
    expect(reasonProblem("  spam ")).toBe("reasonShort");
    expect(reasonProblem("spam again")).toBeNull();
    expect(reasonProblem("x".repeat(501))).toBe("reasonLong");
  });

  it("ends at the end of the chosen day in Korea", () => {
    expect(suspensionEnd("2026-03-06")).toBe("2026-03-06T23:59:59+09:00");
    expect(suspensionEnd("")).toBeNull();
    expect(suspensionEnd("6 March")).toBeNull();
  });

  it("takes today in Korea as the earliest end", () => {
    // 16:00 UTC on March 5 is already March 6 in Seoul.
    const now = new Date("2026-03-05T16:00:00Z");
    expect(koreaToday(now)).toBe("2026-03-06");
    expect(endDayProblem("2026-03-05", now)).toBe("endPast");
    expect(endDayProblem("2026-03-06", now)).toBeNull();
    expect(endDayProblem("", now)).toBeNull();
  });
});

describe("broadcast drafts", () => {
  const draft = {
    audience: "ALL" as const,
    title: "점검 안내",
    body: "새벽 2시에 점검해요.",
    link: "",
  };

  it("accepts a complete draft", () => {
    expect(draftProblems(draft)).toEqual({});
    expect(draftProblems({ ...draft, link: "/campaigns" })).toEqual({});
  });

  it("names each problem by its field", () => {
    expect(draftProblems({ ...draft, title: " ", body: "x".repeat(1001), link: "//evil" })).toEqual(
      {
        title: "admin.broadcast.titleRequired",
        body: "admin.broadcast.bodyLong",
        link: "admin.broadcast.linkPath",
      },
    );
    expect(draftProblems({ ...draft, title: "x".repeat(101), link: "https://x" })).toEqual({
      title: "admin.broadcast.titleLong",
      link: "admin.broadcast.linkPath",
    });
  });
});

describe("delivery statistics", () => {
  const count = (type: string, channel: DeliveryCount["channel"], n: Partial<DeliveryCount>) => ({
    type,
    channel,
    sent: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    written: 0,
    opened: 0,
    ...n,
  });

  it("groups by type, the busiest first", () => {
    const rows = totalsByType([
      count("POST_LIKED", "IN_APP", { written: 3, opened: 1 }),
      count("ANNOUNCEMENT", "IN_APP", { written: 10, opened: 5 }),
      count("ANNOUNCEMENT", "EMAIL", { sent: 4, failed: 1 }),
      count("CAMPAIGN_APPROVED", "PUSH", { skipped: 2 }),
    ]);
    expect(rows.map((r) => r.type)).toEqual(["ANNOUNCEMENT", "POST_LIKED", "CAMPAIGN_APPROVED"]);
    expect(rows[0]?.inApp).toEqual({ written: 10, opened: 5 });
    expect(rows[0]?.channels.map((c) => c.channel)).toEqual(["EMAIL"]);
    expect(rows[2]?.inApp).toBeNull();
  });

  it("names the types it knows", () => {
    expect(notificationTypeKey("ANNOUNCEMENT")).toBe("admin.type.ANNOUNCEMENT");
    expect(notificationTypeKey("SOMETHING_NEW")).toBeNull();
  });

  it("says shares as whole percents", () => {
    expect(percent(1, 3)).toBe("33%");
    expect(percent(0, 0)).toBe("–");
  });
});

describe("the dashboard's days", () => {
  it("shortens a day for the chart's axis", () => {
    expect(shortDay("2026-03-06")).toBe("3/6");
    expect(shortDay("2026-12-25")).toBe("12/25");
  });
});
