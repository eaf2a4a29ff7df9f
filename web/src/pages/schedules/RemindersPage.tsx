import { Badge, Button, Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { KIND_COLORS, kindLabel, leadLabel } from "./labels";
import { useReminders } from "./queries";

/** The reminders sent to me, newest first (in the app until notifications deliver them). */
export function RemindersPage() {
  const { t, dateTime } = useI18n();
  const reminders = useReminders();
  const items = reminders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack maw={720} mx="auto" w="100%">
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t("schedules.remindersPage.title")}</PageTitle>
        <Button component={Link} to="/schedules" variant="default">
          {t("schedules.remindersPage.back")}
        </Button>
      </Group>
      {reminders.isPending ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={72} />
          ))}
        </Stack>
      ) : reminders.isError ? (
        <QueryError error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder padding="lg">
          <Text fw={600}>{t("schedules.remindersPage.empty")}</Text>
          <Text size="sm">{t("schedules.remindersPage.emptyBody")}</Text>
        </Card>
      ) : (
        <Stack gap="sm">
          {items.map((r) => (
            <Card key={r.id} withBorder padding="md" data-testid="reminder">
              <Stack gap={4}>
                <Group gap="xs">
                  <Badge size="sm" variant="light" color={KIND_COLORS[r.kind] ?? "gray"}>
                    {t(kindLabel(r.kind))}
                  </Badge>
                  <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                    {t("schedules.remindersPage.what", { pet: r.pet_name, title: r.title })}
                  </Text>
                </Group>
                <Text size="sm">
                  {t("schedules.remindersPage.when", {
                    when: dateTime(r.occurs_at ?? ""),
                    lead: leadLabel(t, r.lead_minutes),
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("schedules.remindersPage.sent", { when: dateTime(r.fired_at ?? "") })}
                </Text>
              </Stack>
            </Card>
          ))}
          {reminders.hasNextPage && (
            <Button
              variant="default"
              loading={reminders.isFetchingNextPage}
              onClick={() => void reminders.fetchNextPage()}
            >
              {t("schedules.remindersPage.more")}
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
