import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect } from "react";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import {
  MAX_FOLLOWERS,
  MAX_PRICE_KRW,
  rangeInverted,
  SPECIES,
  type Filters,
  type Species,
} from "./filters";

// Form fields carry the API's names; a NumberInput's value is "" while empty.
interface PanelValues {
  species: string[];
  min_followers: number | string;
  max_followers: number | string;
  min_price_krw: number | string;
  max_price_krw: number | string;
}

const asCount = (value: number | string): number | null =>
  typeof value === "number" ? value : null;

const valuesOf = (filters: Filters): PanelValues => ({
  species: filters.species,
  min_followers: filters.min_followers ?? "",
  max_followers: filters.max_followers ?? "",
  min_price_krw: filters.min_price_krw ?? "",
  max_price_krw: filters.max_price_krw ?? "",
});

/**
 * Species, followers and price: a form applied with its button (on phones it sits in a
 * drawer, where applying on every keystroke would reload the list under the person's
 * fingers). The keyword and the sort have their own controls above the list.
 */
export function FilterPanel({
  filters,
  onApply,
}: {
  filters: Filters;
  onApply: (next: Filters) => void;
}) {
  const { t } = useI18n();
  const inverted = (min: number | string, max: number | string) =>
    rangeInverted(asCount(min), asCount(max)) ? t("petstars.filters.inverted") : null;
  const form = useForm<PanelValues>({
    initialValues: valuesOf(filters),
    // Where the API would put it too: on the upper end of the range.
    validate: {
      max_followers: (value, values) => inverted(values.min_followers, value),
      max_price_krw: (value, values) => inverted(values.min_price_krw, value),
    },
  });

  // The address changed (the back button, a link, this form applied): show what it says.
  // Not a remount, which would take the keyboard focus away from the button just pressed.
  const { setValues, clearErrors } = form;
  useEffect(() => {
    setValues(valuesOf(filters));
    clearErrors();
  }, [filters, setValues, clearErrors]);

  const apply = (values: PanelValues) =>
    onApply({
      ...filters,
      species: values.species as Species[],
      min_followers: asCount(values.min_followers),
      max_followers: asCount(values.max_followers),
      min_price_krw: asCount(values.min_price_krw),
      max_price_krw: asCount(values.max_price_krw),
    });
  const reset = () =>
    onApply({
      ...filters,
      species: [],
      min_followers: null,
      max_followers: null,
      min_price_krw: null,
      max_price_krw: null,
    });

  const count = (label: MessageKey, field: keyof PanelValues, max: number) => (
    <NumberInput
      label={t(label)}
      min={0}
      max={max}
      clampBehavior="strict"
      allowNegative={false}
      allowDecimal={false}
      thousandSeparator=","
      inputMode="numeric"
      {...form.getInputProps(field)}
    />
  );

  return (
    <form noValidate onSubmit={form.onSubmit(apply)}>
      <Stack gap="md">
        <Checkbox.Group label={t("petstars.filters.species")} {...form.getInputProps("species")}>
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs" mt="xs">
            {SPECIES.map((species) => (
              <Checkbox
                key={species}
                value={species}
                label={t(`petstars.species.${species}` as MessageKey)}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <SimpleGrid cols={2} spacing="xs">
          {count("petstars.filters.minFollowers", "min_followers", MAX_FOLLOWERS)}
          {count("petstars.filters.maxFollowers", "max_followers", MAX_FOLLOWERS)}
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="xs">
          {count("petstars.filters.minPrice", "min_price_krw", MAX_PRICE_KRW)}
          {count("petstars.filters.maxPrice", "max_price_krw", MAX_PRICE_KRW)}
        </SimpleGrid>
        <Group grow gap="xs">
          <Button variant="default" onClick={reset}>
            {t("petstars.filters.reset")}
          </Button>
          <Button type="submit">{t("petstars.filters.apply")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
