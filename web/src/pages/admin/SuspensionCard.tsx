// A member's suspension: for an active member a form (reason, optional last day) that
// suspends after confirmation; for a suspended one, why and until when, and reinstatement
// (with its own reason). Admins and withdrawn members cannot be suspended (said, not offered).
import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";

import { ConfirmModal } from "../../components/ConfirmModal";
import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";
import { ReasonField, Section } from "./bits";
import { useReinstate, useSuspend } from "./queries";
import { endDayProblem, koreaToday, reasonProblem, suspensionEnd } from "./rules";
import type { AdminUser } from "./types";
import { useConfirm } from "./useConfirm";

// The API's one reason for refusing the end ("must be in the future"), in the reader's words.
const SUSPEND_PROBLEM = { known: { until: "admin.suspend.endPast" } } as const;

// The card owns the mutations: a success flips the member's status, which swaps one form
// for the other, and what the card says afterwards must not go with the form that left.
type Suspend = ReturnType<typeof useSuspend>;
type Reinstate = ReturnType<typeof useReinstate>;

function SuspendForm({ user, suspend }: { user: AdminUser; suspend: Suspend }) {
  const { t, calendarDate } = useI18n();
  const form = useForm({
    initialValues: { reason: "", until: "" },
    validate: {
      reason: (value) => {
        const problem = reasonProblem(value);
        return problem ? t(`admin.${problem}`) : null;
      },
      until: (value) => (endDayProblem(value) ? t("admin.suspend.endPast") : null),
    },
  });
  const confirm = useConfirm<{ reason: string; until: string }>(form, t, SUSPEND_PROBLEM);
  const { pending } = confirm;
  return (
    <form noValidate onSubmit={form.onSubmit(confirm.ask)}>
      <Stack gap="sm">
        <ReasonField {...form.getInputProps("reason")} />
        <TextInput
          type="date"
          label={t("admin.suspend.until")}
          description={t("admin.suspend.untilHint")}
          min={koreaToday()}
          w={{ base: "100%", xs: 220 }}
          {...form.getInputProps("until")}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red.9">
            {t("admin.suspend.submit")}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={pending !== null}
        title={t("admin.suspend.title")}
        body={t("admin.suspend.confirm", {
          name: user.nickname,
          until: pending?.until
            ? t("admin.suspend.confirmUntil", { date: calendarDate(pending.until) })
            : t("admin.suspend.confirmForever"),
        })}
        confirmLabel={t("admin.suspend.submit")}
        danger
        pending={suspend.isPending}
        error={confirm.error}
        onClose={confirm.close}
        onConfirm={() =>
          confirm.confirm((values, settle) =>
            suspend.mutate(
              { reason: values.reason.trim(), until: suspensionEnd(values.until) },
              {
                onSuccess: () => {
                  settle.done();
                  form.reset();
                  notify(t, {
                    color: "green",
                    message: t("admin.suspend.done", { name: user.nickname }),
                  });
                },
                onError: settle.failed,
              },
            ),
          )
        }
      />
    </form>
  );
}

function ReinstateForm({ user, reinstate }: { user: AdminUser; reinstate: Reinstate }) {
  const { t, dateTime } = useI18n();
  const form = useForm({
    initialValues: { reason: "" },
    validate: {
      reason: (value) => {
        const problem = reasonProblem(value);
        return problem ? t(`admin.${problem}`) : null;
      },
    },
  });
  const confirm = useConfirm<{ reason: string }>(form, t);
  return (
    <form noValidate onSubmit={form.onSubmit(confirm.ask)}>
      <Stack gap="sm">
        <Text fw={700} data-testid="suspension-state">
          {user.suspended_until
            ? t("admin.user.suspendedUntil", { date: dateTime(user.suspended_until) })
            : t("admin.user.suspendedForever")}
        </Text>
        {user.suspension_reason ? (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {t("admin.user.suspensionReason", { reason: user.suspension_reason })}
          </Text>
        ) : null}
        <Text size="sm" c="gray.7">
          {t("admin.reinstate.lead")}
        </Text>
        <ReasonField {...form.getInputProps("reason")} />
        <Group justify="flex-end">
          <Button type="submit">{t("admin.reinstate.submit")}</Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirm.pending !== null}
        title={t("admin.reinstate.title")}
        body={t("admin.reinstate.confirm", { name: user.nickname })}
        confirmLabel={t("admin.reinstate.submit")}
        pending={reinstate.isPending}
        error={confirm.error}
        onClose={confirm.close}
        onConfirm={() =>
          confirm.confirm((values, settle) =>
            reinstate.mutate(values.reason.trim(), {
              onSuccess: () => {
                settle.done();
                form.reset();
                notify(t, {
                  color: "green",
                  message: t("admin.reinstate.done", { name: user.nickname }),
                });
              },
              onError: settle.failed,
            }),
          )
        }
      />
    </form>
  );
}

export function SuspensionCard({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  const suspend = useSuspend(user.id);
  const reinstate = useReinstate(user.id);
  const suspended = user.status === "SUSPENDED";
  let content;
  if (suspended) content = <ReinstateForm user={user} reinstate={reinstate} />;
  else if (user.status === "WITHDRAWN") content = <Text>{t("admin.suspend.withdrawn")}</Text>;
  else if (user.roles.includes("ADMIN")) content = <Text>{t("admin.suspend.admin")}</Text>;
  else content = <SuspendForm user={user} suspend={suspend} />;
  return (
    <Section
      id="user-suspension"
      title={t(suspended ? "admin.reinstate.title" : "admin.suspend.title")}
      lead={suspended ? undefined : t("admin.suspend.lead")}
    >
      {content}
    </Section>
  );
}
