import {
  ActionIcon,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { type DayValues, emptyMeal, LEVELS, MEAL_TYPES } from "./rules";

export type DayForm = UseFormReturnType<DayValues>;

/** The meals of the day: each added, changed or removed here, saved with the record. */
function MealsFields({ form }: { form: DayForm }) {
  const { t } = useI18n();
  const meals = form.values.meals;
  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {t("activity.form.meals")}
      </Title>
      {meals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("activity.form.meals.empty")}
        </Text>
      ) : null}
      {meals.map((meal, index) => {
        const n = index + 1;
        return (
          <Card
            key={meal.id || `new-${index}`}
            withBorder
            padding="sm"
            component="fieldset"
            aria-label={t("activity.form.meals.item", { n })}
            m={0}
          >
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t("activity.form.meals.item", { n })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("activity.form.meals.remove", { n })}
                onClick={() => form.removeListItem("meals", index)}
              >
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NativeSelect
                label={t("activity.field.meal_type")}
                data={MEAL_TYPES.map((m) => ({
                  value: m,
                  label: t(`activity.meal.${m}` as MessageKey),
                }))}
                {...form.getInputProps(`meals.${index}.meal_type`)}
              />
              <TextInput
                label={t("activity.field.food")}
                placeholder={t("activity.field.food.placeholder")}
                maxLength={50}
                {...form.getInputProps(`meals.${index}.food`)}
              />
              <NumberInput
                label={t("activity.field.package_g")}
                description={t("activity.field.package_g.hint")}
                required
                min={0.1}
                max={100000}
                decimalScale={1}
                {...form.getInputProps(`meals.${index}.package_g`)}
              />
              <NumberInput
                label={t("activity.field.package_kcal")}
                description={t("activity.field.package_kcal.hint")}
                required
                min={0}
                max={100000}
                decimalScale={1}
                {...form.getInputProps(`meals.${index}.package_kcal`)}
              />
              <NumberInput
                label={t("activity.field.consumed_g")}
                required
                min={0.1}
                max={100000}
                decimalScale={1}
                {...form.getInputProps(`meals.${index}.consumed_g`)}
              />
            </SimpleGrid>
          </Card>
        );
      })}
      <Button
        variant="light"
        onClick={() =>
          form.insertListItem("meals", emptyMeal(meals.length === 0 ? "BREAKFAST" : "DINNER"))
        }
        disabled={meals.length >= 12}
        w="fit-content"
      >
        {t("activity.form.meals.add")}
      </Button>
    </Stack>
  );
}

/** Every field of a day's record, named as the API names them. */
export function DayFields({ form }: { form: DayForm }) {
  const { t } = useI18n();
  return (
    <Stack>
      <Title order={2} fz="h4">
        {t("activity.form.basics")}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NumberInput
          label={t("activity.field.walk_km")}
          required
          min={0}
          max={100}
          decimalScale={2}
          {...form.getInputProps("walk_km")}
        />
        <NativeSelect
          label={t("activity.field.activity_level")}
          required
          data={LEVELS.map((level) => ({
            value: level,
            label: t(`activity.level.${level}` as MessageKey),
          }))}
          {...form.getInputProps("activity_level")}
        />
        <NumberInput
          label={t("activity.field.weight_kg")}
          required
          min={0.1}
          max={120}
          decimalScale={1}
          {...form.getInputProps("weight_kg")}
        />
        <NumberInput
          label={t("activity.field.sleep_hours")}
          required
          min={0}
          max={24}
          decimalScale={1}
          {...form.getInputProps("sleep_hours")}
        />
        <NumberInput
          label={t("activity.field.poop_count")}
          required
          min={0}
          max={50}
          allowDecimal={false}
          {...form.getInputProps("poop_count")}
        />
        <NumberInput
          label={t("activity.field.pee_count")}
          required
          min={0}
          max={50}
          allowDecimal={false}
          {...form.getInputProps("pee_count")}
        />
      </SimpleGrid>
      <Textarea
        label={t("activity.field.memo")}
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps("memo")}
      />
      <MealsFields form={form} />
    </Stack>
  );
}
