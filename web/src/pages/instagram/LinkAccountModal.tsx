import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { applyProblem } from "../../lib/problemForm";
import { required } from "../../lib/validators";
import { useLink, type LinkBody } from "./queries";
import { useNotify } from "./useNotify";

/** What to link: a new account, or (reconnecting) one the owner linked before. */
export interface LinkTarget {
  igUserId?: string;
  username?: string;
}

function LinkForm({ target, onDone }: { target: LinkTarget; onDone: () => void }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const link = useLink();
  const notify = useNotify();
  const form = useForm<LinkBody>({
    initialValues: { access_token: "", ig_user_id: target.igUserId ?? "" },
    validate: { access_token: required(t) },
  });
  const submit = (values: LinkBody) => {
    setMessage(null);
    link.mutate(values, {
      onSuccess: (account) => {
        notify(t("instagram.link.done", { username: account.username }), "green");
        onDone();
      },
      onError: (error) => setMessage(applyProblem(form, error) ?? errorMessage(error, t)),
    });
  };
  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Stack>
        <Text size="sm">{t("instagram.link.lead")}</Text>
        <TextInput
          label={t("instagram.link.token")}
          description={t("instagram.link.tokenHint")}
          required
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          {...form.getInputProps("access_token")}
        />
        <TextInput
          label={t("instagram.link.igUserId")}
          description={t("instagram.link.igUserIdHint")}
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps("ig_user_id")}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={link.isPending}>
            {t("instagram.link.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Linking (or reconnecting) an Instagram business account with a Facebook user token:
 * the API exchanges it, runs the first sync and answers the linked account. */
export function LinkAccountModal({
  target,
  onClose,
}: {
  target: LinkTarget | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const title = target?.username
    ? t("instagram.link.reconnectTitle", { username: target.username })
    : t("instagram.link.title");
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {target ? <LinkForm target={target} onDone={onClose} /> : null}
    </Modal>
  );
}
