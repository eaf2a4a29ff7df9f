import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";

import { api } from "../api/client";
import { CodeInput, EmailCodeRequest } from "../components/EmailCodeFields";
import { FormAlert } from "../components/FormAlert";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/useI18n";
import { errorMessage } from "../lib/errorMessage";
import { applyProblem } from "../lib/problemForm";
import { code, email, required } from "../lib/validators";

/** Forgotten password: a code to the email, then the code and a new password. */
export function PasswordResetPage() {
  const { t } = useI18n();
  const [step, setStep] = useState<"email" | "code" | "done">("email");
  const [message, setMessage] = useState<string | null>(null);
  // The sign-in page's "locked" notice leads here with the address it was given.
  const [params] = useSearchParams();
  const emailForm = useForm({
    initialValues: { email: params.get("email") ?? "" },
    validate: { email: email(t) },
  });
  const resetForm = useForm({
    initialValues: { code: "", new_password: "", password_confirm: "" },
    validate: {
      code: code(t),
      new_password: required(t),
      password_confirm: (value, values) =>
        value === values.new_password ? null : t("auth.passwordMismatch"),
    },
  });
  const address = emailForm.values.email.trim();

  const sendCode = useMutation({
    mutationFn: () => api.POST("/api/v1/auth/password-resets", { body: { email: address } }),
    onSuccess: () => {
      setMessage(null);
      setStep("code");
    },
    onError: (error) => setMessage(applyProblem(emailForm, error) ?? errorMessage(error, t)),
  });
  const confirm = useMutation({
    mutationFn: (values: typeof resetForm.values) =>
      api.POST("/api/v1/auth/password-resets/confirm", {
        body: { email: address, code: values.code.trim(), new_password: values.new_password },
      }),
    onSuccess: () => setStep("done"),
    onError: (error) => setMessage(applyProblem(resetForm, error) ?? errorMessage(error, t)),
  });

  return (
    <Paper maw={460} mx="auto" p={{ base: "md", sm: "xl" }} withBorder>
      <PageTitle>{t("reset.title")}</PageTitle>
      {step === "email" ? (
        <EmailCodeRequest
          form={emailForm}
          onSend={() => sendCode.mutate()}
          sending={sendCode.isPending}
          sendLabel={t("reset.sendCode")}
          message={message}
          lead={t("reset.lead")}
        />
      ) : null}
      {step === "code" ? (
        <form noValidate onSubmit={resetForm.onSubmit((values) => confirm.mutate(values))}>
          <Stack>
            <Text size="sm" role="status">
              {t("reset.codeSent", { email: address })}
            </Text>
            <CodeInput {...resetForm.getInputProps("code")} />
            <PasswordInput
              label={t("reset.newPassword")}
              autoComplete="new-password"
              required
              {...resetForm.getInputProps("new_password")}
            />
            <PasswordInput
              label={t("auth.passwordConfirm")}
              autoComplete="new-password"
              required
              {...resetForm.getInputProps("password_confirm")}
            />
            <FormAlert message={message} />
            <Button type="submit" loading={confirm.isPending}>
              {t("reset.submit")}
            </Button>
          </Stack>
        </form>
      ) : null}
      {step === "done" ? (
        <Stack>
          <Alert color="green" role="status">
            {t("reset.done")}
          </Alert>
          <Button component={Link} to="/login">
            {t("nav.login")}
          </Button>
        </Stack>
      ) : null}
      {step !== "done" ? (
        <Text size="sm" ta="center" mt="lg">
          <Anchor component={Link} to="/login">
            {t("nav.login")}
          </Anchor>
        </Text>
      ) : null}
    </Paper>
  );
}
