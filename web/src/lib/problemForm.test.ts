import { describe, expect, it } from "vitest";

import { ApiError } from "../api/problem";
import { applyProblem, problemForForm } from "./problemForm";

const validation = new ApiError(422, {
  type: "https://petful.dev/problems/validation",
  title: "Invalid request",
  status: 422,
  detail: "One or more fields are invalid.",
  errors: [
    { field: "nickname", reason: "too short" },
    { field: "phone", reason: "not a phone number" },
  ],
});

describe("problemForForm", () => {
  it("puts each field error beside its field and no general message", () => {
    expect(problemForForm(validation, ["nickname", "phone", "bio"])).toEqual({
      fieldErrors: { nickname: "too short", phone: "not a phone number" },
      message: null,
    });
  });

  it("keeps the detail when a named field is not on the form", () => {
    const result = problemForForm(validation, ["nickname"]);
    expect(result.fieldErrors).toEqual({ nickname: "too short" });
    expect(result.message).toBe("One or more fields are invalid.");
  });

  it("renames API fields to form fields", () => {
    const result = problemForForm(validation, ["nick", "phone"], { nickname: "nick" });
    expect(result.fieldErrors).toEqual({ nick: "too short", phone: "not a phone number" });
  });

  it("joins two reasons for one field", () => {
    const twice = new ApiError(422, {
      type: "about:blank",
      title: "Invalid",
      status: 422,
      errors: [
        { field: "password", reason: "too short." },
        { field: "password", reason: "needs a digit." },
      ],
    });
    expect(problemForForm(twice, ["password"]).fieldErrors).toEqual({
      password: "too short. needs a digit.",
    });
  });

  it("gives a problem without field errors as the message", () => {
    const conflict = new ApiError(409, {
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: "The nickname is taken.",
    });
    expect(problemForForm(conflict, ["nickname"])).toEqual({
      fieldErrors: {},
      message: "The nickname is taken.",
    });
  });

  it("ignores what is not an API error", () => {
    expect(problemForForm(new Error("boom"), ["a"])).toEqual({ fieldErrors: {}, message: null });
  });
});

describe("applyProblem", () => {
  it("sets the form's errors from the form's own field names", () => {
    let errors: Record<string, string> = {};
    const form = {
      values: { nickname: "", phone: "" },
      setErrors: (e: Record<string, string>) => (errors = e),
    };
    expect(applyProblem(form, validation)).toBeNull();
    expect(errors).toEqual({ nickname: "too short", phone: "not a phone number" });
  });
});
