import { DonutChart } from "@mantine/charts";
import { Group, Skeleton, Stack, Text } from "@mantine/core";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { useModerationStats } from "../queries";
import { formatPercent } from "../rules";
import { ChartCard } from "../../../components/ChartCard";

/** How the synced comments feel: positive, neutral, negative (the platform classifies). */
export function SentimentChart({ accountId }: { accountId: string }) {
  const { t, lang, number } = useI18n();
  const stats = useModerationStats(accountId);
  if (stats.isPending) return <Skeleton height={300} aria-busy="true" />;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  const slices = [
    { name: t("instagram.sentiment.POSITIVE"), value: s.positive_ratio, color: "teal.7" },
    { name: t("instagram.sentiment.NEUTRAL"), value: s.neutral_ratio, color: "gray.6" },
    { name: t("instagram.sentiment.NEGATIVE"), value: s.negative_ratio, color: "red.7" },
  ];
  const percent = (value: number) => formatPercent(value, lang);
  return (
    <ChartCard
      title={t("instagram.analytics.sentiment")}
      description={t("instagram.analytics.sentimentHint", { count: number(s.total_comments) })}
      empty={s.total_comments === 0 ? t("instagram.analytics.sentimentEmpty") : null}
      table={{
        columns: [t("instagram.analytics.sentimentKind"), t("instagram.analytics.share")],
        rows: slices.map((slice) => [slice.name, percent(slice.value)]),
      }}
    >
      <Stack align="center" gap="sm">
        <DonutChart
          data={slices}
          valueFormatter={percent}
          size={180}
          thickness={28}
          chartLabel={number(s.total_comments)}
        />
        <Group gap="md" justify="center" aria-hidden>
          {slices.map((slice) => (
            <Group key={slice.name} gap={6} wrap="nowrap">
              <span
                style={{
                  width: 12,
                  height: 12,
                  borderRadius: 2,
                  background: `var(--mantine-color-${slice.color.replace(".", "-")})`,
                }}
              />
              <Text size="sm">
                {slice.name} {percent(slice.value)}
              </Text>
            </Group>
          ))}
        </Group>
      </Stack>
    </ChartCard>
  );
}
