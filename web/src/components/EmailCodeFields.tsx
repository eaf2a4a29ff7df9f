// The two steps sign-up and password reset share: ask for a code by email, then type it.
import { Button, Stack, Text, TextInput, type TextInputProps } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { ReactNode } from "react";

import { useI18n } from "../i18n/useI18n";
import { FormAlert } from "./FormAlert";

/** The email form that sends a code: the address, the problem if any, the button. */
export function EmailCodeRequest(props: {
  form: UseFormReturnType<{ email: string }>;
  onSend: () => void;
  sending: boolean;
  sendLabel: string;
  message: string | null;
  lead?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form noValidate onSubmit={props.form.onSubmit(props.onSend)}>
      <Stack>
        {props.lead ? <Text size="sm">{props.lead}</Text> : null}
        <TextInput
          label={t("auth.email")}
          type="email"
          autoComplete="email"
          required
          {...props.form.getInputProps("email")}
        />
        <FormAlert message={props.message} />
        <Button type="submit" loading={props.sending}>
          {props.sendLabel}
        </Button>
      </Stack>
    </form>
  );
}

/** Where the emailed 6-digit code goes (the phone offers it from the mail on its own). */
export function CodeInput(props: TextInputProps) {
  const { t } = useI18n();
  return (
    <TextInput
      label={t("auth.code")}
      description={t("auth.codeHint")}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      {...props}
    />
  );
}
