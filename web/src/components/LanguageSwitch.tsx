import { SegmentedControl } from "@mantine/core";

import type { Lang } from "../i18n/format";
import { useI18n } from "../i18n/useI18n";

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("nav.language")}
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      data={[
        { value: "ko", label: "한국어" },
        { value: "en", label: "English" },
      ]}
    />
  );
}
