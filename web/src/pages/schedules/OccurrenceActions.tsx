import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { ConfirmModal } from "../../components/ConfirmModal";
import { FormAlert } from "../../components/FormAlert";
import { errorMessage } from "../../lib/errorMessage";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { useI18n } from "../../i18n/useI18n";
import type { OccurrenceAction } from "./OccurrenceItem";
import { scheduleKeys } from "./queries";
import { koreanDayTime } from "./rules";
import type { Occurrence } from "./types";

export interface Chosen {
  action: OccurrenceAction;
  occurrence: Occurrence;
}

function paths(o: Occurrence) {
  return { pet_id: o.pet_id, schedule_id: o.schedule_id, key: o.key };
}

function MoveModal({ occurrence: o, onClose }: { occurrence: Occurrence; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const start = koreanDayTime(o.starts_at ?? "");
  const form = useForm({ initialValues: { date: start.day, time: start.time, title: o.title } });
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: typeof form.values) =>
      data(
        await api.PATCH("/api/v1/pets/{pet_id}/schedules/{schedule_id}/occurrences/{key}", {
          params: { path: paths(o) },
          body: { scope: "THIS", date: v.date, time: v.time, title: v.title.trim() },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
      notify(t, { color: "green", message: t("schedules.move.done") });
      onClose();
    },
    onError: (error) => setMessage(formProblem(form, error, t)),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("schedules.move.title")}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setMessage(null);
          save.mutate(v);
        })}
      >
        <Stack>
          <TextInput
            type="date"
            label={t("schedules.move.date")}
            required
            {...form.getInputProps("date")}
          />
          <TextInput
            type="time"
            label={t("schedules.move.time")}
            required
            {...form.getInputProps("time")}
          />
          <TextInput
            label={t("schedules.field.title")}
            maxLength={100}
            {...form.getInputProps("title")}
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
    </Modal>
  );
}

const CONFIRM = {
  skip: { title: "schedules.skip.title", body: "schedules.skip.body", done: "schedules.skip.done" },
  endFollowing: {
    title: "schedules.endFollowing.title",
    body: "schedules.endFollowing.body",
    done: "schedules.endFollowing.done",
  },
  deleteAll: {
    title: "schedules.deleteAll.title",
    body: "schedules.deleteAll.body",
    done: "schedules.deleteAll.done",
  },
} as const;

function Confirm({ chosen, onClose }: { chosen: Chosen; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { action, occurrence: o } = chosen;
  const keys = CONFIRM[action as keyof typeof CONFIRM];
  const run = useMutation({
    mutationFn: async () => {
      if (action === "deleteAll") {
        await api.DELETE("/api/v1/pets/{pet_id}/schedules/{schedule_id}", {
          params: { path: { pet_id: o.pet_id, schedule_id: o.schedule_id } },
        });
        return;
      }
      data(
        await api.DELETE("/api/v1/pets/{pet_id}/schedules/{schedule_id}/occurrences/{key}", {
          params: {
            path: paths(o),
            query: { scope: action === "skip" ? "THIS" : "FOLLOWING" },
          },
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
      notify(t, { color: "green", message: t(keys.done) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      opened
      title={t(keys.title)}
      body={t(keys.body, { title: o.title })}
      confirmLabel={t(keys.title)}
      onConfirm={() => run.mutate()}
      onClose={onClose}
      pending={run.isPending}
      error={run.isError ? errorMessage(run.error, t) : null}
      danger
    />
  );
}

/** The dialog for what was chosen in an occurrence's menu. */
export function OccurrenceActions({
  chosen,
  onClose,
}: {
  chosen: Chosen | null;
  onClose: () => void;
}) {
  if (!chosen) return null;
  if (chosen.action === "move")
    return <MoveModal occurrence={chosen.occurrence} onClose={onClose} />;
  return <Confirm chosen={chosen} onClose={onClose} />;
}
