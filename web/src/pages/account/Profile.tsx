// The profile section of the account page: the account's details, viewed and edited.
import {
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import type { User } from "../../auth/tokens";
import { FormAlert } from "../../components/FormAlert";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { required } from "../../lib/validators";
import { formProblem } from "../../lib/formProblem";
import { useSetMe } from "./me";
import { notify } from "../../lib/notify";

function Field({ label, value }: { label: string; value: string | null }) {
  const { t } = useI18n();
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text
        component="dd"
        m={0}
        c={value ? undefined : "dimmed"}
        style={{ overflowWrap: "anywhere" }}
      >
        {value || t("account.notSet")}
      </Text>
    </div>
  );
}

function ProfileView({ user, onEdit }: { user: User; onEdit: () => void }) {
  const { t, calendarDate, date } = useI18n();
  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
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
    </>
  );
}

function ProfileEdit({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useI18n();
  const setMe = useSetMe();
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
      setMe(saved);
      notify(t, { color: "green", message: t("account.saved") });
      onDone();
    },
    onError: (error) => setMessage(formProblem(form, error, t)),
  });
  return (
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
  );
}

/** The account's details, with an edit mode. */
export function ProfileSection({ user }: { user: User }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-profile">
      <Title order={2} size="h4" mb="sm" id="account-profile">
        {t("account.profile")}
      </Title>
      {editing ? (
        <ProfileEdit user={user} onDone={() => setEditing(false)} />
      ) : (
        <ProfileView user={user} onEdit={() => setEditing(true)} />
      )}
    </Card>
  );
}
