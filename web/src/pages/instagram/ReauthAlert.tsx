import { Alert, Stack, Text } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { LinkButton } from "./LinkButton";
import type { Account } from "./types";

/** Instagram refused the stored token: nothing syncs until the owner links it again (a new
 * Facebook login; the account is already named, so no choice is asked). */
export function ReauthAlert({ account }: { account: Pick<Account, "ig_user_id"> }) {
  const { t } = useI18n();
  return (
    // The title in the text colour: Mantine's yellow title on its tint is under 4.5:1.
    <Alert
      color="yellow"
      title={t("instagram.reauth.title")}
      styles={{ title: { color: "var(--mantine-color-text)" } }}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t("instagram.reauth.body")}</Text>
        <LinkButton size="xs" color="dark" reconnect={{ igUserId: account.ig_user_id }}>
          {t("instagram.reauth.reconnect")}
        </LinkButton>
      </Stack>
    </Alert>
  );
}
