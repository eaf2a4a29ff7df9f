import {
  ActionIcon,
  Button,
  Chip,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";

import { useI18n } from "../../i18n/useI18n";
import { frequencyLabel, kindLabel, leadLabel, subTypeLabel, weekdayLabel } from "./labels";
import {
  FREQUENCIES,
  KINDS,
  LEADS,
  MAX_TIMES,
  SUB_TYPES,
  WEEKDAYS,
  type EndMode,
  type ScheduleFormValues,
} from "./rules";
import type { Frequency, ScheduleKind } from "./types";

export type ScheduleForm = UseFormReturnType<ScheduleFormValues>;

interface Props {
  form: ScheduleForm;
  /** "This and following": the series starts at the chosen occurrence's date. */
  startLocked?: boolean;
}

function TimesField({ form }: { form: ScheduleForm }) {
  const { t } = useI18n();
  const { times } = form.values;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="times-label">
        {t("schedules.field.times")}
      </Text>
      {times.map((_, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            type="time"
            aria-label={t("schedules.field.timeN", { n: i + 1 })}
            style={{ flex: 1 }}
            {...form.getInputProps(`times.${i}`)}
          />
          {times.length > 1 && (
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("schedules.field.removeTime", { n: i + 1 })}
              onClick={() => form.removeListItem("times", i)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {form.errors.times && (
        <Text size="xs" c="red.8" role="alert">
          {form.errors.times}
        </Text>
      )}
      {times.length < MAX_TIMES && (
        <Button
          variant="light"
          size="compact-sm"
          w="fit-content"
          onClick={() => form.insertListItem("times", "12:00")}
        >
          {t("schedules.field.addTime")}
        </Button>
      )}
    </Stack>
  );
}

function RecurrenceFields({ form, startLocked }: Props) {
  const { t } = useI18n();
  const v = form.values;
  const repeats = v.frequency !== "NONE";
  const course = v.kind === "MEDICATION" && v.duration_days > 0;
  return (
    <Fieldset legend={t("schedules.field.when")}>
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t("schedules.field.startDate")}
          required
          disabled={startLocked}
          {...form.getInputProps("start_date")}
        />
        <TimesField form={form} />
        <NativeSelect
          label={t("schedules.field.frequency")}
          data={FREQUENCIES.map((f) => ({ value: f, label: t(frequencyLabel(f)) }))}
          {...form.getInputProps("frequency")}
          onChange={(e) => form.setFieldValue("frequency", e.currentTarget.value as Frequency)}
        />
        {repeats && (
          <NumberInput
            label={t("schedules.field.interval")}
            // Shown only for a repeating schedule (repeats: frequency is not NONE).
            description={t(
              `schedules.field.intervalHint.${v.frequency as Exclude<Frequency, "NONE">}`,
            )}
            min={1}
            max={99}
            allowDecimal={false}
            {...form.getInputProps("interval")}
          />
        )}
        {v.frequency === "WEEKLY" && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("schedules.field.weekdays")}
            </Text>
            <Chip.Group multiple {...form.getInputProps("weekdays")}>
              <Group gap={4} role="group" aria-label={t("schedules.field.weekdays")}>
                {WEEKDAYS.map((d) => (
                  <Chip key={d} value={d} size="sm">
                    {t(weekdayLabel(d))}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Text size="xs" c={form.errors.weekdays ? "red.8" : "dimmed"}>
              {form.errors.weekdays ?? t("schedules.field.weekdaysHint")}
            </Text>
          </Stack>
        )}
        {v.frequency === "MONTHLY" && (
          <NativeSelect
            label={t("schedules.field.monthDay")}
            data={[
              { value: "0", label: t("schedules.field.monthDay.start") },
              ...Array.from({ length: 31 }, (_, i) => ({
                value: String(i + 1),
                label: t("schedules.field.monthDay.n", { n: i + 1 }),
              })),
              { value: "-1", label: t("schedules.field.monthDay.last") },
            ]}
            value={String(v.month_day)}
            onChange={(e) => form.setFieldValue("month_day", Number(e.currentTarget.value))}
            error={form.errors.month_day}
          />
        )}
        {repeats && !course && (
          <Stack gap={6}>
            <Text size="sm" fw={500} id="end-mode">
              {t("schedules.field.ends")}
            </Text>
            <SegmentedControl
              aria-labelledby="end-mode"
              data={(["never", "until", "count"] as const).map((m) => ({
                value: m,
                label: t(`schedules.field.ends.${m}`),
              }))}
              {...form.getInputProps("end_mode")}
              onChange={(m) => form.setFieldValue("end_mode", m as EndMode)}
            />
            {v.end_mode === "until" && (
              <TextInput
                type="date"
                label={t("schedules.field.endDate")}
                {...form.getInputProps("end_date")}
              />
            )}
            {v.end_mode === "count" && (
              <NumberInput
                label={t("schedules.field.count")}
                min={1}
                max={999}
                allowDecimal={false}
                {...form.getInputProps("count")}
              />
            )}
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
}

/** The schedule form's fields (the API's names, so its errors land beside them). */
export function ScheduleFields({ form, startLocked }: Props) {
  const { t } = useI18n();
  const v = form.values;
  return (
    <Stack>
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label={t("schedules.field.kind")}
          miw={140}
          data={KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))}
          {...form.getInputProps("kind")}
          onChange={(e) => {
            const kind = e.currentTarget.value as ScheduleKind;
            form.setFieldValue("kind", kind);
            form.setFieldValue("sub_type", SUB_TYPES[kind][0]!);
          }}
        />
        <NativeSelect
          label={t("schedules.field.subType")}
          miw={140}
          data={SUB_TYPES[v.kind].map((s) => ({ value: s, label: t(subTypeLabel(s)) }))}
          {...form.getInputProps("sub_type")}
        />
      </Group>
      <TextInput
        label={t("schedules.field.title")}
        placeholder={t("schedules.field.titlePlaceholder")}
        required
        maxLength={100}
        {...form.getInputProps("title")}
      />
      {v.kind === "MEDICATION" && (
        <Fieldset legend={t("schedules.field.medication")}>
          <Stack gap="sm">
            <TextInput
              label={t("schedules.field.medicationName")}
              required
              maxLength={100}
              {...form.getInputProps("medication_name")}
            />
            <TextInput
              label={t("schedules.field.dosage")}
              placeholder={t("schedules.field.dosagePlaceholder")}
              maxLength={50}
              {...form.getInputProps("dosage")}
            />
            <NumberInput
              label={t("schedules.field.durationDays")}
              description={t("schedules.field.durationHint")}
              min={0}
              max={365}
              allowDecimal={false}
              {...form.getInputProps("duration_days")}
            />
            <Text size="sm" c="dimmed">
              {t("schedules.field.dosesPerDay", { n: v.times.length })}
            </Text>
          </Stack>
        </Fieldset>
      )}
      <RecurrenceFields form={form} startLocked={startLocked} />
      <Fieldset legend={t("schedules.field.reminder")}>
        <Stack gap="sm">
          <Switch
            label={t("schedules.field.reminderEnabled")}
            {...form.getInputProps("reminder_enabled", { type: "checkbox" })}
          />
          <NativeSelect
            label={t("schedules.field.lead")}
            disabled={!v.reminder_enabled}
            data={LEADS.map((m) => ({ value: String(m), label: leadLabel(t, m) }))}
            {...form.getInputProps("reminder_lead_minutes")}
          />
        </Stack>
      </Fieldset>
      <Textarea
        label={t("schedules.field.memo")}
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps("memo")}
      />
    </Stack>
  );
}
