// A failed form submission: each field error beside its field (in the person's language where
// the API's one reason for that field is known), and a message above the form only for what
// no field explains (a network or server error, a conflict, a field the form lacks).
import { ApiError } from "../api/problem";
import type { I18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/ko";
import { errorMessage } from "./errorMessage";
import { problemForForm, type FormWithErrors } from "./problemForm";

export interface FormProblemOptions {
  /** API field -> form field, where they are named differently. */
  rename?: Readonly<Record<string, string>>;
  /** Form field -> the message for an API error on it (the one reason the API has). */
  known?: KnownReasons;
  /** Only answers of this status carry the known reasons (e.g. 409: a name taken). */
  knownStatus?: number;
}

/** Form field -> what the API's one reason for refusing it means, in the catalogue. */
export type KnownReasons = Readonly<Record<string, MessageKey>>;

/** Put `error` on `form`; returns the message for above the form (null: the fields say it). */
export function formProblem(
  form: FormWithErrors,
  error: unknown,
  t: I18n["t"],
  { rename = {}, known = {}, knownStatus }: FormProblemOptions = {},
): string | null {
  const { fieldErrors, message } = problemForForm(error, Object.keys(form.values), rename);
  const applies =
    knownStatus === undefined || (error instanceof ApiError && error.status === knownStatus);
  for (const [field, key] of Object.entries(applies ? known : {})) {
    if (field in fieldErrors) fieldErrors[field] = t(key);
  }
  form.setErrors(fieldErrors);
  const blamedFields = error instanceof ApiError && error.fieldErrors.length > 0;
  return blamedFields && message === null ? null : errorMessage(error, t);
}
