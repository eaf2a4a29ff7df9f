// A member's sign-ins (devices): when each began and was last used, whether it still works,
// and signing the member out of one device or all of them. Both need a reason (the audit
// log keeps it), asked once above the list, and a confirmation.
import { Badge, Button, Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";

import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";
import { ReasonField, Section } from "./bits";
import { useRevokeSessions, useSessions } from "./queries";
import { reasonProblem, sessionEndKey } from "./rules";
import type { AdminSession, AdminUser } from "./types";
import { useConfirm } from "./useConfirm";

interface Revoke {
  reason: string;
  /** null: every device. */
  sessionId: string | null;
}

function SessionRow({ session, onRevoke }: { session: AdminSession; onRevoke: () => void }) {
  const { t, dateTime } = useI18n();
  const endReason = (code: string) => {
    const key = sessionEndKey(code);
    return key ? t(key) : code;
  };
  return (
    <Card withBorder padding="sm" component="li">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 240px" }}>
          <Group gap="xs">
            <Badge
              variant={session.active ? "outline" : "filled"}
              color={session.active ? "teal.9" : "gray.7"}
            >
              {t(session.active ? "admin.sessions.active" : "admin.sessions.ended")}
            </Badge>
            <Text size="sm" fw={600}>
              {session.client_ip}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {session.user_agent || t("admin.sessions.unknownDevice")}
          </Text>
          <Text size="xs" c="gray.7">
            {session.created_at
              ? t("admin.sessions.signedIn", { date: dateTime(session.created_at) })
              : null}
            {session.last_used_at
              ? ` · ${t("admin.sessions.lastUsed", { date: dateTime(session.last_used_at) })}`
              : null}
          </Text>
          {session.revoked_at ? (
            <Text size="xs" c="gray.7">
              {t("admin.sessions.revokedAt", {
                date: dateTime(session.revoked_at),
                reason: endReason(session.revoked_reason ?? ""),
              })}
            </Text>
          ) : null}
        </Stack>
        {session.active ? (
          <Button size="xs" variant="default" onClick={onRevoke}>
            {t("admin.sessions.revokeOne")}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}

export function SessionsCard({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  const sessions = useSessions(user.id);
  const revoke = useRevokeSessions(user.id);
  const form = useForm({
    initialValues: { reason: "" },
    validate: {
      reason: (value) => {
        const problem = reasonProblem(value);
        return problem ? t(`admin.${problem}`) : null;
      },
    },
  });
  const confirm = useConfirm<Revoke>(form, t);
  // The reason is checked before the dialog opens: the buttons are the form's submit.
  const ask = (sessionId: string | null) => {
    if (!form.validate().hasErrors) confirm.ask({ reason: form.values.reason, sessionId });
  };
  const items = sessions.data?.items ?? [];
  const anyActive = items.some((s) => s.active);
  return (
    <Section id="user-sessions" title={t("admin.sessions.title")} lead={t("admin.sessions.lead")}>
      <Stack gap="sm">
        <ReasonField {...form.getInputProps("reason")} />
        {sessions.isPending ? (
          <Skeleton height={72} aria-busy="true" aria-label={t("common.loading")} />
        ) : null}
        {sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : null}
        {sessions.isSuccess && items.length === 0 ? (
          <Text size="sm">{t("admin.sessions.empty")}</Text>
        ) : null}
        {items.length > 0 ? (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
            {items.map((s) => (
              <SessionRow key={s.id} session={s} onRevoke={() => ask(s.id)} />
            ))}
          </Stack>
        ) : null}
        {anyActive ? (
          <Group justify="flex-end">
            <Button color="red.9" onClick={() => ask(null)}>
              {t("admin.sessions.revokeAll")}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={confirm.pending !== null}
        title={t("admin.sessions.title")}
        body={
          confirm.pending?.sessionId
            ? t("admin.sessions.confirmOne")
            : t("admin.sessions.confirmAll", { name: user.nickname })
        }
        confirmLabel={t(
          confirm.pending?.sessionId ? "admin.sessions.revokeOne" : "admin.sessions.revokeAll",
        )}
        danger
        pending={revoke.isPending}
        error={confirm.error}
        onClose={confirm.close}
        onConfirm={() =>
          confirm.confirm((values, settle) =>
            revoke.mutate(
              { sessionId: values.sessionId, reason: values.reason.trim() },
              {
                onSuccess: (count) => {
                  settle.done();
                  form.reset();
                  notify(t, {
                    color: "green",
                    message: values.sessionId
                      ? t("admin.sessions.doneOne")
                      : t("admin.sessions.doneAll", { count }),
                  });
                },
                onError: settle.failed,
              },
            ),
          )
        }
      />
    </Section>
  );
}
