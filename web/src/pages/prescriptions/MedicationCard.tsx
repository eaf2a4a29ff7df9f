import {
  ActionIcon,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";

import { useI18n } from "../../i18n/useI18n";
import { MAX_DOSES_PER_DAY, type ReviewValues, sourceLine, timesFor } from "./rules";

type ReviewForm = UseFormReturnType<ReviewValues>;

interface Props {
  form: ReviewForm;
  index: number;
  lines: readonly string[];
}

/** One medication of the draft: each field editable, with the line it was read from. */
export function MedicationCard({ form, index, lines }: Props) {
  const { t } = useI18n();
  const at = `medications.${index}`;
  const m = form.values.medications[index]!;
  const n = index + 1;
  const from = (line: number | null) => {
    const text = sourceLine(lines, line);
    return text ? t("prescriptions.med.line", { line: text }) : undefined;
  };
  const timesError = form.errors[`${at}.times`];
  return (
    <Card withBorder padding="md" data-testid="medication">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">
            {t("prescriptions.med.heading", { n })}
          </Title>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t("prescriptions.med.remove", { n })}
            onClick={() => form.removeListItem("medications", index)}
          >
            ×
          </ActionIcon>
        </Group>
        <TextInput
          label={t("prescriptions.med.drugName")}
          description={from(m.drug_name_line)}
          maxLength={100}
          {...form.getInputProps(`${at}.drug_name`)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t("prescriptions.med.dosage")}
            description={from(m.dosage_line)}
            maxLength={50}
            {...form.getInputProps(`${at}.dosage`)}
          />
          <TextInput
            label={t("prescriptions.med.administration")}
            description={from(m.administration_line)}
            maxLength={200}
            {...form.getInputProps(`${at}.administration`)}
          />
          <NumberInput
            label={t("prescriptions.med.dosesPerDay")}
            min={1}
            max={MAX_DOSES_PER_DAY}
            allowDecimal={false}
            {...form.getInputProps(`${at}.doses_per_day`)}
            onChange={(value) => {
              const doses = typeof value === "number" ? value : "";
              form.setFieldValue(`${at}.doses_per_day`, doses);
              form.setFieldValue(`${at}.times`, timesFor(doses, m.times));
            }}
          />
          <NumberInput
            label={t("prescriptions.med.days")}
            description={from(m.days_line)}
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps(`${at}.days`)}
          />
        </SimpleGrid>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t("prescriptions.med.times")}
          </Text>
          {m.times.length ? (
            <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs">
              {m.times.map((_, j) => (
                <TextInput
                  key={j}
                  type="time"
                  aria-label={t("prescriptions.med.timeN", { n, i: j + 1 })}
                  {...form.getInputProps(`${at}.times.${j}`)}
                />
              ))}
            </SimpleGrid>
          ) : (
            <Text size="xs" c="dimmed">
              {t("prescriptions.med.timesHint")}
            </Text>
          )}
          {timesError ? (
            <Text size="xs" c="red.9" role="alert">
              {timesError}
            </Text>
          ) : null}
        </Stack>
      </Stack>
    </Card>
  );
}
