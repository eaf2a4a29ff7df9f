import {
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { todayInKorea } from "./age";
import { BreedInput } from "./BreedInput";
import { SEXES, SPECIES } from "./types";
import type { PetForm } from "./usePetForm";

/** Every field POST/PATCH /api/v1/pets takes, named as the API names them. */
export function PetFields({ form, speciesLocked }: { form: PetForm; speciesLocked?: boolean }) {
  const { t } = useI18n();
  const { values } = form;
  return (
    <Stack>
      <TextInput
        label={t("pets.field.name")}
        required
        maxLength={30}
        autoComplete="off"
        {...form.getInputProps("name")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t("pets.field.species")}
          required
          disabled={speciesLocked}
          description={speciesLocked ? t("pets.form.speciesLocked") : undefined}
          data={[
            { value: "", label: t("pets.field.speciesPlaceholder") },
            ...SPECIES.map((s) => ({ value: s, label: t(`pets.species.${s}` as MessageKey) })),
          ]}
          {...form.getInputProps("species")}
        />
        <BreedInput
          label={t("pets.field.breed")}
          description={t("pets.field.breedHint")}
          placeholder={t("pets.field.breedPlaceholder")}
          species={values.species || null}
          {...form.getInputProps("breed")}
          value={values.breed}
        />
      </SimpleGrid>
      <Radio.Group label={t("pets.field.sex")} {...form.getInputProps("sex")}>
        <Group gap="lg" mt={6}>
          {SEXES.map((sex) => (
            <Radio key={sex} value={sex} label={t(`pets.sex.${sex}` as MessageKey)} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox
        label={t("pets.field.neutered")}
        {...form.getInputProps("neutered", { type: "checkbox" })}
      />
      <Radio.Group label={t("pets.field.ageMode")} {...form.getInputProps("age_mode")}>
        <Group gap="lg" mt={6}>
          <Radio value="birth" label={t("pets.field.ageMode.birth")} />
          <Radio value="approx" label={t("pets.field.ageMode.approx")} />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {values.age_mode === "birth" ? (
          <TextInput
            type="date"
            label={t("pets.field.birthDate")}
            max={todayInKorea()}
            {...form.getInputProps("birth_date")}
          />
        ) : (
          <NumberInput
            label={t("pets.field.approxAge")}
            description={t("pets.field.approxAgeHint")}
            min={0}
            max={600}
            allowDecimal={false}
            allowNegative={false}
            suffix={t("pets.field.monthsSuffix")}
            {...form.getInputProps("approx_age_months")}
          />
        )}
        <NumberInput
          label={t("pets.field.weight")}
          min={0.1}
          max={120}
          step={0.1}
          decimalScale={1}
          allowNegative={false}
          suffix=" kg"
          {...form.getInputProps("weight_kg")}
        />
      </SimpleGrid>
      <TagsInput
        label={t("pets.field.tags")}
        description={t("pets.field.tagsHint")}
        maxTags={10}
        splitChars={[",", "#"]}
        {...form.getInputProps("personality_tags")}
      />
      <Textarea
        label={t("pets.field.intro")}
        autosize
        minRows={3}
        maxLength={500}
        {...form.getInputProps("intro")}
      />
    </Stack>
  );
}
