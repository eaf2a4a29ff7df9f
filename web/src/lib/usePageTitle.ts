import { useEffect } from "react";

import { useI18n } from "../i18n/useI18n";

/** The tab's title for this page: "<page> · PetFul". */
export function usePageTitle(title: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.name")}` : t("app.name");
  }, [title, t]);
}
