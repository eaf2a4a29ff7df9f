// The pet form's values and the API bodies made from them (pure, so Vitest checks them).
import type { Pet, PetIn, Sex, Species } from "./types";

/** A pet's age is known by birth date, or estimated in months (the API takes one or the other). */
export type AgeMode = "birth" | "approx";

export interface PetFormValues {
  name: string;
  species: Species | "";
  breed: string;
  sex: Sex;
  neutered: boolean;
  age_mode: AgeMode;
  birth_date: string;
  approx_age_months: number | string;
  weight_kg: number | string;
  personality_tags: string[];
  intro: string;
}

export const EMPTY_PET: PetFormValues = {
  name: "",
  species: "",
  breed: "",
  sex: "UNKNOWN",
  neutered: false,
  age_mode: "birth",
  birth_date: "",
  approx_age_months: "",
  weight_kg: "",
  personality_tags: [],
  intro: "",
};

export function valuesOf(pet: Pet): PetFormValues {
  return {
    name: pet.name,
    species: pet.species,
    breed: pet.breed,
    sex: pet.sex,
    neutered: pet.neutered,
    age_mode: !pet.birth_date && pet.approx_age_months !== null ? "approx" : "birth",
    birth_date: pet.birth_date ?? "",
    approx_age_months: pet.approx_age_months ?? "",
    weight_kg: pet.weight_kg ?? "",
    personality_tags: pet.personality_tags,
    intro: pet.intro,
  };
}

/** A number input's value as a number, or null when empty or not a number. */
function numberOrNull(value: number | string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const text = value.trim();
  if (!text) return null;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * The body of POST /pets and PATCH /pets/{id} (PATCH changes every field it names: empty
 * birth date, age and weight are sent as null, which clears them). Only the chosen way of
 * giving the age is sent; the other is cleared.
 */
export function petBody(values: PetFormValues): PetIn & { species: Species } {
  if (!values.species) throw new Error("species is required (the form validates it)");
  const byBirth = values.age_mode === "birth";
  return {
    name: values.name.trim(),
    species: values.species,
    breed: values.breed.trim(),
    sex: values.sex,
    neutered: values.neutered,
    birth_date: byBirth && values.birth_date ? values.birth_date : null,
    approx_age_months: byBirth ? null : numberOrNull(values.approx_age_months),
    weight_kg: numberOrNull(values.weight_kg),
    personality_tags: values.personality_tags.map((tag) => tag.trim()).filter(Boolean),
    intro: values.intro.trim(),
  };
}
