import "@mantine/charts/styles.css";

import { Card, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { useParams } from "react-router";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { AccountHeader } from "./AccountHeader";
import { ContentMix } from "./analytics/ContentMix";
import { KeyFigures } from "./analytics/KeyFigures";
import { SentimentChart } from "./analytics/SentimentChart";
import { TopPosts } from "./analytics/TopPosts";
import { EngagementChart, FollowerGrowthChart, ReachChart } from "./analytics/TrendCharts";
import { useAnalytics } from "./queries";

function AnalyticsSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      <Skeleton height={90} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Skeleton height={300} />
        <Skeleton height={300} />
      </SimpleGrid>
    </Stack>
  );
}

/** One account's analytics, as the last sync computed them. */
export function AnalyticsPage() {
  const { accountId = "" } = useParams();
  const { t, dateTime } = useI18n();
  const analytics = useAnalytics(accountId);
  const a = analytics.data;
  return (
    <Stack maw={1100} mx="auto">
      <AccountHeader accountId={accountId} section="analytics" />
      {analytics.isPending ? <AnalyticsSkeleton /> : null}
      {analytics.isError ? (
        <QueryError error={analytics.error} onRetry={() => analytics.refetch()} />
      ) : null}
      {a && !a.computed_at ? (
        <Card withBorder padding="xl">
          <Text ta="center">{t("instagram.analytics.empty")}</Text>
        </Card>
      ) : null}
      {a?.computed_at ? (
        <>
          <Text size="sm" c="dimmed">
            {t("instagram.analytics.computedAt", { time: dateTime(a.computed_at) })}
          </Text>
          <KeyFigures analytics={a} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <FollowerGrowthChart growth={a.follower_growth} />
            <EngagementChart insights={a.insights} />
            <ReachChart insights={a.insights} />
            <SentimentChart accountId={accountId} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TopPosts posts={a.top_posts} />
            <ContentMix analytics={a} />
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
