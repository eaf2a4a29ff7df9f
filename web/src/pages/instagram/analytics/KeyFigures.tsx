import { Card, SimpleGrid } from "@mantine/core";

import { useI18n } from "../../../i18n/useI18n";
import { Figure } from "../Figure";
import { formatPercent, formatRate } from "../rules";
import type { Analytics } from "../types";

/** The headline figures of the last sync, with their change against the month before. */
export function KeyFigures({ analytics: a }: { analytics: Analytics }) {
  const { t, lang, number } = useI18n();
  const change = (pct: number) =>
    t("instagram.analytics.vsLastMonth", { change: formatPercent(pct, lang, true) });
  return (
    <Card withBorder padding="md">
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 6 }} m={0} spacing="md">
        <Figure label={t("instagram.figure.followers")} value={number(a.followers_count)} />
        <Figure
          label={t("instagram.figure.engagement")}
          value={formatRate(a.engagement_rate, lang)}
        />
        <Figure
          label={t("instagram.analytics.avgLikes")}
          value={number(Math.round(a.avg_likes))}
          note={change(a.avg_likes_change_pct)}
        />
        <Figure
          label={t("instagram.analytics.avgComments")}
          value={number(Math.round(a.avg_comments * 10) / 10)}
          note={change(a.avg_comments_change_pct)}
        />
        <Figure
          label={t("instagram.analytics.postsPerWeek")}
          value={number(Math.round(a.posts_per_week * 10) / 10)}
        />
        <Figure
          label={t("instagram.analytics.credibility")}
          value={t("instagram.analytics.score", { score: a.credibility.score })}
        />
      </SimpleGrid>
    </Card>
  );
}
