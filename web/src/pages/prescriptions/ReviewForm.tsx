import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { problemForForm } from "../../lib/problemForm";
import { todayInKorea } from "../schedules/rules";
import { leadLabel, noticeLabel } from "./labels";
import { MedicationCard } from "./MedicationCard";
import { prescriptionKeys } from "./queries";
import {
  LEADS,
  MAX_MEDICATIONS,
  REMINDER_OFF,
  confirmBody,
  confirmRename,
  emptyMedication,
  fieldMessage,
  formFields,
  medicationsBody,
  reviewValues,
  type ReviewValues,
} from "./rules";
import type { Prescription } from "./types";

/** The draft under review: correct the medications, choose times and reminders, confirm. */
export function ReviewForm({ prescription }: { prescription: Prescription }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const today = todayInKorea();
  const form = useForm<ReviewValues>({ initialValues: reviewValues(prescription, today) });
  const [message, setMessage] = useState<string | null>(null);
  const path = { params: { path: { prescription_id: prescription.id } } };

  const showProblem = (error: unknown, rename: Record<string, string> = {}) => {
    const { fieldErrors, message: rest } = problemForForm(error, formFields(form.values), rename);
    // The API's reasons are English phrases; each field here has one meaning to say.
    for (const path of Object.keys(fieldErrors)) {
      const key = fieldMessage(path);
      if (key) fieldErrors[path] = t(key);
    }
    form.setErrors(fieldErrors);
    const blamed = error instanceof ApiError && error.fieldErrors.length > 0;
    setMessage(blamed && rest === null ? null : errorMessage(error, t));
  };

  const saved = (next: Prescription) => {
    queryClient.setQueryData(prescriptionKeys.one(next.id), next);
    void queryClient.invalidateQueries({ queryKey: prescriptionKeys.list() });
  };

  const save = useMutation({
    mutationFn: async ({ values }: { values: ReviewValues; quiet: boolean }) =>
      data(
        await api.PUT("/api/v1/prescriptions/{prescription_id}/medications", {
          ...path,
          body: { medications: medicationsBody(values) },
        }),
      ),
    onSuccess: (next, { quiet }) => {
      saved(next);
      form.resetDirty();
      setMessage(null);
      if (!quiet) notify(t, { color: "green", message: t("prescriptions.saved") });
    },
    onError: (e) => showProblem(e),
  });

  const confirm = useMutation({
    mutationFn: async (values: ReviewValues) =>
      data(
        await api.POST("/api/v1/prescriptions/{prescription_id}/confirm", {
          ...path,
          body: confirmBody(values),
        }),
      ),
    onSuccess: (next) => {
      saved(next);
      void queryClient.invalidateQueries({ queryKey: ["schedules"] });
      notify(t, {
        color: "green",
        message: t("prescriptions.confirm.done", { count: next.schedule_ids.length }),
      });
    },
    onError: (e) => showProblem(e, confirmRename(form.values.medications.length)),
  });

  const submit = async (values: ReviewValues) => {
    setMessage(null);
    // What the owner corrected is saved first: the confirmation schedules the saved draft.
    if (form.isDirty("medications")) {
      try {
        await save.mutateAsync({ values, quiet: true });
      } catch {
        return; // the save's own error handler put the reasons beside the fields
      }
    }
    confirm.mutate(values);
  };

  const busy = save.isPending || confirm.isPending;
  const count = form.values.medications.length;
  return (
    <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
      <Stack gap="md">
        {prescription.notice ? (
          <Alert color="orange" variant="light" role="status">
            {t(noticeLabel(prescription.notice))}
          </Alert>
        ) : null}
        <Text size="sm">{t("prescriptions.detail.review")}</Text>
        {count === 0 ? (
          <Text size="sm" c="dimmed">
            {t("prescriptions.med.none")}
          </Text>
        ) : null}
        {form.values.medications.map((_, i) => (
          <MedicationCard key={i} form={form} index={i} lines={prescription.lines} />
        ))}
        {form.errors.medications ? (
          <Text size="sm" c="red.9" role="alert">
            {count === 0 ? t("prescriptions.confirm.needsMedication") : form.errors.medications}
          </Text>
        ) : null}
        <Group gap="sm">
          {count < MAX_MEDICATIONS ? (
            <Button
              variant="light"
              onClick={() => form.insertListItem("medications", emptyMedication())}
            >
              {t("prescriptions.med.add")}
            </Button>
          ) : null}
          {form.isDirty("medications") ? (
            <Button
              variant="default"
              loading={save.isPending}
              disabled={busy}
              onClick={() => save.mutate({ values: form.values, quiet: false })}
            >
              {t("prescriptions.save")}
            </Button>
          ) : null}
        </Group>

        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t("prescriptions.confirm.title")}
            </Title>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                type="date"
                label={t("prescriptions.confirm.start")}
                min={today}
                miw={180}
                {...form.getInputProps("start_date")}
              />
              <Select
                label={t("prescriptions.confirm.reminder")}
                data={[
                  ...LEADS.map((minutes) => ({
                    value: String(minutes),
                    label: t(leadLabel(minutes)),
                  })),
                  { value: REMINDER_OFF, label: t("prescriptions.confirm.reminderOff") },
                ]}
                allowDeselect={false}
                miw={180}
                {...form.getInputProps("reminder")}
              />
            </Group>
            <FormAlert message={message} />
            <Button type="submit" loading={confirm.isPending} disabled={busy} w="fit-content">
              {t("prescriptions.confirm.submit")}
            </Button>
          </Stack>
        </Card>
      </Stack>
    </form>
  );
}
