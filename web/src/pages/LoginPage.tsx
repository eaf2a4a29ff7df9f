import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { ApiError } from "../api/problem";
import { logIn } from "../auth/session";
import { FormAlert } from "../components/FormAlert";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/useI18n";
import { errorMessage } from "../lib/errorMessage";
import { applyProblem } from "../lib/problemForm";
import { email, required, safeNext } from "../lib/validators";

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  // Many addresses guessed this account's password: only the mailed reset code lifts the
  // lock before its window ends, so say so and lead there with the address filled in.
  const [locked, setLocked] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: { email: email(t), password: required(t) },
  });
  const login = useMutation({
    mutationFn: (values: typeof form.values) => logIn(values.email.trim(), values.password),
    onSuccess: () => {
      // Leave at once: the header is signed in already and a person may click on while the
      // cache refreshes; a navigation after that refresh would take them back here.
      navigate(safeNext(params.get("next")), { replace: true });
      void queryClient.invalidateQueries();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) setMessage(t("login.failed"));
      else if (isAccountLocked(error)) setLocked(true);
      else setMessage(applyProblem(form, error) ?? errorMessage(error, t));
    },
  });

  return (
    <Paper maw={420} mx="auto" p={{ base: "md", sm: "xl" }} withBorder>
      <PageTitle>{t("login.title")}</PageTitle>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          setLocked(false);
          login.mutate(values);
        })}
      >
        <Stack>
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label={t("auth.password")}
            autoComplete="current-password"
            required
            {...form.getInputProps("password")}
          />
          <FormAlert message={message} />
          {locked ? (
            <Alert color="red" title={t("login.locked.title")} role="alert">
              <Stack gap="xs">
                <Text size="sm">{t("login.locked.body")}</Text>
                <Anchor
                  component={Link}
                  to={`/password-reset?email=${encodeURIComponent(form.values.email.trim())}`}
                  size="sm"
                  // The alert's own text colour: link blue on its red tint is too faint.
                  c="inherit"
                  underline="always"
                  fw={600}
                >
                  {t("login.locked.reset")}
                </Anchor>
              </Stack>
            </Alert>
          ) : null}
          <Button type="submit" loading={login.isPending} fullWidth>
            {t("login.submit")}
          </Button>
          <Text size="sm" ta="center">
            {t("login.noAccount")}{" "}
            <Anchor component={Link} to="/signup">
              {t("nav.signup")}
            </Anchor>
          </Text>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/password-reset">
              {t("login.forgot")}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}

function isAccountLocked(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 429 &&
    (error.problem?.type.endsWith("/account-locked") ?? false)
  );
}
