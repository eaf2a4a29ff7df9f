import { Text } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";

/** When the account was last synced (a <time>, so the exact instant is in the page). */
export function LastSynced({ at }: { at: string | null }) {
  const { t, dateTime } = useI18n();
  return (
    <Text size="sm">
      {at ? (
        <>
          {t("instagram.sync.last")} <time dateTime={at}>{dateTime(at)}</time>
        </>
      ) : (
        t("instagram.sync.never")
      )}
    </Text>
  );
}
