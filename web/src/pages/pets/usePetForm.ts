import { useForm } from "@mantine/form";

import { useI18n } from "../../i18n/useI18n";
import { required } from "../../lib/validators";
import { todayInKorea } from "./age";
import type { PetFormValues } from "./petForm";
import type { KnownReasons } from "../../lib/formProblem";

/** What a refusal (409) of a pet's field means. */
export const PET_CONFLICTS: KnownReasons = {
  name: "pets.problem.nameTaken",
  species: "pets.form.speciesLocked",
};

/** The pet form with the checks that save a round trip (the API checks everything again). */
export function usePetForm(initialValues: PetFormValues) {
  const { t } = useI18n();
  return useForm<PetFormValues>({
    initialValues,
    validate: {
      name: required(t),
      species: (value) => (value ? null : t("pets.form.speciesRequired")),
      birth_date: (value, values) =>
        values.age_mode === "birth" && value && value > todayInKorea()
          ? t("pets.form.birthDateFuture")
          : null,
    },
  });
}

export type PetForm = ReturnType<typeof usePetForm>;
