// A member's role (pet owner, advertiser, administrator): another role with a reason, after
// confirmation. The API signs the member out on every device, since their tokens carry the
// old role; your own role and a withdrawn member's are said, not offered.
import { Button, Group, Select, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";

import { useSession } from "../../auth/useSession";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";
import { ReasonField, Section } from "./bits";
import { useChangeRole } from "./queries";
import { reasonProblem, ROLES } from "./rules";
import type { AdminUser, RoleFilter } from "./types";
import { useConfirm } from "./useConfirm";

const ROLE_PROBLEM = { known: { role: "admin.roleChange.sameRole" } } as const;

function currentRole(user: AdminUser): RoleFilter {
  return ROLES.find((role) => user.roles.includes(role)) ?? "USER";
}

// The card owns the mutation (like SuspensionCard): a success changes the member's roles,
// and what the card says afterwards must not go with a form that re-renders.
type Change = ReturnType<typeof useChangeRole>;

function RoleForm({ user, change }: { user: AdminUser; change: Change }) {
  const { t } = useI18n();
  const role = currentRole(user);
  const form = useForm<{ role: RoleFilter | ""; reason: string }>({
    initialValues: { role: "", reason: "" },
    validate: {
      role: (value) =>
        !value
          ? t("admin.roleChange.pick")
          : value === role
            ? t("admin.roleChange.sameRole")
            : null,
      reason: (value) => {
        const problem = reasonProblem(value);
        return problem ? t(`admin.${problem}`) : null;
      },
    },
  });
  // The role it was is kept with the request: the dialog must not change while it closes.
  type Pending = { role: RoleFilter | ""; reason: string; from: RoleFilter };
  const confirm = useConfirm<Pending>(form, t, ROLE_PROBLEM);
  const pending = confirm.pending;
  return (
    <form noValidate onSubmit={form.onSubmit((values) => confirm.ask({ ...values, from: role }))}>
      <Stack gap="sm">
        <Text data-testid="role-current">
          {t("admin.roleChange.current", { role: t(`admin.role.${role}`) })}
        </Text>
        <Select
          label={t("admin.roleChange.new")}
          placeholder={t("admin.roleChange.pick")}
          data={ROLES.filter((r) => r !== role).map((r) => ({
            value: r,
            label: t(`admin.role.${r}`),
          }))}
          w={{ base: "100%", xs: 260 }}
          required
          {...form.getInputProps("role")}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <Group justify="flex-end">
          <Button type="submit" color="red.9">
            {t("admin.roleChange.submit")}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={pending !== null}
        title={t("admin.roleChange.title")}
        body={t("admin.roleChange.confirm", {
          name: user.nickname,
          from: t(`admin.role.${pending?.from ?? role}`),
          to: pending?.role ? t(`admin.role.${pending.role}`) : "",
        })}
        confirmLabel={t("admin.roleChange.submit")}
        danger
        pending={change.isPending}
        error={confirm.error}
        onClose={confirm.close}
        onConfirm={() =>
          confirm.confirm((values, settle) => {
            if (!values.role) return settle.done();
            const to = values.role;
            change.mutate(
              { role: to, reason: values.reason.trim() },
              {
                onSuccess: () => {
                  settle.done();
                  form.reset();
                  notify(t, {
                    color: "green",
                    message: t("admin.roleChange.done", {
                      name: user.nickname,
                      role: t(`admin.role.${to}`),
                    }),
                  });
                },
                onError: settle.failed,
              },
            );
          })
        }
      />
    </form>
  );
}

export function RoleCard({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  const session = useSession();
  const change = useChangeRole(user.id);
  const self = session.status === "signedIn" && session.user.id === user.id;
  let content;
  if (self) content = <Text>{t("admin.roleChange.self")}</Text>;
  else if (user.status === "WITHDRAWN") content = <Text>{t("admin.roleChange.withdrawn")}</Text>;
  else content = <RoleForm user={user} change={change} />;
  return (
    <Section id="user-role" title={t("admin.roleChange.title")} lead={t("admin.roleChange.lead")}>
      {content}
    </Section>
  );
}
