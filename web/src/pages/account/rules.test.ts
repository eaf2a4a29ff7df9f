import { describe, expect, it } from "vitest";

import { ApiError } from "../../api/problem";
import { length, lengthWithin, newPasswordProblem, pictureProblem } from "./rules";

describe("newPasswordProblem", () => {
  it("accepts letters with a digit or a symbol", () => {
    expect(newPasswordProblem("petful-2025", "a@b.kr")).toBeNull();
    expect(newPasswordProblem("비밀번호는길게!", "a@b.kr")).toBeNull();
  });

  it("wants 8 to 72 characters, counted like the API", () => {
    expect(newPasswordProblem("abc-123", "")).toBe("account.password.rule.length");
    expect(newPasswordProblem("a1".repeat(36), "")).toBeNull();
    expect(newPasswordProblem(`${"a1".repeat(36)}x`, "")).toBe("account.password.rule.length");
    // Eight emoji are 16 UTF-16 units but 8 characters (and no letter).
    expect(newPasswordProblem("🐶".repeat(8), "")).toBe("account.password.rule.mix");
  });

  it("wants a letter and a digit or symbol", () => {
    expect(newPasswordProblem("onlyletters", "")).toBe("account.password.rule.mix");
    expect(newPasswordProblem("1234567890", "")).toBe("account.password.rule.mix");
  });

  it("refuses the email address", () => {
    expect(newPasswordProblem("Me@Petful.dev", "me@petful.dev")).toBe(
      "account.password.rule.notEmail",
    );
  });
});

describe("lengthWithin", () => {
  it("counts trimmed code points", () => {
    expect(length("🐶🐱")).toBe(2);
    expect(lengthWithin("  열 글자가 되는 문장  ", 10, 500)).toBe(true);
    expect(lengthWithin("   짧다   ", 10, 500)).toBe(false);
    expect(lengthWithin("가".repeat(501), 10, 500)).toBe(false);
  });
});

describe("pictureProblem", () => {
  const refused = (status: number) => new ApiError(status, null);

  it("names each refusal of the upload route", () => {
    expect(pictureProblem(refused(413))).toBe("account.picture.tooLarge");
    expect(pictureProblem(refused(415))).toBe("account.picture.wrongType");
    expect(pictureProblem(refused(422))).toBe("account.picture.broken");
  });

  it("leaves other failures to the general message", () => {
    expect(pictureProblem(refused(0))).toBeNull();
    expect(pictureProblem(refused(503))).toBeNull();
  });
});
