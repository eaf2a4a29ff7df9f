import { Alert, Button, Stack, Text } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";

/** Instagram refused the stored token: nothing syncs until the owner links it again. */
export function ReauthAlert({ onReconnect }: { onReconnect: () => void }) {
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
        <Button size="xs" color="dark" onClick={onReconnect}>
          {t("instagram.reauth.reconnect")}
        </Button>
      </Stack>
    </Alert>
  );
}
