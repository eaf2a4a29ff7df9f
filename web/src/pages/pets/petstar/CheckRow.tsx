import { Group, Text, ThemeIcon } from "@mantine/core";

import { useI18n } from "../../../i18n/useI18n";

/** One requirement or criterion, met or not: said in words, not only by colour or icon. */
export function CheckRow({ met, label, detail }: { met: boolean; label: string; detail?: string }) {
  const { t } = useI18n();
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon color={met ? "teal.9" : "gray.7"} size="sm" radius="xl" mt={2} aria-hidden>
        {met ? "✓" : "–"}
      </ThemeIcon>
      <div style={{ minWidth: 0 }}>
        <Text size="sm">
          {label}{" "}
          <Text span size="sm" fw={700} c={met ? "teal.9" : "gray.7"}>
            ({met ? t("pets.check.met") : t("pets.check.unmet")})
          </Text>
        </Text>
        {detail ? (
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}
