import { Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../../api/client";
import { FormAlert } from "../../../components/FormAlert";
import { useI18n } from "../../../i18n/useI18n";
import { required } from "../../../lib/validators";
import { notify } from "../../../lib/notify";
import { formProblem } from "../../../lib/formProblem";
import { petKeys } from "../queries";
import type { HistoryEntry, HistoryIn } from "../types";

interface Props {
  petId: string;
  /** The entry to edit, or null for a new one. */
  entry: HistoryEntry | null;
  opened: boolean;
  onClose: () => void;
}

function HistoryForm({ petId, entry, onClose }: Omit<Props, "opened">) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<HistoryIn & { description: string }>({
    initialValues: {
      title: entry?.title ?? "",
      start_date: entry?.start_date ?? "",
      end_date: entry?.end_date ?? "",
      description: entry?.description ?? "",
    },
    validate: {
      title: required(t),
      start_date: required(t),
      end_date: (value, values) =>
        !value
          ? t("auth.required")
          : values.start_date && value < values.start_date
            ? t("pets.history.endBeforeStart")
            : null,
    },
  });
  const save = useMutation({
    mutationFn: async (values: HistoryIn) => {
      const body = {
        ...values,
        title: values.title.trim(),
        description: values.description?.trim(),
      };
      return entry
        ? data(
            await api.PUT("/api/v1/pets/{pet_id}/history/{history_id}", {
              params: { path: { pet_id: petId, history_id: entry.id } },
              body,
            }),
          )
        : data(
            await api.POST("/api/v1/pets/{pet_id}/history", {
              params: { path: { pet_id: petId } },
              body,
            }),
          );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: petKeys.portfolio(petId) });
      notify(t, { color: "green", message: t("pets.history.saved") });
      onClose();
    },
    onError: (error) => setMessage(formProblem(form, error, t)),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        save.mutate(values);
      })}
    >
      <Stack>
        <TextInput
          label={t("pets.history.field.title")}
          placeholder={t("pets.history.field.titlePlaceholder")}
          required
          maxLength={100}
          data-autofocus
          {...form.getInputProps("title")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            type="date"
            label={t("pets.history.field.startDate")}
            required
            {...form.getInputProps("start_date")}
          />
          <TextInput
            type="date"
            label={t("pets.history.field.endDate")}
            required
            {...form.getInputProps("end_date")}
          />
        </SimpleGrid>
        <Textarea
          label={t("pets.history.field.description")}
          autosize
          minRows={3}
          maxLength={2000}
          {...form.getInputProps("description")}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Add or edit one activity history entry (its pictures are managed on its card). */
export function HistoryFormModal({ opened, ...props }: Props) {
  const { t } = useI18n();
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.entry ? t("pets.history.editTitle") : t("pets.history.addTitle")}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {/* Mounted only while open: each opening starts from the entry as saved. */}
      {opened ? <HistoryForm {...props} /> : null}
    </Modal>
  );
}
