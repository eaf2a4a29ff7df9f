// My reports (/account/reports): what I reported, when, and what the operators decided.
import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { api, data } from "../../api/client";
import type { components } from "../../api/schema";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import {
  CATEGORY_LABEL,
  TARGET_LABEL,
  type ReportCategory,
  type ReportTargetType,
} from "../../components/ReportDialog";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";

type Report = components["schemas"]["petful__edge__reports__schemas__Report"];

export const MY_REPORTS_QUERY = ["me", "reports"] as const;

const STATUS_COLOR: Record<string, string> = {
  OPEN: "blue.8",
  RESOLVED: "green.9",
  DISMISSED: "gray.7",
};

function label<K extends string>(labels: Record<K, MessageKey>, value: string): MessageKey | null {
  return value in labels ? labels[value as K] : null;
}

/** A reported member's nickname (public), linking to their profile. */
function UserName({ id }: { id: string }) {
  const profile = useQuery({
    queryKey: ["users", id, "public"],
    queryFn: async () =>
      data(await api.GET("/api/v1/users/{user_id}/public", { params: { path: { user_id: id } } })),
  });
  if (profile.isPending) return <span aria-hidden="true">…</span>;
  return (
    <Anchor component={Link} to={`/users/${id}`}>
      {profile.data?.nickname ?? id.slice(0, 8)}
    </Anchor>
  );
}

function ReportCard({ report }: { report: Report }) {
  const { t, date } = useI18n();
  const category = label<ReportCategory>(CATEGORY_LABEL, report.category);
  const type = label<ReportTargetType>(TARGET_LABEL, report.target_type);
  const status = `account.reports.status.${report.status}` as MessageKey;
  return (
    <Card withBorder padding="md" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Text fw={700}>{category ? t(category) : report.category}</Text>
        <Badge color={STATUS_COLOR[report.status] ?? "gray.7"} variant="filled">
          {t(status)}
        </Badge>
      </Group>
      <Text size="sm">
        {t("account.reports.target")}: {type ? t(type) : report.target_type}{" "}
        {report.target_type === "USER" ? <UserName id={report.target_id} /> : null}
      </Text>
      <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>
        {report.text}
      </Text>
      <Group gap="md" mt="xs">
        {report.created_at ? (
          <Text size="xs" c="dimmed">
            {t("account.reports.filedAt", { date: date(report.created_at) })}
          </Text>
        ) : null}
        {report.handled_at ? (
          <Text size="xs" c="dimmed">
            {t("account.reports.handledAt", { date: date(report.handled_at) })}
          </Text>
        ) : null}
      </Group>
      {report.resolution_reason ? (
        <Text size="sm" mt="xs">
          {t("account.reports.resolution", { reason: report.resolution_reason })}
        </Text>
      ) : null}
      {report.target_suspended ? (
        <Text size="sm" mt="xs">
          {t("account.reports.targetSuspended")}
        </Text>
      ) : null}
    </Card>
  );
}

function ListSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      {[0, 1, 2].map((i) => (
        <Card key={i} withBorder padding="md">
          <Skeleton height={16} width="30%" mb="sm" />
          <Skeleton height={12} mb={6} />
          <Skeleton height={12} width="70%" />
        </Card>
      ))}
    </Stack>
  );
}

export function ReportsPage() {
  const { t } = useI18n();
  const reports = useInfiniteQuery({
    queryKey: MY_REPORTS_QUERY,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      data(await api.GET("/api/v1/me/reports", { params: { query: { cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor,
  });
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack maw={800} mx="auto">
      <PageTitle>{t("account.reports.title")}</PageTitle>
      <Group justify="space-between" wrap="wrap">
        <Text c="dimmed">{t("account.reports.lead")}</Text>
        <Anchor component={Link} to="/account">
          {t("account.reports.back")}
        </Anchor>
      </Group>
      {reports.isPending ? <ListSkeleton /> : null}
      {reports.isError ? (
        <QueryError error={reports.error} onRetry={() => reports.refetch()} />
      ) : null}
      {reports.isSuccess && items.length === 0 ? (
        <Text c="dimmed">{t("account.reports.empty")}</Text>
      ) : null}
      {items.length > 0 ? (
        <Stack component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {items.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </Stack>
      ) : null}
      {reports.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => reports.fetchNextPage()}
          loading={reports.isFetchingNextPage}
        >
          {t("account.reports.more")}
        </Button>
      ) : null}
    </Stack>
  );
}
