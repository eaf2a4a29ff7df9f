import "@mantine/charts/styles.css";

import {
  Anchor,
  Button,
  Card,
  Group,
  RingProgress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { usePet } from "../pets/queries";
import { useReport } from "./queries";
import { ReportCharts } from "./ReportCharts";
import { PRESETS, presetRange, rangeProblem, todayInKorea } from "./rules";
import type { HealthReport } from "./types";

function ScoreCard({ title, score, hint }: { title: string; score: number | null; hint: string }) {
  const { t } = useI18n();
  const colour = score == null ? "gray" : score >= 85 ? "teal" : score >= 60 ? "yellow" : "red";
  return (
    <Card withBorder padding="md" component="article">
      <Group wrap="nowrap" align="flex-start">
        <RingProgress
          size={80}
          thickness={8}
          roundCaps
          sections={[{ value: score ?? 0, color: colour }]}
          label={
            <Text ta="center" fw={700} size="sm">
              {score == null ? "–" : score}
            </Text>
          }
          aria-hidden="true"
        />
        <div>
          <Title order={3} fz="md">
            {title}
          </Title>
          <Text fw={700}>
            {score == null
              ? t("activity.report.score.none")
              : t("activity.report.score.value", { score })}
          </Text>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        </div>
      </Group>
    </Card>
  );
}

function Scores({ report }: { report: HealthReport }) {
  const { t, number } = useI18n();
  const s = report.scores;
  const percent = (ratio: number | null) => (ratio == null ? "–" : number(Math.round(ratio * 100)));
  return (
    <section aria-labelledby="activity-scores">
      <Title order={2} fz="h4" id="activity-scores" mb="sm">
        {t("activity.report.scores")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <ScoreCard
          title={t("activity.report.score.walk")}
          score={s.walk_achievement}
          hint={t("activity.report.score.walk.hint", { percent: percent(s.walk_ratio) })}
        />
        <ScoreCard
          title={t("activity.report.score.intake")}
          score={s.intake_balance}
          hint={t("activity.report.score.intake.hint", { percent: percent(s.intake_ratio) })}
        />
        <ScoreCard
          title={t("activity.report.score.excretion")}
          score={s.excretion}
          hint={t("activity.report.score.excretion.hint", {
            pee: s.pee ?? "–",
            poop: s.poop ?? "–",
          })}
        />
        <ScoreCard
          title={t("activity.report.score.sleep")}
          score={s.sleep_quality}
          hint={t("activity.report.score.sleep.hint", { hours: report.recommended_sleep_hours })}
        />
      </SimpleGrid>
    </section>
  );
}

function Totals({ report }: { report: HealthReport }) {
  const { t, number } = useI18n();
  const { totals, averages } = report;
  const dash = (value: number | null) => (value == null ? "–" : number(value));
  const rows: [string, string, string][] = [
    ["activity.summary.walk", number(totals.walk_km), dash(averages.walk_km)],
    [
      "activity.calories.burnActual",
      number(totals.burn_actual_kcal),
      dash(averages.burn_actual_kcal),
    ],
    ["activity.calories.intake", number(totals.intake_kcal), dash(averages.intake_kcal)],
    ["activity.summary.sleep", number(totals.sleep_hours), dash(averages.sleep_hours)],
    ["activity.field.poop_count", number(totals.poop_count), dash(averages.poop_count)],
    ["activity.field.pee_count", number(totals.pee_count), dash(averages.pee_count)],
  ];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="activity-totals">
      <Title order={2} fz="h4" id="activity-totals" mb="sm">
        {t("activity.report.totals")}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t("activity.report.total")}</Table.Th>
            <Table.Th>{t("activity.report.average")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([key, total, average]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" fw={500}>
                {t(key as MessageKey)}
              </Table.Th>
              <Table.Td>{total}</Table.Td>
              <Table.Td>{average}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The report of a period: 7, 30 or 90 days ending today, or any range up to 92 days. */
export function ReportPage() {
  const { petId = "" } = useParams();
  const { t, calendarDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const today = todayInKorea();
  const preset = params.get("days") ?? "7";
  const range =
    preset === "custom"
      ? { from: params.get("from") ?? today, to: params.get("to") ?? today }
      : presetRange(Number(preset) || 7, today);
  const [draft, setDraft] = useState(range);
  const problem = rangeProblem(draft.from, draft.to);
  const pet = usePet(petId);
  const report = useReport(petId, range.from, range.to);
  if (pet.isPending) return <PageSkeleton />;
  const name = pet.data?.name ?? "";
  return (
    <Stack>
      <PageTitle>{t("activity.report.title", { name })}</PageTitle>
      <Anchor component={Link} to={`/health?pet=${petId}`} mt={-8}>
        {t("activity.report.back")}
      </Anchor>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t("activity.report.range")}
            value={preset}
            onChange={(value) =>
              setParams(value === "custom" ? { days: value, ...draft } : { days: value })
            }
            data={[
              ...PRESETS.map((days) => ({
                value: String(days),
                label: t(`activity.report.range.${days}` as MessageKey),
              })),
              { value: "custom", label: t("activity.report.range.custom") },
            ]}
          />
          {preset === "custom" ? (
            <Group align="flex-end" wrap="wrap">
              <TextInput
                type="date"
                label={t("activity.report.from")}
                value={draft.from}
                max={today}
                onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t("activity.report.to")}
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
                error={
                  problem === "tooLong"
                    ? t("activity.report.rangeTooLong")
                    : problem === "order"
                      ? t("activity.report.rangeOrder")
                      : null
                }
              />
              <Button
                disabled={problem !== null}
                onClick={() => setParams({ days: "custom", ...draft })}
              >
                {t("activity.report.apply")}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Card>
      {pet.isError ? (
        <QueryError error={pet.error} onRetry={() => void pet.refetch()} />
      ) : report.isPending ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          <Skeleton height={20} width="60%" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={110} />
            ))}
          </SimpleGrid>
          <Skeleton height={240} />
        </Stack>
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Text c="dimmed" aria-live="polite">
            {t("activity.report.period", {
              from: calendarDate(report.data.from),
              to: calendarDate(report.data.to),
              days: report.data.totals.recorded_days,
            })}
          </Text>
          {report.data.totals.recorded_days === 0 ? (
            <Text>{t("activity.report.empty")}</Text>
          ) : null}
          <Scores report={report.data} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ReportCharts report={report.data} />
          </SimpleGrid>
          <Totals report={report.data} />
        </>
      )}
    </Stack>
  );
}
