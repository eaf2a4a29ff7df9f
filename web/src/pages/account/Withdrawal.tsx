// Leaving PetFul (DELETE /api/v1/me): a confirmation that says what happens (docs/security.md
// "Leaving"), the password and a reason; then this browser is signed out too and the person
// lands on the home page with a notice.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";

import { api } from "../../api/client";
import { logOut } from "../../auth/session";
import { FormAlert } from "../../components/FormAlert";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { required } from "../../lib/validators";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { lengthWithin, WITHDRAW_REASON_MAX, WITHDRAW_REASON_MIN } from "./rules";

// What leaving does at once, service by service (docs/security.md, "Leaving").
const EFFECTS: readonly MessageKey[] = [
  "account.withdraw.effect.profile",
  "account.withdraw.effect.pets",
  "account.withdraw.effect.instagram",
  "account.withdraw.effect.campaigns",
  "account.withdraw.effect.community",
  "account.withdraw.effect.records",
];

function WithdrawalForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: "", reason: "", understood: false },
    validate: {
      password: required(t),
      reason: (value) =>
        lengthWithin(value, WITHDRAW_REASON_MIN, WITHDRAW_REASON_MAX)
          ? null
          : t("account.withdraw.reasonLength"),
      understood: (value) => (value ? null : t("account.withdraw.mustAgree")),
    },
  });
  const withdraw = useMutation({
    mutationFn: async ({ password, reason }: typeof form.values) => {
      await api.DELETE("/api/v1/me", { body: { password, reason: reason.trim() } });
    },
    onSuccess: async () => {
      // Identity has revoked every session already: this one ends here as well.
      await logOut().catch(() => undefined);
      queryClient.clear();
      notify(t, {
        title: t("account.withdraw.doneTitle"),
        message: t("account.withdraw.done"),
        autoClose: 15_000,
      });
      navigate("/", { replace: true });
    },
    onError: (error) =>
      setMessage(
        formProblem(form, error, t, { known: { password: "account.withdraw.wrongPassword" } }),
      ),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        withdraw.mutate(values);
      })}
    >
      <Stack>
        <PasswordInput
          label={t("account.withdraw.password")}
          autoComplete="current-password"
          required
          data-autofocus
          {...form.getInputProps("password")}
        />
        <Textarea
          label={t("account.withdraw.reason")}
          description={t("account.withdraw.reasonHint")}
          required
          autosize
          minRows={3}
          maxLength={WITHDRAW_REASON_MAX}
          {...form.getInputProps("reason")}
        />
        <Checkbox
          label={t("account.withdraw.understand")}
          {...form.getInputProps("understood", { type: "checkbox" })}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={withdraw.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red.9" loading={withdraw.isPending}>
            {t("account.withdraw.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function Withdrawal() {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-withdraw">
      <Title order={2} size="h4" id="account-withdraw">
        {t("account.withdraw.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("account.withdraw.lead")}
      </Text>
      <Group justify="flex-end">
        <Button variant="outline" color="red.9" onClick={open}>
          {t("account.withdraw.open")}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={close}
        title={t("account.withdraw.modalTitle")}
        size="lg"
        closeOnClickOutside={false}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        <Stack>
          <Text fw={600}>{t("account.withdraw.whatHappens")}</Text>
          <List spacing="xs" size="sm">
            {EFFECTS.map((key) => (
              <List.Item key={key}>{t(key)}</List.Item>
            ))}
          </List>
          <Alert color="red.9" variant="outline">
            {t("account.withdraw.irreversible")}
          </Alert>
          <WithdrawalForm onCancel={close} />
        </Stack>
      </Modal>
    </Card>
  );
}
