import { describe, expect, it } from "vitest";

import { ApiError } from "../../api/problem";
import {
  CANCELLED_TYPE,
  callbackUrl,
  failureOf,
  forget,
  readCallback,
  recall,
  remember,
  safeReturn,
  stateOf,
} from "./linkFlow";

function memoryStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe("the trip to Facebook", () => {
  it("comes back to the callback page of this origin", () => {
    expect(callbackUrl("https://petful.example")).toBe("https://petful.example/instagram/callback");
  });

  it("reads the state of the dialog's address", () => {
    const url =
      "https://www.facebook.com/v23.0/dialog/oauth?client_id=1&state=abc-_123&response_type=code";
    expect(stateOf(url)).toBe("abc-_123");
  });

  it("remembers the link of this state only, until forgotten", () => {
    const storage = memoryStorage();
    remember(storage, { state: "s1", returnTo: "/instagram/42", igUserId: "1784" });
    expect(recall(storage, "s1")).toEqual({
      state: "s1",
      returnTo: "/instagram/42",
      igUserId: "1784",
    });
    expect(recall(storage, "another")).toBeNull();
    expect(recall(storage, "")).toBeNull();
    forget(storage);
    expect(recall(storage, "s1")).toBeNull();
    storage.setItem("petful.instagram.link", "{not json");
    expect(recall(storage, "s1")).toBeNull();
  });

  it("goes back only to a path of this app", () => {
    expect(safeReturn("/pets/1?tab=instagram")).toBe("/pets/1?tab=instagram");
    expect(safeReturn(undefined)).toBe("/instagram");
    expect(safeReturn("//evil.example/")).toBe("/instagram");
    expect(safeReturn("https://evil.example/")).toBe("/instagram");
    expect(safeReturn("/instagram/callback?code=x")).toBe("/instagram");
  });
});

describe("what Facebook sent back", () => {
  it("is a code and the state", () => {
    expect(readCallback("?code=AQx&state=s1")).toEqual({ kind: "code", state: "s1", code: "AQx" });
  });

  it("or the person cancelled", () => {
    expect(
      readCallback("?error=access_denied&error_reason=user_denied&error_code=200&state=s1"),
    ).toEqual({ kind: "error", state: "s1", error: "access_denied" });
  });

  it("or nothing usable", () => {
    expect(readCallback("")).toEqual({ kind: "invalid", state: "" });
    expect(readCallback("?code=AQx")).toEqual({ kind: "invalid", state: "" });
  });
});

describe("a failed completion", () => {
  const problem = (status: number, extra: object) =>
    new ApiError(status, { type: "about:blank", title: "x", status, ...extra });

  it("asks for a choice when the problem lists the accounts", () => {
    const choices = [
      { ig_user_id: "1", username: "coco_poodle" },
      { ig_user_id: "2", username: "mandu_bichon" },
    ];
    const error = problem(422, { errors: [{ field: "ig_user_id", reason: "x" }], choices });
    expect(failureOf(error)).toEqual({ kind: "choose", choices });
  });

  it("tells cancelled, expired and refused apart", () => {
    expect(failureOf(problem(409, { type: CANCELLED_TYPE }))).toEqual({ kind: "cancelled" });
    const field = (name: string) => problem(422, { errors: [{ field: name, reason: "x" }] });
    expect(failureOf(field("state"))).toEqual({ kind: "expired" });
    expect(failureOf(field("code"))).toEqual({ kind: "refused" });
    expect(failureOf(field("redirect_uri"))).toEqual({ kind: "other" });
    expect(failureOf(problem(503, {}))).toEqual({ kind: "other" });
    expect(failureOf(new Error("boom"))).toEqual({ kind: "other" });
  });
});
