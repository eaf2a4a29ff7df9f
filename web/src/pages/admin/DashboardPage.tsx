// /admin: the platform at a glance. Accounts (total, suspended, sign-ups and active members),
// what waits in each review queue (each a link to its queue), campaigns by phase, and the
// last 30 days of sign-ups and active members as charts (with the same figures as tables).
import { BarChart, LineChart } from "@mantine/charts";
import { Card, Group, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { ChartCard } from "../../components/ChartCard";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { AdminHeader, Section } from "./bits";
import { useDashboard } from "./queries";
import { QUEUES, shortDay } from "./rules";
import type { Dashboard } from "./types";

const HEIGHT = 220;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="gray.7">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

function Accounts({ accounts }: { accounts: Dashboard["accounts"] }) {
  const { t, number } = useI18n();
  const people = (count: number) => t("admin.dashboard.people", { count: number(count) });
  return (
    <Section id="dashboard-accounts" title={t("admin.dashboard.accounts")}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure
          label={t("admin.dashboard.total")}
          value={people(accounts.total)}
          hint={t("admin.dashboard.suspended", { count: number(accounts.suspended) })}
        />
        <Figure label={t("admin.dashboard.signUps30")} value={people(accounts.sign_ups_30_days)} />
        <Figure
          label={t("admin.dashboard.active7")}
          value={people(accounts.active_7_days)}
          hint={t("admin.dashboard.activeHint")}
        />
        <Figure
          label={t("admin.dashboard.active30")}
          value={people(accounts.active_30_days)}
          hint={t("admin.dashboard.activeHint")}
        />
      </SimpleGrid>
    </Section>
  );
}

function Queues({ queues }: { queues: Dashboard["queues"] }) {
  const { t, number } = useI18n();
  return (
    <Section id="dashboard-queues" title={t("admin.dashboard.queues")}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {QUEUES.map(({ name, to }) => {
          const queue = queues[name];
          const label = t(`admin.dashboard.queue.${name}`);
          const count = t(
            queue.more ? "admin.dashboard.queue.more" : "admin.dashboard.queue.count",
            {
              count: number(queue.waiting),
            },
          );
          return (
            <Card
              key={name}
              withBorder
              padding="md"
              component={Link}
              to={to}
              data-testid={`queue-${name}`}
            >
              <Text size="sm" c="gray.7">
                {label}
              </Text>
              <Text fz={28} fw={700} c={queue.waiting > 0 ? "petful.9" : undefined}>
                {count}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
    </Section>
  );
}

function Campaigns({ phases }: { phases: Dashboard["campaigns"] }) {
  const { t, number } = useI18n();
  const total = phases.reduce((n, p) => n + p.count, 0);
  return (
    <Section
      id="dashboard-campaigns"
      title={t("admin.dashboard.campaigns")}
      lead={total ? t("admin.dashboard.campaigns.total", { count: number(total) }) : undefined}
    >
      {phases.length === 0 ? (
        <Text size="sm">{t("admin.dashboard.campaigns.empty")}</Text>
      ) : (
        <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 5 }} spacing="xs" m={0}>
          {phases.map((p) => (
            <Group key={p.phase} justify="space-between" gap="xs" wrap="nowrap">
              <Text component="dt" size="sm">
                {t(`admin.phase.${p.phase}`)}
              </Text>
              <Text component="dd" fw={700} m={0}>
                {number(p.count)}
              </Text>
            </Group>
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}

function Charts({ days }: { days: Dashboard["days"] }) {
  const { t, number, calendarDate } = useI18n();
  const rows = days.map((d) => ({ day: shortDay(d.date), signUps: d.sign_ups, active: d.active }));
  const empty = days.every((d) => d.sign_ups === 0 && d.active === 0)
    ? t("admin.dashboard.chart.empty")
    : null;
  const dayCol = t("admin.dashboard.chart.day");
  const signUps = t("admin.dashboard.chart.signUps");
  const active = t("admin.dashboard.chart.active");
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartCard
        title={signUps}
        description={t("admin.dashboard.chart.signUps.hint")}
        empty={empty}
        table={{
          columns: [dayCol, signUps],
          rows: days.map((d) => [calendarDate(d.date), number(d.sign_ups)]),
        }}
      >
        <BarChart
          h={HEIGHT}
          data={rows}
          dataKey="day"
          series={[{ name: "signUps", label: signUps, color: "petful.7" }]}
          valueFormatter={number}
          yAxisProps={{ width: 40, allowDecimals: false }}
        />
      </ChartCard>
      <ChartCard
        title={active}
        description={t("admin.dashboard.chart.active.hint")}
        empty={empty}
        table={{
          columns: [dayCol, active],
          rows: days.map((d) => [calendarDate(d.date), number(d.active)]),
        }}
      >
        <LineChart
          h={HEIGHT}
          data={rows}
          dataKey="day"
          series={[{ name: "active", label: active, color: "teal.7" }]}
          valueFormatter={number}
          yAxisProps={{ width: 40, allowDecimals: false }}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

function DashboardSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      <Skeleton height={140} />
      <Skeleton height={120} />
      <Skeleton height={100} />
      <Skeleton height={280} />
    </Stack>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const dashboard = useDashboard();
  return (
    <Stack w="100%">
      <AdminHeader title={t("admin.dashboard.title")} lead={t("admin.dashboard.lead")} />
      {dashboard.isPending ? <DashboardSkeleton /> : null}
      {dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : null}
      {dashboard.isSuccess ? (
        <>
          <Accounts accounts={dashboard.data.accounts} />
          <Queues queues={dashboard.data.queues} />
          <Campaigns phases={dashboard.data.campaigns} />
          <Charts days={dashboard.data.days} />
        </>
      ) : null}
    </Stack>
  );
}
