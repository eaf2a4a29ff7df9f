import {
  Anchor,
  Button,
  Group,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Stepper,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notify } from "../lib/notify";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { api, data } from "../api/client";
import { ApiError } from "../api/problem";
import { logIn } from "../auth/session";
import { CodeInput, EmailCodeRequest } from "../components/EmailCodeFields";
import { FormAlert } from "../components/FormAlert";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/useI18n";
import { errorMessage } from "../lib/errorMessage";
import { applyProblem } from "../lib/problemForm";
import { code, email, required } from "../lib/validators";

type Step = 0 | 1 | 2;

type Role = "USER" | "ADVERTISER";

/** Sign-up in three steps: email, the code emailed to it, then the account's details
 * (with who is signing up: a pet owner, or an advertiser; `?as=advertiser` preselects it). */
export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>(0);
  const [message, setMessage] = useState<string | null>(null);
  const [verificationToken, setVerificationToken] = useState("");

  const emailForm = useForm({ initialValues: { email: "" }, validate: { email: email(t) } });
  const codeForm = useForm({ initialValues: { code: "" }, validate: { code: code(t) } });
  const profileForm = useForm({
    initialValues: {
      role: (params.get("as") === "advertiser" ? "ADVERTISER" : "USER") as Role,
      password: "",
      password_confirm: "",
      name: "",
      nickname: "",
      phone: "",
      birth_date: "",
      address: "",
    },
    validate: {
      password: required(t),
      password_confirm: (value, values) =>
        value === values.password ? null : t("auth.passwordMismatch"),
      name: required(t),
      nickname: required(t),
      phone: required(t),
    },
  });
  const address = emailForm.values.email.trim();

  const sendCode = useMutation({
    mutationFn: async () =>
      data(await api.POST("/api/v1/auth/email-verifications", { body: { email: address } })),
    onSuccess: () => {
      setMessage(null);
      setStep(1);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setMessage(t("signup.emailTaken"));
      else setMessage(applyProblem(emailForm, error) ?? errorMessage(error, t));
    },
  });

  const verify = useMutation({
    mutationFn: async (value: string) =>
      data(
        await api.POST("/api/v1/auth/email-verifications/confirm", {
          body: { email: address, code: value.trim() },
        }),
      ),
    onSuccess: (confirmed) => {
      setVerificationToken(confirmed.verification_token);
      setMessage(null);
      setStep(2);
    },
    onError: (error) => setMessage(applyProblem(codeForm, error) ?? errorMessage(error, t)),
  });

  const signUp = useMutation({
    mutationFn: async (values: typeof profileForm.values) => {
      await api.POST("/api/v1/auth/signup", {
        body: {
          verification_token: verificationToken,
          role: values.role,
          email: address,
          password: values.password,
          name: values.name,
          nickname: values.nickname,
          phone: values.phone,
          birth_date: values.birth_date || null,
          address: values.address || null,
        },
      });
      return logIn(address, values.password);
    },
    onSuccess: (user) => {
      notify(t, {
        color: "green",
        message: t("signup.welcome", { nickname: user.nickname }),
      });
      // At once, not after the cache refresh: a click on the menu meanwhile must stand.
      // An advertiser's first task is the company profile the review needs.
      navigate(user.roles.includes("ADVERTISER") ? "/advertiser/profile" : "/", { replace: true });
      void queryClient.invalidateQueries();
    },
    onError: (error) => setMessage(applyProblem(profileForm, error) ?? errorMessage(error, t)),
  });

  return (
    <Paper maw={560} mx="auto" p={{ base: "md", sm: "xl" }} withBorder>
      <PageTitle>{t("signup.title")}</PageTitle>
      <Stepper active={step} size="xs" wrap={false} mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t("signup.step.email")} />
        <Stepper.Step label={t("signup.step.code")} />
        <Stepper.Step label={t("signup.step.profile")} />
      </Stepper>

      {step === 0 ? (
        <EmailCodeRequest
          form={emailForm}
          onSend={() => sendCode.mutate()}
          sending={sendCode.isPending}
          sendLabel={t("signup.sendCode")}
          message={message}
        />
      ) : null}

      {step === 1 ? (
        <form noValidate onSubmit={codeForm.onSubmit((values) => verify.mutate(values.code))}>
          <Stack>
            <Text size="sm" role="status">
              {t("signup.codeSent", { email: address })}
            </Text>
            <CodeInput {...codeForm.getInputProps("code")} />
            <FormAlert message={message} />
            <Group justify="space-between">
              <Button
                variant="subtle"
                onClick={() => sendCode.mutate()}
                loading={sendCode.isPending}
              >
                {t("signup.resend")}
              </Button>
              <Button type="submit" loading={verify.isPending}>
                {t("signup.verify")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      {step === 2 ? (
        <form noValidate onSubmit={profileForm.onSubmit((values) => signUp.mutate(values))}>
          <Stack>
            <Radio.Group label={t("signup.role")} required {...profileForm.getInputProps("role")}>
              <Stack gap="xs" mt="xs">
                <Radio value="USER" label={t("signup.role.user")} />
                <Radio value="ADVERTISER" label={t("signup.role.advertiser")} />
              </Stack>
            </Radio.Group>
            <TextInput label={t("auth.email")} value={address} autoComplete="username" readOnly />
            <PasswordInput
              label={t("auth.password")}
              autoComplete="new-password"
              required
              {...profileForm.getInputProps("password")}
            />
            <PasswordInput
              label={t("auth.passwordConfirm")}
              autoComplete="new-password"
              required
              {...profileForm.getInputProps("password_confirm")}
            />
            <TextInput
              label={t("signup.name")}
              autoComplete="name"
              required
              {...profileForm.getInputProps("name")}
            />
            <TextInput
              label={t("signup.nickname")}
              autoComplete="nickname"
              required
              {...profileForm.getInputProps("nickname")}
            />
            <TextInput
              label={t("signup.phone")}
              placeholder={t("signup.phonePlaceholder")}
              type="tel"
              autoComplete="tel"
              required
              {...profileForm.getInputProps("phone")}
            />
            <TextInput
              label={t("signup.birthDate")}
              description={t("common.optional")}
              placeholder={t("signup.birthDatePlaceholder")}
              autoComplete="bday"
              {...profileForm.getInputProps("birth_date")}
            />
            <TextInput
              label={t("signup.address")}
              description={t("common.optional")}
              autoComplete="street-address"
              {...profileForm.getInputProps("address")}
            />
            <FormAlert message={message} />
            <Button type="submit" loading={signUp.isPending}>
              {t("signup.submit")}
            </Button>
          </Stack>
        </form>
      ) : null}

      <Text size="sm" ta="center" mt="lg">
        {t("signup.haveAccount")}{" "}
        <Anchor component={Link} to="/login">
          {t("nav.login")}
        </Anchor>
      </Text>
    </Paper>
  );
}
