// A decision that the person concerned reads with its reason (cancelling a campaign, asking
// for a revision): 5-500 characters, the API's rule, checked before sending.
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";

export const REASON_MIN = 5;
export const REASON_MAX = 500;

export function ReasonDialog({
  opened,
  title,
  body,
  label,
  confirmLabel,
  pending,
  error,
  danger,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: string;
  label: string;
  confirmLabel: string;
  pending: boolean;
  /** Why the API refused (shown in the dialog). */
  error: string | null;
  danger?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const text = reason.trim();
          setTooShort(text.length < REASON_MIN);
          if (text.length >= REASON_MIN) onConfirm(text);
        }}
      >
        <Stack>
          <Text size="sm">{body}</Text>
          <Textarea
            label={label}
            required
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={tooShort ? t("advertiser.reason.tooShort", { min: REASON_MIN }) : null}
            data-autofocus
          />
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={danger ? "red.9" : undefined} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
