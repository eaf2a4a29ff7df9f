// Change the password: the current one proves it is the owner; every other session ends
// (identity revokes them), this one stays signed in.
import { Button, Card, Group, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { api } from "../../api/client";
import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { required } from "../../lib/validators";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { newPasswordProblem } from "./rules";

export function PasswordChange({ email }: { email: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { current_password: "", new_password: "", new_password_confirm: "" },
    validate: {
      current_password: required(t),
      new_password: (value, values) => {
        const problem = newPasswordProblem(value, email);
        if (problem) return t(problem);
        return value === values.current_password ? t("account.password.same") : null;
      },
      new_password_confirm: (value, values) =>
        value === values.new_password ? null : t("auth.passwordMismatch"),
    },
  });
  const change = useMutation({
    mutationFn: async ({ current_password, new_password }: typeof form.values) => {
      await api.PUT("/api/v1/me/password", { body: { current_password, new_password } });
    },
    onSuccess: () => {
      form.reset();
      notify(t, { color: "green", message: t("account.password.changed") });
    },
    onError: (error) =>
      setMessage(
        formProblem(form, error, t, { known: { current_password: "account.password.wrong" } }),
      ),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-password">
      <Title order={2} size="h4" id="account-password">
        {t("account.password.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("account.password.lead")}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          change.mutate(values);
        })}
      >
        <Stack>
          <PasswordInput
            label={t("account.password.current")}
            autoComplete="current-password"
            required
            {...form.getInputProps("current_password")}
          />
          <PasswordInput
            label={t("account.password.new")}
            description={t("account.password.hint")}
            autoComplete="new-password"
            required
            {...form.getInputProps("new_password")}
          />
          <PasswordInput
            label={t("account.password.confirm")}
            autoComplete="new-password"
            required
            {...form.getInputProps("new_password_confirm")}
          />
          <FormAlert message={message} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t("account.password.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
