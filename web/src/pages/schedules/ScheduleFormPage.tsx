import { Alert, Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";

import { api, data } from "../../api/client";
import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { useI18n } from "../../i18n/useI18n";
import { usePets } from "../pets/queries";
import { ScheduleFields } from "./ScheduleFields";
import { scheduleKeys, useSchedule } from "./queries";
import {
  emptyValues,
  koreanDayTime,
  scheduleBody,
  todayInKorea,
  valuesOf,
  type ScheduleFormValues,
} from "./rules";
import type { Schedule } from "./types";

// API field -> form field: each time of day, and the fields of a "following" edit's body.
const FIELDS = [
  "kind",
  "sub_type",
  "title",
  "times",
  "start_date",
  "end_date",
  "frequency",
  "interval",
  "weekdays",
  "month_day",
  "count",
  "medication_name",
  "dosage",
  "duration_days",
  "reminder_enabled",
  "reminder_lead_minutes",
  "memo",
];
const RENAME: Record<string, string> = {
  doses_per_day: "times",
  ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`times.${i}`, "times"])),
  ...Object.fromEntries(FIELDS.map((f) => [`schedule.${f}`, f])),
  ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`schedule.times.${i}`, "times"])),
};

// The API's one reason to refuse a well-formed start date: it is in the past.
const KNOWN = { start_date: "schedules.error.startPast" } as const;

function useScheduleForm(initial: ScheduleFormValues) {
  const { t } = useI18n();
  return useForm<ScheduleFormValues>({
    initialValues: initial,
    validate: {
      title: (v) => (v.trim() ? null : t("schedules.error.title")),
      pet_id: (v) => (v ? null : t("schedules.error.pet")),
      medication_name: (v, all) =>
        all.kind !== "MEDICATION" || v.trim() ? null : t("schedules.error.medicationName"),
      times: (v) => (v.every((x) => /^\d{2}:\d{2}$/.test(x)) ? null : t("schedules.error.times")),
    },
  });
}

function Actions({ pending, back }: { pending: boolean; back: string }) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end">
      <Button component={Link} to={back} variant="default">
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={pending}>
        {t("common.save")}
      </Button>
    </Group>
  );
}

/** /schedules/new: a schedule for one of my pets. */
export function ScheduleNewPage() {
  const { t } = useI18n();
  const pets = usePets();
  const [params] = useSearchParams();
  if (pets.isPending) return <PageSkeleton />;
  if (pets.isError) return <QueryError error={pets.error} onRetry={() => void pets.refetch()} />;
  const petId = params.get("pet") ?? pets.data[0]?.id ?? "";
  return (
    <Stack maw={720} mx="auto" w="100%">
      <PageTitle>{t("schedules.new.title")}</PageTitle>
      {pets.data.length === 0 ? (
        <Stack align="flex-start">
          <Text>{t("schedules.new.noPets")}</Text>
          <Button component={Link} to="/pets/new">
            {t("schedules.new.addPet")}
          </Button>
        </Stack>
      ) : (
        <NewForm petId={petId} pets={pets.data.map((p) => ({ value: p.id, label: p.name }))} />
      )}
    </Stack>
  );
}

function NewForm({ petId, pets }: { petId: string; pets: { value: string; label: string }[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useScheduleForm(emptyValues(todayInKorea(), petId));
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: ScheduleFormValues) =>
      data(
        await api.POST("/api/v1/pets/{pet_id}/schedules", {
          params: { path: { pet_id: v.pet_id } },
          body: scheduleBody(v),
        }),
      ),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
      notify(t, { color: "green", message: t("schedules.form.created", { title: s.title }) });
      navigate(`/schedules?day=${s.start_date}`);
    },
    onError: (error) =>
      setMessage(formProblem(form, error, t, { rename: RENAME, known: KNOWN, knownStatus: 422 })),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setMessage(null);
        save.mutate(v);
      })}
    >
      <Stack>
        <NativeSelect
          label={t("schedules.field.pet")}
          data={pets}
          {...form.getInputProps("pet_id")}
        />
        <ScheduleFields form={form} />
        <FormAlert message={message} />
        <Actions pending={save.isPending} back="/schedules" />
      </Stack>
    </form>
  );
}

/** /schedules/:id/edit: the whole series, or (with ?from=<key>) this and the following. */
export function ScheduleEditPage() {
  const { t } = useI18n();
  const { scheduleId = "" } = useParams();
  const [params] = useSearchParams();
  const schedule = useSchedule(scheduleId);
  const from = params.get("from") ?? "";
  if (schedule.isPending) return <PageSkeleton />;
  return (
    <Stack maw={720} mx="auto" w="100%">
      <PageTitle>{t(from ? "schedules.edit.followingTitle" : "schedules.edit.title")}</PageTitle>
      {schedule.isError ? (
        <QueryError error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : (
        <EditForm schedule={schedule.data} from={from} />
      )}
    </Stack>
  );
}

function keyDay(key: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(key);
  if (!m) return "";
  return koreanDayTime(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`).day;
}

function EditForm({ schedule, from }: { schedule: Schedule; from: string }) {
  const { t, calendarDate } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fromDay = from ? keyDay(from) : "";
  const initial = valuesOf(schedule);
  const form = useScheduleForm(fromDay ? { ...initial, start_date: fromDay } : initial);
  const [message, setMessage] = useState<string | null>(null);
  const path = { pet_id: schedule.pet_id, schedule_id: schedule.id };
  const save = useMutation({
    mutationFn: async (v: ScheduleFormValues) => {
      if (fromDay) {
        return data(
          await api.PATCH("/api/v1/pets/{pet_id}/schedules/{schedule_id}/occurrences/{key}", {
            params: { path: { ...path, key: from } },
            body: { scope: "FOLLOWING", schedule: scheduleBody(v) },
          }),
        );
      }
      return data(
        await api.PUT("/api/v1/pets/{pet_id}/schedules/{schedule_id}", {
          params: { path },
          body: scheduleBody(v),
        }),
      );
    },
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
      notify(t, { color: "green", message: t("schedules.form.saved") });
      navigate(`/schedules?day=${fromDay || s.start_date}`);
    },
    onError: (error) =>
      setMessage(formProblem(form, error, t, { rename: RENAME, known: KNOWN, knownStatus: 422 })),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setMessage(null);
        save.mutate(v);
      })}
    >
      <Stack>
        <Text c="dimmed">{t("schedules.edit.forPet", { pet: schedule.pet_name })}</Text>
        {fromDay && (
          <Alert color="blue" variant="light">
            {t("schedules.edit.followingNote", { date: calendarDate(fromDay) })}
          </Alert>
        )}
        <ScheduleFields form={form} startLocked={Boolean(fromDay)} />
        <FormAlert message={message} />
        <Actions pending={save.isPending} back="/schedules" />
      </Stack>
    </form>
  );
}
