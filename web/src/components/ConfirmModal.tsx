import { Button, Group, Modal, Stack, Text } from "@mantine/core";

import { FormAlert } from "./FormAlert";
import { useI18n } from "../i18n/useI18n";

interface Props {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  /** Why the action failed (the API's reason), shown in the dialog. */
  error?: string | null;
  danger?: boolean;
}

/** "Are you sure?" before something that cannot be undone. */
export function ConfirmModal(props: Props) {
  const { t } = useI18n();
  const {
    opened,
    title,
    body,
    confirmLabel,
    onConfirm,
    onClose,
    pending,
    error = null,
    danger,
  } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm">{body}</Text>
        <FormAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color={danger ? "red.9" : undefined} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
