import {
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { updateUser, type User } from "../../auth/tokens";
import { useLogout } from "../../auth/useLogout";
import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { applyProblem } from "../../lib/problemForm";
import { required } from "../../lib/validators";

export const ME_QUERY = ["me"] as const;

function Field({ label, value }: { label: string; value: string | null }) {
  const { t } = useI18n();
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} c={value ? undefined : "dimmed"}>
        {value || t("account.notSet")}
      </Text>
    </div>
  );
}

function ProfileView({ user, onEdit }: { user: User; onEdit: () => void }) {
  const { t, calendarDate, date } = useI18n();
  const picture = user.profile_image?.thumbnails["320"] ?? user.profile_image?.url;
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md" wrap="wrap">
        <Group>
          <Avatar src={picture} size="lg" radius="xl" alt={user.nickname}>
            {user.nickname.slice(0, 1)}
          </Avatar>
          <div>
            <Text fw={700} fz="lg">
              {user.nickname}
            </Text>
            <Group gap={4}>
              {user.roles.map((role) => (
                <Badge key={role} variant="light">
                  {t(`account.role.${role}` as MessageKey)}
                </Badge>
              ))}
            </Group>
          </div>
        </Group>
        <Button variant="default" onClick={onEdit}>
          {t("account.edit")}
        </Button>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} m={0}>
        <Field label={t("account.email")} value={user.email} />
        <Field label={t("account.name")} value={user.name} />
        <Field label={t("account.phone")} value={user.phone} />
        <Field
          label={t("account.birthDate")}
          value={user.birth_date ? calendarDate(user.birth_date) : null}
        />
        <Field label={t("account.address")} value={user.address} />
        <Field
          label={t("account.memberSince")}
          value={user.created_at ? date(user.created_at) : null}
        />
        <Field label={t("account.bio")} value={user.bio} />
      </SimpleGrid>
    </Card>
  );
}

function ProfileEdit({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      nickname: user.nickname,
      phone: user.phone,
      bio: user.bio,
      address: user.address,
      birth_date: user.birth_date ?? "",
    },
    validate: { nickname: required(t), phone: required(t) },
  });
  const save = useMutation({
    mutationFn: async (values: typeof form.values) =>
      data(
        await api.PATCH("/api/v1/me", {
          body: { ...values, birth_date: values.birth_date || null },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(ME_QUERY, saved);
      updateUser(saved);
      notifications.show({ color: "green", message: t("account.saved") });
      onDone();
    },
    onError: (error) => setMessage(applyProblem(form, error) ?? errorMessage(error, t)),
  });
  return (
    <Card withBorder padding="lg">
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <TextInput label={t("account.nickname")} required {...form.getInputProps("nickname")} />
          <TextInput
            label={t("account.phone")}
            type="tel"
            required
            {...form.getInputProps("phone")}
          />
          <TextInput
            label={t("account.birthDate")}
            placeholder={t("signup.birthDatePlaceholder")}
            {...form.getInputProps("birth_date")}
          />
          <TextInput label={t("account.address")} {...form.getInputProps("address")} />
          <Textarea label={t("account.bio")} autosize minRows={3} {...form.getInputProps("bio")} />
          <FormAlert message={message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** My account: the profile, viewed and edited. */
export function AccountPage() {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const logout = useLogout();
  const me = useQuery({
    queryKey: ME_QUERY,
    queryFn: async () => data(await api.GET("/api/v1/me")),
  });
  return (
    <Stack maw={800} mx="auto">
      <PageTitle>{t("account.title")}</PageTitle>
      {me.isPending ? <PageSkeleton /> : null}
      {me.isError ? <QueryError error={me.error} onRetry={() => me.refetch()} /> : null}
      {me.isSuccess && !editing ? (
        <ProfileView user={me.data} onEdit={() => setEditing(true)} />
      ) : null}
      {me.isSuccess && editing ? (
        <ProfileEdit user={me.data} onDone={() => setEditing(false)} />
      ) : null}
      <Group justify="flex-end">
        <Button variant="subtle" color="red" onClick={logout}>
          {t("nav.logout")}
        </Button>
      </Group>
    </Stack>
  );
}
