import { describe, expect, it } from "vitest";

import { ApiError } from "../api/problem";
import type { MessageKey } from "../i18n/ko";
import { formProblem } from "./formProblem";

const t = (key: MessageKey) => `t:${key}`;

function form(values: object) {
  const f = {
    values,
    errors: {} as Record<string, string>,
    setErrors: (errors: Record<string, string>) => (f.errors = errors),
  };
  return f;
}

const wrongPassword = new ApiError(422, {
  type: "https://petful.dev/problems/validation",
  title: "Validation failed",
  status: 422,
  detail: "the current password is wrong",
  errors: [{ field: "current_password", reason: "is incorrect" }],
});

describe("formProblem", () => {
  it("puts field errors beside their fields and nothing above the form", () => {
    const f = form({ current_password: "", new_password: "" });
    const tooShort = new ApiError(422, {
      type: "about:blank",
      title: "Validation failed",
      status: 422,
      errors: [{ field: "new_password", reason: "must be 8 to 72 characters" }],
    });
    expect(formProblem(f, tooShort, t)).toBeNull();
    expect(f.errors).toEqual({ new_password: "must be 8 to 72 characters" });
  });

  it("says a known reason in the person's language", () => {
    const f = form({ current_password: "", new_password: "" });
    const message = formProblem(f, wrongPassword, t, {
      known: { current_password: "account.password.wrong" },
    });
    expect(message).toBeNull();
    expect(f.errors).toEqual({ current_password: "t:account.password.wrong" });
  });

  it("explains above the form what no field of the form explains", () => {
    const f = form({ password: "" });
    expect(formProblem(f, wrongPassword, t)).toBe("the current password is wrong");
    expect(f.errors).toEqual({});
  });

  it("gives the general message for failures without field errors", () => {
    const f = form({ text: "" });
    expect(formProblem(f, new ApiError(0, null), t)).toBe("t:error.network");
    expect(formProblem(f, new ApiError(503, null), t)).toBe("t:error.server");
    expect(formProblem(f, new Error("boom"), t)).toBe("t:error.unexpected");
  });
});

describe("formProblem with a status for its known reasons", () => {
  it("words only refusals of that status", () => {
    const taken = new ApiError(409, {
      type: "https://petful.dev/problems/already-exists",
      title: "Already exists",
      status: 409,
      detail: "you already have a pet with this name",
      errors: [{ field: "name", reason: "is already used by another of your pets" }],
    });
    const invalid = new ApiError(422, {
      type: "https://petful.dev/problems/invalid",
      title: "Invalid",
      status: 422,
      detail: "invalid",
      errors: [{ field: "name", reason: "must be 1-20 characters" }],
    });
    const options = { known: { name: "pets.problem.nameTaken" }, knownStatus: 409 } as const;
    const f1 = form({ name: "" });
    expect(formProblem(f1, taken, t, options)).toBeNull();
    expect(f1.errors).toEqual({ name: "t:pets.problem.nameTaken" });
    const f2 = form({ name: "" });
    formProblem(f2, invalid, t, options);
    expect(f2.errors).toEqual({ name: "must be 1-20 characters" });
  });
});
