// The confirmation every queue decision goes through: a plain "are you sure?" (the shared
// ConfirmModal) for approvals, and the same question with the reason the API wants (and,
// for a suspension, how long) for the rest. The API's refusal is shown in the dialog.
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";

import { ConfirmModal } from "../../../components/ConfirmModal";
import { FormAlert } from "../../../components/FormAlert";
import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { formProblem } from "../../../lib/formProblem";
import {
  REASON_MAX,
  REASON_MIN,
  reasonProblem,
  SUSPENSION_DAYS,
  suspendUntil,
  type SuspensionLength,
} from "./rules";

/** What the dialog asks about (the page builds it from the item and the decision). */
export interface DecisionRequest {
  /** Tells one request from the next, so the form starts empty each time. */
  key: string;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  /** The API wants a reason (the person concerned reads it). */
  reason: boolean;
  /** Ask how long a suspension lasts. */
  suspension?: boolean;
}

export interface DecisionInput {
  reason: string;
  /** ISO end of a suspension, or null until an admin lifts it. */
  suspendUntil: string | null;
}

interface Props {
  request: DecisionRequest;
  onConfirm: (input: DecisionInput) => Promise<unknown>;
  onClose: () => void;
}

/** Render with `key={request.key}` while a request is open. */
export function DecisionDialog({ request, onConfirm, onClose }: Props) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: "", suspension: "7" as SuspensionLength },
    validate: {
      reason: (value) => {
        if (!request.reason) return null;
        const problem = reasonProblem(value);
        return problem
          ? t(problem === "short" ? "adminQueues.reason.short" : "adminQueues.reason.long", {
              min: REASON_MIN,
              max: REASON_MAX,
            })
          : null;
      },
    },
  });

  const submit = async (values: typeof form.values) => {
    setPending(true);
    setMessage(null);
    try {
      await onConfirm({
        reason: values.reason.trim(),
        suspendUntil: request.suspension ? suspendUntil(values.suspension, new Date()) : null,
      });
      onClose();
    } catch (error) {
      setMessage(request.reason ? formProblem(form, error, t) : errorMessage(error, t));
    } finally {
      setPending(false);
    }
  };

  if (!request.reason) {
    return (
      <ConfirmModal
        opened
        title={request.title}
        body={request.body}
        confirmLabel={request.confirmLabel}
        onConfirm={() => void submit(form.values)}
        onClose={onClose}
        pending={pending}
        error={message}
        danger={request.danger}
      />
    );
  }
  return (
    <Modal
      opened
      onClose={onClose}
      title={request.title}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack>
          <Text size="sm">{request.body}</Text>
          {request.suspension ? (
            <Radio.Group
              label={t("adminQueues.suspension.label")}
              {...form.getInputProps("suspension")}
            >
              <Group mt="xs">
                {SUSPENSION_DAYS.map((length) => (
                  <Radio
                    key={length}
                    value={length}
                    label={t(`adminQueues.suspension.${length}`)}
                  />
                ))}
              </Group>
            </Radio.Group>
          ) : null}
          <Textarea
            label={t("adminQueues.reason.label")}
            description={t("adminQueues.reason.hint", { min: REASON_MIN, max: REASON_MAX })}
            required
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            data-autofocus
            {...form.getInputProps("reason")}
          />
          <FormAlert message={message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={request.danger ? "red.9" : undefined} loading={pending}>
              {request.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
