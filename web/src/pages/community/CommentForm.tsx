// One form for writing a comment, a reply, or editing one in place: the text (1-1,000
// characters) with a counter, the API's refusal beside it.
import { Button, Group, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { formProblem } from "../../lib/formProblem";
import { charCount, COMMENT_MAX } from "./rules";

export function CommentForm({
  label,
  submitLabel,
  initial = "",
  save,
  onDone,
  onCancel,
  autoFocus = false,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  /** Sends the text; resolves once the API took it. */
  save: (body: string) => Promise<unknown>;
  onDone?: () => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const { t, number } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { body: initial },
    validate: {
      body: (value) => {
        if (!value.trim()) return t("community.comment.required");
        return charCount(value) > COMMENT_MAX ? t("community.comment.tooLong") : null;
      },
    },
  });
  const send = useMutation({
    mutationFn: (body: string) => save(body),
    onSuccess: () => {
      form.reset();
      onDone?.();
    },
    onError: (error) => setMessage(formProblem(form, error, t)),
  });
  const length = charCount(form.values.body);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(({ body }) => {
        setMessage(null);
        send.mutate(body);
      })}
    >
      <Stack gap="xs">
        <Textarea
          label={label}
          placeholder={t("community.comment.placeholder")}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={COMMENT_MAX}
          description={t("community.counter", { count: number(length), max: number(COMMENT_MAX) })}
          autoFocus={autoFocus}
          {...form.getInputProps("body")}
        />
        <FormAlert message={message} />
        <Group justify="flex-end" gap="xs">
          {onCancel ? (
            <Button variant="default" size="xs" onClick={onCancel} disabled={send.isPending}>
              {t("common.cancel")}
            </Button>
          ) : null}
          <Button type="submit" size="xs" loading={send.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
