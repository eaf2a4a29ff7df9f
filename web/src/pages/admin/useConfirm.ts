// Every admin action is asked about first: the form checks its fields, a dialog says what
// will happen, and only "confirm" sends it. A refusal the API ties to a field is shown
// beside that field (and the dialog closes); any other reason is shown in the dialog.
import { useState } from "react";

import type { I18n } from "../../i18n/I18nProvider";
import { errorMessage } from "../../lib/errorMessage";
import { formProblem, type FormProblemOptions } from "../../lib/formProblem";
import type { FormWithErrors } from "../../lib/problemForm";

export interface Confirm<V> {
  /** What is waiting for confirmation (null: the dialog is closed). */
  pending: V | null;
  error: string | null;
  ask: (values: V) => void;
  close: () => void;
  /** Send the pending values; `send` settles with `done` or `failed`. */
  confirm: (send: (values: V, settle: Settle) => void) => void;
}

export interface Settle {
  done: () => void;
  failed: (error: unknown) => void;
}

export function useConfirm<V>(
  form: FormWithErrors | null,
  t: I18n["t"],
  options: FormProblemOptions = {},
): Confirm<V> {
  const [pending, setPending] = useState<V | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setPending(null);
    setError(null);
  };
  return {
    pending,
    error,
    ask: (values) => {
      setError(null);
      setPending(values);
    },
    close,
    confirm: (send) => {
      if (pending === null) return;
      setError(null);
      send(pending, {
        done: close,
        failed: (failure) => {
          const message = form ? formProblem(form, failure, t, options) : errorMessage(failure, t);
          if (message === null) close();
          else setError(message);
        },
      });
    },
  };
}
