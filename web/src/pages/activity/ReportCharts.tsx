import { BarChart, LineChart } from "@mantine/charts";

import { ChartCard } from "../../components/ChartCard";
import { useI18n } from "../../i18n/useI18n";
import type { HealthReport } from "./types";

const HEIGHT = 220;

/** "2025-03-06" -> "3/6": short enough for 90 days on a phone's axis. */
function shortDay(isoDay: string): string {
  return `${Number(isoDay.slice(5, 7))}/${Number(isoDay.slice(8, 10))}`;
}

export function ReportCharts({ report }: { report: HealthReport }) {
  const { t, number, calendarDate } = useI18n();
  const recorded = report.days.filter((d) => d.recorded);
  const empty = recorded.length === 0;
  const rows = report.days.map((d) => ({
    day: shortDay(d.date),
    walk: d.walk_km,
    burn: d.burn_actual_kcal,
    burnRecommended: d.burn_recommended_kcal,
    intake: d.intake_kcal,
    intakeRecommended: d.intake_recommended_kcal,
    sleep: d.sleep_hours,
  }));
  const dash = (value: number | null | undefined) => (value == null ? "–" : number(value));
  const dayCol = t("activity.report.col.date");
  const burn = t("activity.calories.burnActual");
  const burnRec = t("activity.calories.burnRecommended");
  const intake = t("activity.calories.intake");
  const intakeRec = t("activity.calories.intakeRecommended");
  const weight = report.weight;
  return (
    <>
      <ChartCard
        title={t("activity.report.chart.walk")}
        description={t("activity.report.chart.walk.hint")}
        empty={empty ? t("activity.report.chart.empty") : null}
        table={{
          columns: [dayCol, t("activity.summary.walk")],
          rows: recorded.map((d) => [calendarDate(d.date), dash(d.walk_km)]),
        }}
      >
        <BarChart
          h={HEIGHT}
          data={rows}
          dataKey="day"
          series={[{ name: "walk", label: t("activity.summary.walk"), color: "petful.7" }]}
          valueFormatter={number}
          yAxisProps={{ width: 40 }}
        />
      </ChartCard>
      <ChartCard
        title={t("activity.report.chart.calories")}
        description={t("activity.report.chart.calories.hint")}
        empty={empty ? t("activity.report.chart.empty") : null}
        table={{
          columns: [dayCol, burn, burnRec, intake, intakeRec],
          rows: recorded.map((d) => [
            calendarDate(d.date),
            dash(d.burn_actual_kcal),
            dash(d.burn_recommended_kcal),
            dash(d.intake_kcal),
            dash(d.intake_recommended_kcal),
          ]),
        }}
      >
        <LineChart
          h={HEIGHT}
          data={rows}
          dataKey="day"
          withLegend
          connectNulls
          valueFormatter={number}
          yAxisProps={{ width: 48 }}
          series={[
            { name: "burn", label: burn, color: "petful.7" },
            { name: "burnRecommended", label: burnRec, color: "petful.4", strokeDasharray: "5 5" },
            { name: "intake", label: intake, color: "teal.7" },
            {
              name: "intakeRecommended",
              label: intakeRec,
              color: "teal.4",
              strokeDasharray: "5 5",
            },
          ]}
        />
      </ChartCard>
      <ChartCard
        title={t("activity.report.chart.weight")}
        description={
          weight.change_kg != null
            ? t("activity.report.chart.weight.change", {
                change: `${weight.change_kg > 0 ? "+" : ""}${number(weight.change_kg)}`,
                percent: `${(weight.change_percent ?? 0) > 0 ? "+" : ""}${number(weight.change_percent ?? 0)}`,
              })
            : t("activity.report.chart.weight.empty")
        }
        empty={weight.points.length === 0 ? t("activity.report.chart.empty") : null}
        table={{
          columns: [dayCol, t("activity.summary.weight")],
          rows: weight.points.map((p) => [calendarDate(p.date), number(p.weight_kg)]),
        }}
      >
        <LineChart
          h={HEIGHT}
          data={weight.points.map((p) => ({ day: shortDay(p.date), weight: p.weight_kg }))}
          dataKey="day"
          curveType="monotone"
          valueFormatter={number}
          yAxisProps={{ domain: ["auto", "auto"], width: 40 }}
          series={[{ name: "weight", label: t("activity.summary.weight"), color: "indigo.6" }]}
        />
      </ChartCard>
      <ChartCard
        title={t("activity.report.chart.sleep")}
        description={t("activity.report.chart.sleep.hint")}
        empty={empty ? t("activity.report.chart.empty") : null}
        table={{
          columns: [dayCol, t("activity.summary.sleep")],
          rows: recorded.map((d) => [calendarDate(d.date), dash(d.sleep_hours)]),
        }}
      >
        <BarChart
          h={HEIGHT}
          data={rows}
          dataKey="day"
          series={[{ name: "sleep", label: t("activity.summary.sleep"), color: "blue.6" }]}
          valueFormatter={number}
          yAxisProps={{ width: 40 }}
          referenceLines={[{ y: report.recommended_sleep_hours, color: "gray.6" }]}
        />
      </ChartCard>
    </>
  );
}
