// The campaign's results: the totals (posts, likes and comments, what it cost and the cost
// per engagement), likes and comments per post and participation as charts, each with the
// same figures as a table for screen readers, and the CSV (fetched with the token: the
// report is private) for a spreadsheet.
import "@mantine/charts/styles.css";

import { BarChart } from "@mantine/charts";
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { ChartCard } from "../../components/ChartCard";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { CampaignFrame } from "./CampaignFrame";
import { authorizedBlob, useReport } from "./queries";
import type { Campaign, Report } from "./types";

const HEIGHT = 220;

/** Save a blob as a file, the way a link with `download` does. */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  // Not at once: the browser reads the blob after the click returns (FileSaver.js waits 40 s).
  window.setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

function CsvButton({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const blob = await authorizedBlob(
            `/api/v1/advertiser/campaigns/${campaign.id}/report.csv`,
          );
          saveBlob(blob, `campaign-${campaign.id}.csv`);
        } catch (error) {
          notify(t, { color: "red", message: errorMessage(error, t) });
        } finally {
          setBusy(false);
        }
      }}
    >
      {t("advertiser.report.csv")}
    </Button>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
}

function Results({ campaign, report }: { campaign: Campaign; report: Report }) {
  const { t, number, price } = useI18n();
  const totals = report.totals;
  const dash = (value: number | null) => (value === null ? "–" : number(value));
  const engagement =
    totals.likes === null && totals.comments === null
      ? null
      : (totals.likes ?? 0) + (totals.comments ?? 0);
  const posts = report.rows.filter((row) => row.post_url);
  const likes = t("advertiser.report.likes");
  const comments = t("advertiser.report.comments");
  const pet = t("advertiser.report.pet");
  const participation = [
    { stage: t("advertiser.report.selected"), count: totals.selected },
    { stage: t("advertiser.report.completed"), count: totals.completed },
    { stage: t("advertiser.report.noShow"), count: totals.no_show },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed">
          {t("advertiser.report.lead")}
        </Text>
        <CsvButton campaign={campaign} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
        <Figure label={t("advertiser.report.posts")} value={number(totals.posts)} />
        <Figure label={likes} value={dash(totals.likes)} />
        <Figure label={comments} value={dash(totals.comments)} />
        <Figure label={t("advertiser.report.engagement")} value={dash(engagement)} />
        <Figure label={t("advertiser.report.cost")} value={price(totals.total_cost_krw)} />
        <Figure
          label={t("advertiser.report.cpe")}
          value={
            totals.cost_per_engagement_krw === null
              ? "–"
              : price(Math.round(totals.cost_per_engagement_krw))
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard
          title={t("advertiser.report.perPost")}
          description={t("advertiser.report.perPostHint")}
          empty={posts.length === 0 ? t("advertiser.report.noPosts") : null}
          table={{
            columns: [pet, likes, comments],
            rows: posts.map((row) => [row.pet_name, dash(row.likes), dash(row.comments)]),
          }}
        >
          <BarChart
            h={HEIGHT}
            data={posts.map((row) => ({
              pet: row.pet_name,
              likes: row.likes ?? 0,
              comments: row.comments ?? 0,
            }))}
            dataKey="pet"
            type="stacked"
            withLegend
            valueFormatter={number}
            yAxisProps={{ width: 56 }}
            series={[
              { name: "likes", label: likes, color: "petful.7" },
              { name: "comments", label: comments, color: "teal.7" },
            ]}
          />
        </ChartCard>
        <ChartCard
          title={t("advertiser.report.participation")}
          description={t("advertiser.report.participationHint")}
          empty={totals.selected === 0 ? t("advertiser.report.noneSelected") : null}
          table={{
            columns: [t("advertiser.report.stage"), t("advertiser.report.count")],
            rows: participation.map((p) => [p.stage, number(p.count)]),
          }}
        >
          <BarChart
            h={HEIGHT}
            data={participation}
            dataKey="stage"
            valueFormatter={number}
            yAxisProps={{ width: 40, allowDecimals: false }}
            series={[{ name: "count", label: t("advertiser.report.count"), color: "petful.7" }]}
          />
        </ChartCard>
      </SimpleGrid>
      {posts.length > 0 ? (
        <Card
          withBorder
          padding="md"
          component="section"
          aria-label={t("advertiser.report.postLinks")}
        >
          <Stack gap={4}>
            {posts.map((row) => (
              <Anchor
                key={row.applicant_id}
                href={row.post_url ?? undefined}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
              >
                {t("advertiser.running.post", { name: row.pet_name })}
              </Anchor>
            ))}
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}

function ReportView({ campaign }: { campaign: Campaign }) {
  const report = useReport(campaign.id);
  if (report.isPending) return <PageSkeleton />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => report.refetch()} />;
  return <Results campaign={campaign} report={report.data} />;
}

export function ReportPage() {
  return (
    <CampaignFrame view="report">{(campaign) => <ReportView campaign={campaign} />}</CampaignFrame>
  );
}
