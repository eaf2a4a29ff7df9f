// /admin/audit: every admin action with its reason, newest first, filtered by what was acted
// on (kind and id), the action and the acting admin. The filter lives in the address, so a
// member's page links straight to the entries about them.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link, useSearchParams } from "react-router";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { AdminHeader, MoreButton } from "./bits";
import { useAuditLog } from "./queries";
import {
  AUDIT_ACTIONS,
  AUDIT_TARGETS,
  auditActionKey,
  auditTargetKey,
  auditViewParams,
  isUuid,
  parseAuditView,
  type AuditView,
} from "./rules";
import type { AuditEntry } from "./types";

interface FilterValues {
  target_type: string;
  action: string;
  target_id: string;
  actor_id: string;
}

const blank = (view: AuditView): FilterValues => ({
  target_type: view.target_type ?? "",
  action: view.action ?? "",
  target_id: view.target_id ?? "",
  actor_id: view.actor_id ?? "",
});

function Filters({ view, onApply }: { view: AuditView; onApply: (view: AuditView) => void }) {
  const { t } = useI18n();
  const idCheck = (value: string) =>
    value.trim() && !isUuid(value) ? t("admin.audit.badId") : null;
  const form = useForm<FilterValues>({
    initialValues: blank(view),
    validate: { target_id: idCheck, actor_id: idCheck },
  });
  const any = { value: "", label: t("admin.audit.any") };
  const apply = (values: FilterValues) =>
    onApply(parseAuditView(new URLSearchParams(Object.entries(values))));
  return (
    <form role="search" noValidate onSubmit={form.onSubmit(apply)}>
      <Group align="flex-start" gap="sm">
        <Select
          label={t("admin.audit.targetType")}
          data={[
            any,
            ...AUDIT_TARGETS.map((v) => ({ value: v, label: t(`admin.audit.target.${v}`) })),
          ]}
          allowDeselect={false}
          w={{ base: "100%", xs: 140 }}
          {...form.getInputProps("target_type")}
        />
        <Select
          label={t("admin.audit.action")}
          data={[
            any,
            ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`admin.audit.action.${a}`) })),
          ]}
          allowDeselect={false}
          w={{ base: "100%", xs: 190 }}
          {...form.getInputProps("action")}
        />
        <TextInput
          label={t("admin.audit.targetId")}
          placeholder={t("admin.audit.idHint")}
          style={{ flex: "1 1 240px" }}
          {...form.getInputProps("target_id")}
        />
        <TextInput
          label={t("admin.audit.actorId")}
          placeholder={t("admin.audit.idHint")}
          style={{ flex: "1 1 240px" }}
          {...form.getInputProps("actor_id")}
        />
      </Group>
      <Group justify="flex-end" mt="sm" gap="sm">
        <Button
          variant="default"
          onClick={() =>
            onApply({ target_type: null, action: null, target_id: null, actor_id: null })
          }
        >
          {t("admin.audit.clear")}
        </Button>
        <Button type="submit">{t("admin.audit.apply")}</Button>
      </Group>
    </form>
  );
}

function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
      {entries.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join("\n")}
    </Code>
  );
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const { t, dateTime } = useI18n();
  const actionKey = auditActionKey(entry.action);
  const targetKey = auditTargetKey(entry.target_type);
  const target = targetKey ? t(targetKey) : entry.target_type;
  // Advertisers are accounts too: both lead to the member's page.
  const isAccount = entry.target_type === "USER" || entry.target_type === "ADVERTISER";
  return (
    <Card withBorder padding="md" component="li" data-testid="audit-entry">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Badge variant="outline" color="petful.8">
              {actionKey ? t(actionKey) : entry.action}
            </Badge>
            <Text size="sm" c="gray.7">
              {target}
            </Text>
          </Group>
          {entry.at ? (
            <Text size="xs" c="gray.7">
              {dateTime(entry.at)}
            </Text>
          ) : null}
        </Group>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {t("admin.audit.reason", { reason: entry.reason })}
        </Text>
        <Text size="xs" c="gray.7" style={{ overflowWrap: "anywhere" }}>
          {t("admin.audit.target")}:{" "}
          {isAccount ? (
            <Anchor component={Link} to={`/admin/users/${entry.target_id}`} size="xs">
              {entry.target_id}
            </Anchor>
          ) : (
            entry.target_id
          )}
          {" · "}
          {t("admin.audit.by")}:{" "}
          <Anchor component={Link} to={`/admin/users/${entry.actor_id}`} size="xs">
            {entry.actor_id}
          </Anchor>
        </Text>
        <Details details={entry.details} />
      </Stack>
    </Card>
  );
}

export function AuditLogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const view = parseAuditView(params);
  const log = useAuditLog(view);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack w="100%">
      <AdminHeader title={t("admin.audit.title")} lead={t("admin.audit.lead")} />
      <Filters
        key={params.toString()}
        view={view}
        onApply={(next) => setParams(auditViewParams(next))}
      />
      {log.isPending ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={96} />
          ))}
        </Stack>
      ) : null}
      {log.isError ? <QueryError error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.isSuccess && entries.length === 0 ? <Text>{t("admin.audit.empty")}</Text> : null}
      {entries.length > 0 ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </Stack>
      ) : null}
      <MoreButton
        hasMore={log.hasNextPage}
        loading={log.isFetchingNextPage}
        onMore={() => void log.fetchNextPage()}
      />
    </Stack>
  );
}
