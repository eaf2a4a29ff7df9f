// Announcements: a draft (audience, title, body, the page it opens, optionally by mail),
// its preview (how many members it reaches now and how it reads), and sending it after a
// confirmation that names the count. One idempotency key per confirmation, so a double click
// or a retry after a lost answer sends one announcement. The latest ones follow below.
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";

import { ConfirmModal } from "../../components/ConfirmModal";
import { FormAlert } from "../../components/FormAlert";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { Section } from "./bits";
import { useBroadcasts, usePreviewBroadcast, useSendBroadcast } from "./queries";
import { AUDIENCES, BODY_MAX, draftProblems, TITLE_MAX } from "./rules";
import type { Broadcast, BroadcastDraft, BroadcastPreview } from "./types";
import { useConfirm } from "./useConfirm";

// The API refuses more links than the form checks (spaces, a backslash, a scheme); whatever
// its reason, beside the field it reads as the one rule in the reader's words.
const DRAFT_PROBLEM = { known: { link: "admin.broadcast.linkInvalid" }, knownStatus: 422 } as const;

interface Sending {
  draft: BroadcastDraft;
  recipients: number;
  key: string;
}

function Preview({ preview }: { preview: BroadcastPreview }) {
  const { t, number } = useI18n();
  return (
    <Alert
      variant="light"
      color="petful"
      title={t("admin.broadcast.previewTitle")}
      data-testid="broadcast-preview"
    >
      <Stack gap={4}>
        <Text fw={700}>
          {t("admin.broadcast.recipients", { count: number(preview.recipients) })}
        </Text>
        <Card withBorder padding="sm">
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {preview.title}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {preview.body}
          </Text>
          <Text size="xs" c="gray.7">
            {preview.link}
          </Text>
        </Card>
        <Text size="sm">
          {preview.email_subject
            ? t("admin.broadcast.emailSubject", { subject: preview.email_subject })
            : t("admin.broadcast.noEmail")}
        </Text>
      </Stack>
    </Alert>
  );
}

