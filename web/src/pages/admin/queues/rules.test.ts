import { describe, expect, it } from "vitest";

import {
  advertiserDecisions,
  advertiserStatusParams,
  applicationStateParams,
  countText,
  documentKind,
  needsReason,
  parseAdvertiserStatus,
  parseApplicationState,
  parseReportView,
  reasonProblem,
  reportDecisions,
  reportViewParams,
  suspendUntil,
} from "./rules";

describe("a queue's view in the address", () => {
  it("shows open reports of every kind unless told otherwise", () => {
    expect(parseReportView(new URLSearchParams(""))).toEqual({ status: "OPEN", target: "ALL" });
    expect(parseReportView(new URLSearchParams("status=DISMISSED&target=COMMENT"))).toEqual({
      status: "DISMISSED",
      target: "COMMENT",
    });
    expect(parseReportView(new URLSearchParams("status=open&target=PET"))).toEqual({
      status: "OPEN",
      target: "ALL",
    });
  });

  it("writes one spelling per view, defaults left out", () => {
    expect(reportViewParams({ status: "OPEN", target: "ALL" }).toString()).toBe("");
    expect(reportViewParams({ status: "ALL", target: "USER" }).toString()).toBe(
      "status=ALL&target=USER",
    );
    expect(reportViewParams({ status: "OPEN", target: "POST" }).toString()).toBe("target=POST");
  });

  it("starts the other queues at what waits for a decision", () => {
    expect(parseAdvertiserStatus(new URLSearchParams(""))).toBe("PENDING");
    expect(parseAdvertiserStatus(new URLSearchParams("status=RESTRICTED"))).toBe("RESTRICTED");
    expect(parseAdvertiserStatus(new URLSearchParams("status=DRAFT"))).toBe("PENDING");
    expect(advertiserStatusParams("PENDING").toString()).toBe("");
    expect(advertiserStatusParams("APPROVED").toString()).toBe("status=APPROVED");
    expect(parseApplicationState(new URLSearchParams("state=SUBMITTED"))).toBe("IN_REVIEW");
    expect(parseApplicationState(new URLSearchParams("state=APPROVED"))).toBe("APPROVED");
    expect(applicationStateParams("IN_REVIEW").toString()).toBe("");
  });
});

describe("decisions", () => {
  it("offers content actions for posts and comments only, and nothing once decided", () => {
    expect(reportDecisions("POST", "OPEN")).toEqual([
      "HIDE_CONTENT",
      "DELETE_CONTENT",
      "WARN_AUTHOR",
      "SUSPEND_AUTHOR",
      "NONE",
      "DISMISS",
    ]);
    expect(reportDecisions("COMMENT", "OPEN")).toContain("HIDE_CONTENT");
    expect(reportDecisions("USER", "OPEN")).toEqual(["SUSPEND_AUTHOR", "NONE", "DISMISS"]);
    expect(reportDecisions("POST", "RESOLVED")).toEqual([]);
    expect(reportDecisions("USER", "DISMISSED")).toEqual([]);
  });

  it("follows the advertiser's status", () => {
    expect(advertiserDecisions("PENDING")).toEqual(["approve", "reject"]);
    expect(advertiserDecisions("APPROVED")).toEqual(["restrict"]);
    expect(advertiserDecisions("RESTRICTED")).toEqual(["reinstate"]);
    expect(advertiserDecisions("REJECTED")).toEqual([]);
    expect(advertiserDecisions("WITHDRAWN")).toEqual([]);
  });

  it("asks a reason for everything but approving and reinstating", () => {
    expect(needsReason("approve")).toBe(false);
    expect(needsReason("reinstate")).toBe(false);
    for (const decision of ["reject", "restrict", "revoke", "cancel", "SUSPEND_AUTHOR", "NONE"]) {
      expect(needsReason(decision)).toBe(true);
    }
  });

  it("checks a reason as the API does: 5 to 500 characters once trimmed", () => {
    expect(reasonProblem("")).toBe("short");
    expect(reasonProblem("  스팸   ")).toBe("short");
    expect(reasonProblem("반복 광고 게시")).toBeNull();
    expect(reasonProblem("가".repeat(500))).toBeNull();
    expect(reasonProblem("가".repeat(501))).toBe("long");
    expect(reasonProblem(` ${"가".repeat(500)} `)).toBeNull();
  });

  it("ends a suspension after its days, or never", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(suspendUntil("7", now)).toBe("2026-03-08T00:00:00.000Z");
    expect(suspendUntil("30", now)).toBe("2026-03-31T00:00:00.000Z");
    expect(suspendUntil("forever", now)).toBeNull();
  });
});

describe("counts and documents", () => {
  it("says when more wait than one page holds", () => {
    expect(countText(0, false)).toBe("0");
    expect(countText(7, false)).toBe("7");
    expect(countText(100, true)).toBe("100+");
  });

  it("tells pictures from PDFs by the content type", () => {
    expect(documentKind("image/png")).toBe("image");
    expect(documentKind("IMAGE/JPEG")).toBe("image");
    expect(documentKind("application/pdf")).toBe("pdf");
    expect(documentKind("application/pdf; charset=binary")).toBe("pdf");
    expect(documentKind("application/octet-stream")).toBe("other");
    expect(documentKind("")).toBe("other");
  });
});
