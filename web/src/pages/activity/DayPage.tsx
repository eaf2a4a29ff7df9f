import { Alert, Anchor, Button, Card, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import { ConfirmModal } from "../../components/ConfirmModal";
import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { usePet } from "../pets/queries";
import { DayFields } from "./DayFields";
import { CaloriesCard } from "./DaySummary";
import { activityKeys, useDay } from "./queries";
import {
  createBody,
  type DayValues,
  dayValuesOf,
  isIsoDay,
  mealFieldErrors,
  newDayValues,
  patchBody,
  todayInKorea,
} from "./rules";
import type { Activity } from "./types";

const TOP_FIELDS = [
  "walk_km",
  "activity_level",
  "weight_kg",
  "sleep_hours",
  "poop_count",
  "pee_count",
  "memo",
];

function useDayForm(initialValues: DayValues) {
  const { t } = useI18n();
  const filled = (value: unknown) => (value === "" ? t("activity.form.required") : null);
  return useForm<DayValues>({
    initialValues,
    validate: {
      walk_km: filled,
      weight_kg: filled,
      sleep_hours: filled,
      poop_count: filled,
      pee_count: filled,
      meals: { package_g: filled, package_kcal: filled, consumed_g: filled },
    },
  });
}

/** The API's field errors beside their fields (meals included); the rest above the form. */
function problemOnForm(
  form: ReturnType<typeof useDayForm>,
  error: unknown,
  t: ReturnType<typeof useI18n>["t"],
  mealIndex?: number[],
): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error, t);
  if (error.status === 409) return t("activity.form.duplicate");
  const errors: Record<string, string> = mealFieldErrors(error.fieldErrors, mealIndex);
  for (const { field, reason } of error.fieldErrors) {
    if (TOP_FIELDS.includes(field)) errors[field] = reason;
  }
  form.setErrors(errors);
  const placed = Object.keys(errors).length;
  return placed > 0 && placed === error.fieldErrors.length ? null : errorMessage(error, t);
}

function DayForm({
  petId,
  date,
  record,
  weightKg,
}: {
  petId: string;
  date: string;
  record: Activity | null;
  weightKg: number | null | undefined;
}) {
  const { t, calendarDate } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Activity | null>(record);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const form = useDayForm(record ? dayValuesOf(record) : newDayValues(weightKg));
  // Which form meal each meal change of the last PATCH came from (its errors are by change).
  const mealIndex = useRef<number[] | undefined>(undefined);

  const done = async (result: Activity) => {
    queryClient.setQueryData(activityKeys.day(petId, date), result);
    await queryClient.invalidateQueries({ queryKey: activityKeys.all(petId) });
    setSaved(result);
    form.setValues(dayValuesOf(result));
    form.resetDirty(dayValuesOf(result));
    notify(t, { color: "green", message: t("activity.form.saved") });
  };
  const save = useMutation({
    mutationFn: async (values: DayValues) => {
      const path = { pet_id: petId, date };
      if (!saved) {
        mealIndex.current = undefined;
        return data(
          await api.POST("/api/v1/pets/{pet_id}/activities", {
            params: { path: { pet_id: petId } },
            body: createBody(date, values),
          }),
        );
      }
      const patch = patchBody(dayValuesOf(saved), values);
      mealIndex.current = patch.mealIndex;
      return data(
        await api.PATCH("/api/v1/pets/{pet_id}/activities/{date}", {
          params: { path },
          body: patch.body,
        }),
      );
    },
    onSuccess: done,
    onError: (error) => setMessage(problemOnForm(form, error, t, mealIndex.current)),
  });
  const remove = useMutation({
    // 204: no body to read (failures have thrown already).
    mutationFn: async () => {
      await api.DELETE("/api/v1/pets/{pet_id}/activities/{date}", {
        params: { path: { pet_id: petId, date } },
      });
    },
    onSuccess: async () => {
      queryClient.setQueryData(activityKeys.day(petId, date), null);
      await queryClient.invalidateQueries({ queryKey: activityKeys.all(petId) });
      notify(t, { color: "green", message: t("activity.form.deleted") });
      navigate(`/health?pet=${petId}&day=${date}`);
    },
  });

  return (
    <Stack>
      {saved ? <CaloriesCard record={saved} /> : null}
      <Card withBorder padding="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setMessage(null);
            save.mutate(values);
          })}
        >
          <Stack>
            <DayFields form={form} />
            <FormAlert message={message} />
            <Group justify="flex-end">
              <Button component={Link} to={`/health?pet=${petId}&day=${date}`} variant="default">
                {t("activity.form.back")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {saved ? (
        <Group justify="flex-end">
          <Button color="red" variant="subtle" onClick={() => setConfirming(true)}>
            {t("activity.form.delete")}
          </Button>
          <ConfirmModal
            opened={confirming}
            title={t("activity.form.delete.title")}
            body={t("activity.form.delete.body", { date: calendarDate(date) })}
            confirmLabel={t("activity.form.delete")}
            onConfirm={() => remove.mutate()}
            onClose={() => setConfirming(false)}
            pending={remove.isPending}
            error={remove.error ? errorMessage(remove.error, t) : null}
            danger
          />
        </Group>
      ) : null}
    </Stack>
  );
}

/** A day's record: written the first time, edited after (`/health/:petId/:date`). */
export function DayPage() {
  const { petId = "", date = "" } = useParams();
  const { t, calendarDate } = useI18n();
  const valid = isIsoDay(date) && date <= todayInKorea();
  const pet = usePet(petId);
  const record = useDay(petId, valid ? date : "");
  if (!valid) {
    return (
      <Stack maw={720} mx="auto">
        <PageTitle>{t("activity.title")}</PageTitle>
        <Alert color="yellow">{t("activity.day.future")}</Alert>
        <Anchor component={Link} to="/health">
          {t("activity.form.back")}
        </Anchor>
      </Stack>
    );
  }
  if (pet.isPending || record.isPending) return <PageSkeleton />;
  const title = t(record.data ? "activity.form.edit" : "activity.form.new", {
    date: calendarDate(date),
  });
  return (
    <Stack maw={720} mx="auto" w="100%">
      <PageTitle>{title}</PageTitle>
      {pet.isError || record.isError ? (
        <QueryError
          error={pet.error ?? record.error}
          onRetry={() => void Promise.all([pet.refetch(), record.refetch()])}
        />
      ) : (
        <DayForm
          key={record.data?.id ?? "new"}
          petId={petId}
          date={date}
          record={record.data}
          weightKg={pet.data.weight_kg}
        />
      )}
    </Stack>
  );
}
