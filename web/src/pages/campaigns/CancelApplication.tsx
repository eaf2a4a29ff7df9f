import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notify } from "../../lib/notify";
import { useState } from "react";

import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { useCancelApplication } from "./queries";
import type { Applicant } from "./types";

/** Cancel an application, after a confirmation. */
export function CancelApplication({ applicant }: { applicant: Applicant }) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const [message, setMessage] = useState<string | null>(null);
  const cancel = useCancelApplication();
  return (
    <>
      <Button variant="subtle" color="red" onClick={open}>
        {t("campaigns.cancel.button")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("campaigns.cancel.title")} centered>
        <Stack>
          <Text size="sm">
            {t("campaigns.cancel.body", {
              campaign: applicant.campaign_title,
              pet: applicant.pet_name,
            })}
          </Text>
          <FormAlert message={message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("campaigns.cancel.keep")}
            </Button>
            <Button
              color="red.9"
              loading={cancel.isPending}
              onClick={() => {
                setMessage(null);
                cancel.mutate(applicant.id, {
                  onSuccess: () => {
                    notify(t, { color: "green", message: t("campaigns.cancel.done") });
                    close();
                  },
                  onError: (error) => setMessage(errorMessage(error, t)),
                });
              }}
            >
              {t("campaigns.cancel.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
