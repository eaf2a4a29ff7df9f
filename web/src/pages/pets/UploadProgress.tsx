import { Progress, Stack, Text } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";

/** How much of an upload has been sent (a named progressbar, and the percentage as text). */
export function UploadProgress({ percent }: { percent: number }) {
  const { t } = useI18n();
  const label = t("pets.upload.progress", { percent });
  return (
    <Stack gap={4}>
      <Progress.Root size="md">
        <Progress.Section value={percent} aria-label={t("pets.upload.label")} animated />
      </Progress.Root>
      <Text size="xs" c="dimmed" aria-live="polite">
        {label}
      </Text>
    </Stack>
  );
}
