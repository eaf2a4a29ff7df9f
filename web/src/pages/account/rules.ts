// The account forms' client-side checks: the API's own rules (identity's rules.py and the
// report schema), repeated here so a person reads a Korean message without a round trip.
// The API still checks everything; its field errors land beside the same fields.
import type { ApiError } from "../../api/problem";
import type { MessageKey } from "../../i18n/ko";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72;
export const WITHDRAW_REASON_MIN = 10;
export const WITHDRAW_REASON_MAX = 500;
export const REPORT_TEXT_MIN = 10;
export const REPORT_TEXT_MAX = 500;
/** What PUT /api/v1/me/profile-image takes (it checks the content, not the name). */
export const PICTURE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif";

/** Characters as the API counts them (code points, not UTF-16 units). */
export function length(value: string): number {
  return [...value].length;
}

/** Why `password` cannot be a new password (null when it can). */
export function newPasswordProblem(password: string, email: string): MessageKey | null {
  if (length(password) < PASSWORD_MIN || length(password) > PASSWORD_MAX) {
    return "account.password.rule.length";
  }
  const letter = /\p{L}/u.test(password);
  const other = /[\p{N}]|[^\p{L}\p{N}\s]/u.test(password);
  if (!letter || !other) return "account.password.rule.mix";
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return "account.password.rule.notEmail";
  }
  return null;
}

/** Whether trimmed text has between min and max characters. */
export function lengthWithin(value: string, min: number, max: number): boolean {
  const n = length(value.trim());
  return n >= min && n <= max;
}

/** The message for a refused profile picture, by the API's status (null: not a refusal). */
export function pictureProblem(error: ApiError): MessageKey | null {
  switch (error.status) {
    case 413:
      return "account.picture.tooLarge";
    case 415:
      return "account.picture.wrongType";
    case 422:
      return "account.picture.broken";
    default:
      return null;
  }
}
