// problem+json field errors beside their form fields: the API names each bad field
// (`errors[].field`, dotted like "address" or "items.0.name", the same paths Mantine forms
// use), so forms use the API's field names and this maps one onto the other.
import { ApiError } from "../api/problem";

export interface ProblemForForm {
  /** Errors for fields the form has, by field path. */
  fieldErrors: Record<string, string>;
  /** What to show above the form: the problem's detail when no field took the blame. */
  message: string | null;
}

/**
 * Split an error into per-field messages (only for `fields` the form shows, optionally
 * renamed API field -> form field) and a general message for everything else.
 */
export function problemForForm(
  error: unknown,
  fields: readonly string[],
  rename: Readonly<Record<string, string>> = {},
): ProblemForForm {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, message: null };
  const known = new Set(fields);
  const fieldErrors: Record<string, string> = {};
  for (const { field, reason } of error.fieldErrors) {
    const name = rename[field] ?? field;
    if (known.has(name)) {
      fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]} ${reason}` : reason;
    }
  }
  const unmatched = error.fieldErrors.some((e) => !known.has(rename[e.field] ?? e.field));
  const message =
    Object.keys(fieldErrors).length > 0 && !unmatched
      ? null
      : (error.problem?.detail ?? error.problem?.title ?? null);
  return { fieldErrors, message };
}

/** The subset of a Mantine form this needs (any `useForm()` result fits). */
export interface FormWithErrors {
  values: object;
  setErrors: (errors: Record<string, string>) => void;
}

/** Show `error`'s field errors on `form`; returns the message for the rest (or null). */
export function applyProblem(
  form: FormWithErrors,
  error: unknown,
  rename: Readonly<Record<string, string>> = {},
): string | null {
  const { fieldErrors, message } = problemForForm(error, Object.keys(form.values), rename);
  form.setErrors(fieldErrors);
  return message;
}
