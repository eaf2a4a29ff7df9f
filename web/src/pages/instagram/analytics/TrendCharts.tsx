import { AreaChart, BarChart, LineChart } from "@mantine/charts";

import { useI18n } from "../../../i18n/useI18n";
import { activeInsights, formatMonth } from "../rules";
import type { FollowerMonth, MonthlyInsight } from "../types";
import { ChartCard } from "../../../components/ChartCard";

const HEIGHT = 240;

export function FollowerGrowthChart({ growth }: { growth: FollowerMonth[] }) {
  const { t, lang, number } = useI18n();
  const rows = growth.map((m) => ({ month: formatMonth(m.month, lang), followers: m.followers }));
  return (
    <ChartCard
      title={t("instagram.analytics.followers")}
      description={t("instagram.analytics.followersHint")}
      empty={growth.length < 2 ? t("instagram.analytics.followersEmpty") : null}
      table={{
        columns: [t("instagram.analytics.month"), t("instagram.figure.followers")],
        rows: rows.map((r) => [r.month, number(r.followers)]),
      }}
    >
      <LineChart
        h={HEIGHT}
        data={rows}
        dataKey="month"
        series={[{ name: "followers", label: t("instagram.figure.followers"), color: "petful.7" }]}
        curveType="monotone"
        valueFormatter={number}
        yAxisProps={{ domain: ["auto", "auto"], width: 64 }}
      />
    </ChartCard>
  );
}

export function EngagementChart({ insights }: { insights: MonthlyInsight[] }) {
  const { t, lang, number } = useI18n();
  const months = activeInsights(insights);
  const rows = months.map((m) => ({
    month: formatMonth(m.month, lang),
    likes: m.likes,
    comments: m.comments,
    shares: m.shares,
  }));
  const likes = t("instagram.analytics.likes");
  const comments = t("instagram.analytics.comments");
  const shares = t("instagram.analytics.shares");
  return (
    <ChartCard
      title={t("instagram.analytics.engagement")}
      description={t("instagram.analytics.engagementHint")}
      empty={rows.length === 0 ? t("instagram.analytics.insightsEmpty") : null}
      table={{
        columns: [t("instagram.analytics.month"), likes, comments, shares],
        rows: rows.map((r) => [r.month, number(r.likes), number(r.comments), number(r.shares)]),
      }}
    >
      <BarChart
        h={HEIGHT}
        data={rows}
        dataKey="month"
        type="stacked"
        withLegend
        valueFormatter={number}
        yAxisProps={{ width: 64 }}
        series={[
          { name: "likes", label: likes, color: "petful.6" },
          { name: "comments", label: comments, color: "blue.6" },
          { name: "shares", label: shares, color: "teal.6" },
        ]}
      />
    </ChartCard>
  );
}

export function ReachChart({ insights }: { insights: MonthlyInsight[] }) {
  const { t, lang, number } = useI18n();
  const rows = activeInsights(insights).map((m) => ({
    month: formatMonth(m.month, lang),
    reach: m.reach,
    views: m.views,
  }));
  const reach = t("instagram.analytics.reachSeries");
  const views = t("instagram.analytics.views");
  return (
    <ChartCard
      title={t("instagram.analytics.reach")}
      description={t("instagram.analytics.reachHint")}
      empty={rows.length === 0 ? t("instagram.analytics.insightsEmpty") : null}
      table={{
        columns: [t("instagram.analytics.month"), reach, views],
        rows: rows.map((r) => [r.month, number(r.reach), number(r.views)]),
      }}
    >
      <AreaChart
        h={HEIGHT}
        data={rows}
        dataKey="month"
        withLegend
        curveType="monotone"
        valueFormatter={number}
        yAxisProps={{ width: 64 }}
        series={[
          { name: "reach", label: reach, color: "petful.7" },
          { name: "views", label: views, color: "indigo.5" },
        ]}
      />
    </ChartCard>
  );
}
