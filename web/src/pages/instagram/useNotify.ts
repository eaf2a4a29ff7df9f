import { useCallback } from "react";

import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";

/** `notify` bound to the page's language. */
export function useNotify(): (message: string, color?: string) => void {
  const { t } = useI18n();
  return useCallback((message, color) => notify(t, { message, color }), [t]);
}
