import { Badge, Group, List, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { checklistItem } from "./rules";
import type { Checklist, ChecklistItem } from "./types";

const STATUS_COLOURS: Record<Checklist["status"], string> = {
  PENDING: "blue",
  PASSED: "teal",
  FAILED: "red",
  UNAVAILABLE: "gray",
};

function ItemLabel({ item }: { item: ChecklistItem }) {
  const { t, dateTime } = useI18n();
  const { kind, value } = checklistItem(item.name);
  switch (kind) {
    case "postedByPetstar":
      return (
        <>
          {t("campaigns.checklist.item.postedByPetstar")}
          {item.detail ? ` (${item.detail})` : ""}
        </>
      );
    case "postedInWindow": {
      // The detail is when the post went up (ISO, with its offset).
      const at = Date.parse(item.detail);
      return (
        <>
          {t("campaigns.checklist.item.postedInWindow")}
          {Number.isNaN(at)
            ? ""
            : ` · ${t("campaigns.checklist.postedAt", { date: dateTime(item.detail) })}`}
        </>
      );
    }
    case "disclosure":
      return <>{t("campaigns.checklist.item.disclosure")}</>;
    case "hashtag":
      return <>{t("campaigns.checklist.item.hashtag", { value })}</>;
    case "keyword":
      return <>{t("campaigns.checklist.item.keyword", { value })}</>;
    default:
      return (
        <>
          {value}
          {item.detail ? ` (${item.detail})` : ""}
        </>
      );
  }
}

/** The platform's automatic check of the submitted post, item by item. */
export function ChecklistView({
  checklist,
  headingId,
}: {
  checklist: Checklist;
  headingId: string;
}) {
  const { t, dateTime } = useI18n();
  const colour = STATUS_COLOURS[checklist.status];
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title id={headingId} order={4} fz="sm">
            {t("campaigns.checklist.title")}
          </Title>
          <Badge variant="dot" color={colour}>
            {t(`campaigns.checklist.status.${checklist.status}`)}
          </Badge>
        </Group>
        <Text size="sm">{t(`campaigns.checklist.help.${checklist.status}`)}</Text>
        {checklist.items.length > 0 ? (
          <List spacing={6} listStyleType="none" p={0} data-testid="checklist-items">
            {checklist.items.map((item) => (
              <List.Item
                key={item.name}
                icon={
                  <ThemeIcon
                    size={20}
                    radius="xl"
                    color={item.passed ? "teal.9" : "red.9"}
                    aria-hidden="true"
                  >
                    {item.passed ? "✓" : "!"}
                  </ThemeIcon>
                }
              >
                <Text size="sm" component="span">
                  <ItemLabel item={item} />
                  {" — "}
                  <Text component="span" fw={700} c={item.passed ? "teal.9" : "red.9"}>
                    {item.passed
                      ? t("campaigns.checklist.passed")
                      : t("campaigns.checklist.failed")}
                  </Text>
                </Text>
              </List.Item>
            ))}
          </List>
        ) : null}
        {checklist.checked_at ? (
          <Text size="xs" c="dimmed">
            {t("campaigns.checklist.checkedAt", { date: dateTime(checklist.checked_at) })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