function Recent() {
  const { t, number, dateTime } = useI18n();
  const broadcasts = useBroadcasts();
  const items = broadcasts.data?.items ?? [];
  const badge = (b: Broadcast) =>
    b.status === "DONE"
      ? ({ variant: "outline", color: "teal.9" } as const)
      : ({ variant: "filled", color: b.status === "FAILED" ? "red.9" : "gray.7" } as const);
  return (
    <Stack gap="xs" mt="lg">
      <Text fw={700} component="h3" m={0}>
        {t("admin.broadcast.recent")}
      </Text>
      {broadcasts.isError ? (
        <QueryError error={broadcasts.error} onRetry={() => void broadcasts.refetch()} />
      ) : null}
      {broadcasts.isSuccess && items.length === 0 ? (
        <Text size="sm">{t("admin.broadcast.none")}</Text>
      ) : null}
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((b) => (
          <Card key={b.id} withBorder padding="sm" component="li" data-testid="broadcast">
            <Group justify="space-between" gap="xs">
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {b.title}
              </Text>
              <Badge {...badge(b)}>{t(`admin.broadcast.status.${b.status}`)}</Badge>
            </Group>
            <Text size="sm">
              {t(`admin.broadcast.audience.${b.audience}`)} ·{" "}
              {t("admin.broadcast.progress", {
                written: number(b.written),
                recipients: number(b.recipients),
              })}
              {b.email ? ` · ${t("admin.broadcast.emails", { count: number(b.emails) })}` : ""}
            </Text>
            <Text size="xs" c="gray.7">
              {dateTime(b.created_at)}
              {b.error ? ` · ${b.error}` : ""}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

const EMPTY: BroadcastDraft = { audience: "ALL", title: "", body: "", link: "", email: false };

export function BroadcastCard() {
  const { t, number } = useI18n();
  const preview = usePreviewBroadcast();
  const send = useSendBroadcast();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<BroadcastDraft>({
    initialValues: EMPTY,
    validate: (values) => {
      const problems = draftProblems(values);
      return {
        title: problems.title ? t(problems.title) : null,
        body: problems.body ? t(problems.body) : null,
        link: problems.link ? t(problems.link) : null,
      };
    },
    // A preview of an older draft would mislead: it goes as soon as the draft changes.
    onValuesChange: () => preview.reset(),
  });
  const confirm = useConfirm<Sending>(form, t, DRAFT_PROBLEM);
  const draft = (values: BroadcastDraft): BroadcastDraft => ({
    ...values,
    title: values.title.trim(),
    body: values.body.trim(),
    link: values.link?.trim() ?? "",
  });
  const failed = (error: unknown) => setMessage(formProblem(form, error, t, DRAFT_PROBLEM));
  const showPreview = () => {
    if (form.validate().hasErrors) return;
    setMessage(null);
    preview.mutate(draft(form.values), { onError: failed });
  };
  // The count in the confirmation is the one the platform gives now, not an old preview's.
  const ask = (values: BroadcastDraft) => {
    setMessage(null);
    preview.mutate(draft(values), {
      onSuccess: (p) =>
        confirm.ask({ draft: draft(values), recipients: p.recipients, key: crypto.randomUUID() }),
      onError: failed,
    });
  };
  const audience = (value: BroadcastDraft["audience"]) => t(`admin.broadcast.audience.${value}`);
  return (
    <Section id="admin-broadcast" title={t("admin.broadcast.title")}>
      <form noValidate onSubmit={form.onSubmit(ask)}>
        <Stack gap="sm">
          <Select
            label={t("admin.broadcast.audience")}
            data={AUDIENCES.map((a) => ({ value: a, label: audience(a) }))}
            allowDeselect={false}
            w={{ base: "100%", xs: 220 }}
            {...form.getInputProps("audience")}
          />
          <TextInput
            label={t("admin.broadcast.subject")}
            required
            maxLength={TITLE_MAX}
            {...form.getInputProps("title")}
          />
          <Textarea
            label={t("admin.broadcast.body")}
            required
            autosize
            minRows={3}
            maxLength={BODY_MAX}
            {...form.getInputProps("body")}
          />
          <TextInput
            label={t("admin.broadcast.link")}
            description={t("admin.broadcast.linkHint")}
            placeholder="/notifications"
            {...form.getInputProps("link")}
          />
          <Checkbox
            label={t("admin.broadcast.email")}
            description={t("admin.broadcast.emailHint")}
            {...form.getInputProps("email", { type: "checkbox" })}
          />
          {preview.data && confirm.pending === null ? <Preview preview={preview.data} /> : null}
          <FormAlert message={message} />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={showPreview}
              loading={preview.isPending && !send.isPending}
            >
              {t("admin.broadcast.preview")}
            </Button>
            <Button type="submit">{t("admin.broadcast.send")}</Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirm.pending !== null}
        title={t("admin.broadcast.confirmTitle")}
        body={
          confirm.pending
            ? t("admin.broadcast.confirm", {
                audience: audience(confirm.pending.draft.audience),
                count: number(confirm.pending.recipients),
                title: confirm.pending.draft.title,
              })
            : ""
        }
        confirmLabel={t("admin.broadcast.send")}
        pending={send.isPending}
        error={confirm.error}
        onClose={confirm.close}
        onConfirm={() =>
          confirm.confirm((values, settle) =>
            send.mutate(
              { body: values.draft, key: values.key },
              {
                onSuccess: (b) => {
                  settle.done();
                  form.setValues(EMPTY);
                  form.resetDirty(EMPTY);
                  preview.reset();
                  notify(t, {
                    color: "green",
                    message: t("admin.broadcast.sent", { count: number(b.recipients) }),
                  });
                },
                onError: settle.failed,
              },
            ),
          )
        }
      />
      <Recent />
    </Section>
  );
}
