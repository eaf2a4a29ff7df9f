// /admin/queues/reports: the report queue, open reports first (?status=, ?target= change
// the view), each with the reported content itself and the decisions it allows.
import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";

import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { decide, useDecision, useReportQueue, type QueuedReport } from "./queries";
import { QueueFrame, QueueList, useDecisionDialog } from "./QueueParts";
import { ReportTarget } from "./ReportTarget";
import {
  needsReason,
  parseReportView,
  REPORT_STATUSES,
  REPORT_TARGETS,
  reportDecisions,
  reportViewParams,
  type ReportDecision,
  type ReportView,
} from "./rules";

type Category = "SPAM" | "ABUSE" | "INAPPROPRIATE" | "FRAUD" | "OTHER";

export function ReportsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const view = parseReportView(params);
  const queue = useReportQueue(view);
  const change = (next: Partial<ReportView>) =>
    setParams(reportViewParams({ ...view, ...next }), { replace: true });
  return (
    <QueueFrame title={t("adminQueues.reports.title")} lead={t("adminQueues.reports.lead")}>
      <SegmentedControl
        fullWidth
        value={view.status}
        onChange={(status) => change({ status: status as ReportView["status"] })}
        aria-label={t("adminQueues.reports.statusFilter")}
        data={REPORT_STATUSES.map((value) => ({
          value,
          label: t(`adminQueues.reports.status.${value}`),
        }))}
      />
      <SegmentedControl
        fullWidth
        value={view.target}
        onChange={(target) => change({ target: target as ReportView["target"] })}
        aria-label={t("adminQueues.reports.targetFilter")}
        data={REPORT_TARGETS.map((value) => ({
          value,
          label: t(`adminQueues.reports.target.${value}`),
        }))}
      />
      <QueueList
        query={queue}
        label={t("adminQueues.reports.list")}
        empty={t(view.status === "OPEN" ? "adminQueues.reports.empty" : "adminQueues.emptyView")}
        item={(report) => <ReportCard key={report.id} report={report} />}
      />
    </QueueFrame>
  );
}

// Each decision's button label and dialog question.
const DECISION_KEYS: Record<ReportDecision, { label: MessageKey; body: MessageKey }> = {
  HIDE_CONTENT: { label: "adminQueues.reports.hide", body: "adminQueues.reports.hideBody" },
  DELETE_CONTENT: { label: "adminQueues.reports.delete", body: "adminQueues.reports.deleteBody" },
  WARN_AUTHOR: { label: "adminQueues.reports.warn", body: "adminQueues.reports.warnBody" },
  SUSPEND_AUTHOR: {
    label: "adminQueues.reports.suspend",
    body: "adminQueues.reports.suspendBody",
  },
  NONE: { label: "adminQueues.reports.none", body: "adminQueues.reports.noneBody" },
  DISMISS: { label: "adminQueues.reports.dismiss", body: "adminQueues.reports.dismissBody" },
};
const DANGER = new Set<ReportDecision>(["DELETE_CONTENT", "SUSPEND_AUTHOR"]);

/** A reported member has no content: suspending them is not "the author's". */
function labelOf(decision: ReportDecision, targetType: string): MessageKey {
  return decision === "SUSPEND_AUTHOR" && targetType === "USER"
    ? "adminQueues.reports.suspendUser"
    : DECISION_KEYS[decision].label;
}

function ReportCard({ report }: { report: QueuedReport }) {
  const { t, dateTime } = useI18n();
  const { ask, dialog } = useDecisionDialog();
  const mutation = useDecision(decide.report);
  const decisions = reportDecisions(report.target_type, report.status);
  const headingId = `report-${report.id}`;

  const open = (decision: ReportDecision) => {
    const keys = DECISION_KEYS[decision];
    ask(
      {
        key: `${report.id}-${decision}`,
        title: t(labelOf(decision, report.target_type)),
        body: t(keys.body, { count: report.open_reports }),
        confirmLabel: t(labelOf(decision, report.target_type)),
        danger: DANGER.has(decision),
        reason: needsReason(decision),
        suspension: decision === "SUSPEND_AUTHOR",
      },
      (input) => mutation.mutateAsync({ id: report.id, decision, ...input }),
      t("adminQueues.reports.done"),
    );
  };

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {t(`account.report.category.${report.category as Category}`)}
          </Title>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {t(`adminQueues.reports.target.${report.target_type as ReportView["target"]}`)}
            </Badge>
            <Badge variant="outline" color={report.status === "OPEN" ? "petful.8" : "gray.7"}>
              {t(`adminQueues.reports.status.${report.status as ReportView["status"]}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {report.created_at ? dateTime(report.created_at) : ""}
          {report.open_reports > 1
            ? ` · ${t("adminQueues.reports.openCount", { count: report.open_reports })}`
            : ""}
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          <Text span fw={600} size="sm">
            {t("adminQueues.reports.reason")}:{" "}
          </Text>
          {report.text}
        </Text>
        <ReportTarget target={report.target} />
        {report.status !== "OPEN" ? (
          <Text size="sm" data-testid="report-decision">
            {t("adminQueues.reports.decided", {
              action: report.action
                ? t(labelOf(report.action as ReportDecision, report.target_type))
                : t("adminQueues.reports.dismiss"),
              reason: report.resolution_reason ?? "",
            })}
          </Text>
        ) : null}
        {decisions.length > 0 ? (
          <Group gap="xs" wrap="wrap">
            {decisions.map((decision) => (
              <Button
                key={decision}
                size="xs"
                variant={DANGER.has(decision) ? "filled" : "default"}
                color={DANGER.has(decision) ? "red.9" : undefined}
                onClick={() => open(decision)}
              >
                {t(labelOf(decision, report.target_type))}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
      {dialog}
    </Card>
  );
}
