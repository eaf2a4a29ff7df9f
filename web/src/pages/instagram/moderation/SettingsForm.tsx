import {
  Button,
  Card,
  Group,
  Radio,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useId, useState } from "react";

import { FormAlert } from "../../../components/FormAlert";
import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { applyProblem } from "../../../lib/problemForm";
import { useModerationSettings, useSaveModeration } from "../queries";
import { bannedWordsRename } from "../rules";
import { useNotify } from "../useNotify";
import type { ModerationSettings, ModerationSettingsIn } from "../types";

// The API's limits (ModerationSettingsIn): checked here too, to save a round trip.
const MAX_WORDS = 200;
const MAX_WORD_LENGTH = 50;
const RENAME = bannedWordsRename(MAX_WORDS);

function Form({ accountId, saved }: { accountId: string; saved: ModerationSettings }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const save = useSaveModeration(accountId);
  const notify = useNotify();
  const form = useForm<ModerationSettingsIn>({
    initialValues: {
      auto_moderation: saved.auto_moderation,
      action: saved.action === "DELETE" ? "DELETE" : "HIDE",
      moderate_negative: saved.moderate_negative,
      banned_words: saved.banned_words,
    },
    validate: {
      banned_words: (words: string[] | undefined) =>
        (words ?? []).some((w) => w.length > MAX_WORD_LENGTH)
          ? t("instagram.moderation.wordTooLong", { max: MAX_WORD_LENGTH })
          : null,
    },
  });
  const submit = (values: ModerationSettingsIn) => {
    setMessage(null);
    save.mutate(values, {
      onSuccess: (next) => {
        form.setValues({ ...values, banned_words: next.banned_words });
        form.resetDirty();
        notify(t("instagram.moderation.saved"), "green");
      },
      onError: (error) => setMessage(applyProblem(form, error, RENAME) ?? errorMessage(error, t)),
    });
  };
  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Stack>
        <Switch
          label={t("instagram.moderation.auto")}
          description={t("instagram.moderation.autoHint")}
          {...form.getInputProps("auto_moderation", { type: "checkbox" })}
        />
        <Radio.Group label={t("instagram.moderation.action")} {...form.getInputProps("action")}>
          <Stack gap="xs" mt={6}>
            <Radio value="HIDE" label={t("instagram.moderation.actionHide")} />
            <Radio value="DELETE" label={t("instagram.moderation.actionDelete")} />
          </Stack>
        </Radio.Group>
        <Switch
          label={t("instagram.moderation.negative")}
          description={t("instagram.moderation.negativeHint")}
          {...form.getInputProps("moderate_negative", { type: "checkbox" })}
        />
        <TagsInput
          label={t("instagram.moderation.words")}
          description={t("instagram.moderation.wordsHint", { max: MAX_WORDS })}
          maxTags={MAX_WORDS}
          clearable
          {...form.getInputProps("banned_words")}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Auto-moderation: on or off, hide or delete, negative comments too, banned words. */
export function SettingsForm({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const id = useId();
  const settings = useModerationSettings(accountId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb="sm">
        {t("instagram.moderation.settings")}
      </Title>
      {settings.isPending ? <Skeleton height={260} aria-busy="true" /> : null}
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => settings.refetch()} />
      ) : null}
      {settings.isSuccess ? <Form accountId={accountId} saved={settings.data} /> : null}
    </Card>
  );
}
