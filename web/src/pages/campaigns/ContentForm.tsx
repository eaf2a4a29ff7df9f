import { Button, Group, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { applyProblem } from "../../lib/problemForm";
import { useSubmitContent } from "./queries";
import type { Applicant } from "./types";

/** Submit the Instagram post, or resubmit it after a revision request. */
export function ContentForm({ applicant, resubmit }: { applicant: Applicant; resubmit: boolean }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const submit = useSubmitContent(applicant.id);
  const form = useForm({
    initialValues: { post_url: "" },
    // The API knows every form of an Instagram link (share links, reels, a username in the
    // path) and says beside the field what is wrong with one it refuses.
    validate: { post_url: (value) => (value.trim() ? null : t("campaigns.content.urlInvalid")) },
  });
  const headingId = `content-form-${applicant.id}`;
  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        submit.mutate(
          { post_url: values.post_url.trim() },
          {
            onSuccess: () => form.reset(),
            onError: (error) => setMessage(applyProblem(form, error) ?? errorMessage(error, t)),
          },
        );
      })}
    >
      <Stack gap="xs">
        <Title id={headingId} order={4} fz="sm">
          {resubmit ? t("campaigns.content.resubmitTitle") : t("campaigns.content.submitTitle")}
        </Title>
        <TextInput
          type="url"
          inputMode="url"
          label={t("campaigns.content.url")}
          description={t("campaigns.content.urlHint")}
          placeholder="https://www.instagram.com/p/…"
          required
          maxLength={300}
          {...form.getInputProps("post_url")}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button type="submit" loading={submit.isPending}>
            {resubmit ? t("campaigns.content.resubmit") : t("campaigns.content.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
