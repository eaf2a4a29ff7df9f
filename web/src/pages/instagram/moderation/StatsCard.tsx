import { Card, SimpleGrid, Skeleton, Title } from "@mantine/core";
import { useId } from "react";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { Figure } from "../Figure";
import { useModerationStats } from "../queries";
import { formatPercent } from "../rules";

/** How many comments were synced and what moderation did with them. */
export function StatsCard({ accountId }: { accountId: string }) {
  const { t, lang, number } = useI18n();
  const id = useId();
  const stats = useModerationStats(accountId);
  const s = stats.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb="sm">
        {t("instagram.moderation.stats")}
      </Title>
      {stats.isPending ? <Skeleton height={120} aria-busy="true" /> : null}
      {stats.isError ? <QueryError error={stats.error} onRetry={() => stats.refetch()} /> : null}
      {s ? (
        <SimpleGrid component="dl" cols={2} m={0}>
          <Figure label={t("instagram.moderation.total")} value={number(s.total_comments)} />
          <Figure
            label={t("instagram.moderation.moderated")}
            value={number(s.moderated_comments)}
            note={formatPercent(s.moderated_rate, lang)}
          />
          <Figure label={t("instagram.moderation.hidden")} value={number(s.hidden_comments)} />
          <Figure label={t("instagram.moderation.deleted")} value={number(s.deleted_comments)} />
          <Figure
            label={t("instagram.moderation.withWords")}
            value={number(s.banned_word_comments)}
          />
          <Figure
            label={t("instagram.sentiment.NEGATIVE")}
            value={formatPercent(s.negative_ratio, lang)}
          />
        </SimpleGrid>
      ) : null}
    </Card>
  );
}
