import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import type { Activity } from "./types";

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** The calories the service computed for a day (never typed in by the owner). */
export function CaloriesCard({ record }: { record: Activity }) {
  const { t, number } = useI18n();
  const id = useId();
  const kcal = (value: number) => t("activity.kcal", { kcal: number(value) });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id}>
        {t("activity.calories.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("activity.calories.hint")}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <Fact label={t("activity.calories.burnActual")} value={kcal(record.burn_actual_kcal)} />
        <Fact
          label={t("activity.calories.burnRecommended")}
          value={kcal(record.burn_recommended_kcal)}
        />
        <Fact label={t("activity.calories.intake")} value={kcal(record.intake_kcal)} />
        <Fact
          label={t("activity.calories.intakeRecommended")}
          value={kcal(record.intake_recommended_kcal)}
        />
      </SimpleGrid>
    </Card>
  );
}

/** A day's record at a glance: the facts, the meals and the computed calories. */
export function DaySummary({ record }: { record: Activity }) {
  const { t, number } = useI18n();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="sm">
        <Fact
          label={t("activity.summary.walk")}
          value={t("activity.km", { km: number(record.walk_km) })}
        />
        <Fact
          label={t("activity.summary.level")}
          value={t(`activity.level.${record.activity_level}` as MessageKey)}
        />
        <Fact
          label={t("activity.summary.weight")}
          value={t("activity.kg", { kg: number(record.weight_kg) })}
        />
        <Fact
          label={t("activity.summary.sleep")}
          value={t("activity.hours", { hours: number(record.sleep_hours) })}
        />
        <Fact
          label={t("activity.summary.excretion")}
          value={t("activity.summary.excretionValue", {
            poop: record.poop_count,
            pee: record.pee_count,
          })}
        />
      </SimpleGrid>
      {record.meals.length > 0 ? (
        <div>
          <Text size="xs" c="dimmed">
            {t("activity.summary.meals")}
          </Text>
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {record.meals.map((meal) => (
              <Text component="li" key={meal.id} size="sm">
                {t("activity.summary.mealValue", {
                  type: t(`activity.meal.${meal.meal_type}` as MessageKey),
                  food: meal.food,
                  grams: number(meal.consumed_g),
                  kcal: number(meal.consumed_kcal),
                })}
              </Text>
            ))}
          </Stack>
        </div>
      ) : null}
      {record.memo ? (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {record.memo}
        </Text>
      ) : null}
      <CaloriesCard record={record} />
    </Stack>
  );
}
