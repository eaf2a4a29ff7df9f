// Delivery statistics of the last 30 days (the API's default window), one row per
// notification type: inbox rows written and read, and each other channel's outcomes.
import { Card, Skeleton, Stack, Text } from "@mantine/core";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { Section } from "./bits";
import { useDeliveryStats } from "./queries";
import { notificationTypeKey, percent, totalsByType } from "./rules";

export function DeliveryStatsCard() {
  const { t, number, date } = useI18n();
  const stats = useDeliveryStats();
  const rows = stats.data ? totalsByType(stats.data.counts) : [];
  return (
    <Section
      id="admin-stats"
      title={t("admin.stats.title")}
      lead={stats.data ? t("admin.stats.lead", { date: date(stats.data.since) }) : undefined}
    >
      {stats.isPending ? (
        <Skeleton height={120} aria-busy="true" aria-label={t("common.loading")} />
      ) : null}
      {stats.isError ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : null}
      {stats.isSuccess && rows.length === 0 ? (
        <Text size="sm">{t("admin.stats.empty")}</Text>
      ) : null}
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
        {rows.map((row) => {
          const name = notificationTypeKey(row.type);
          return (
            <Card key={row.type} withBorder padding="sm" component="li" data-testid="stats-type">
              <Text fw={700} size="sm" style={{ overflowWrap: "anywhere" }}>
                {name ? t(name) : row.type}
              </Text>
              {row.inApp ? (
                <Text size="sm">
                  {t("admin.stats.inApp", {
                    written: number(row.inApp.written),
                    opened: number(row.inApp.opened),
                    share: percent(row.inApp.opened, row.inApp.written),
                  })}
                </Text>
              ) : null}
              {row.channels.map((c) => (
                <Text key={c.channel} size="sm">
                  {t("admin.stats.channel", {
                    channel: t(`admin.stats.channel.${c.channel}`),
                    sent: number(c.sent),
                    failed: number(c.failed),
                    skipped: number(c.skipped),
                    pending: number(c.pending),
                  })}
                </Text>
              ))}
            </Card>
          );
        })}
      </Stack>
    </Section>
  );
}
