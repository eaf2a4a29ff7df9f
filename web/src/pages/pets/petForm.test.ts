import { describe, expect, it } from "vitest";

import { EMPTY_PET, petBody, valuesOf } from "./petForm";
import type { Pet } from "./types";

const PET: Pet = {
  id: "p1",
  owner_user_id: "u1",
  name: "보리",
  species: "DOG",
  breed: "말티즈 (Maltese)",
  sex: "FEMALE",
  neutered: true,
  birth_date: "2021-04-01",
  approx_age_months: null,
  weight_kg: 3.4,
  personality_tags: ["활발함"],
  intro: "산책을 좋아해요",
  image: null,
  instagram_account_id: null,
  instagram_username: null,
  petstar_status: "NONE",
  followers_count: 0,
  engagement_rate: 0,
  created_at: null,
  updated_at: null,
};

describe("petBody", () => {
  it("sends the birth date and clears the estimate when the birth date is known", () => {
    const body = petBody({ ...valuesOf(PET), approx_age_months: 30 });
    expect(body.birth_date).toBe("2021-04-01");
    expect(body.approx_age_months).toBeNull();
  });

  it("sends the estimate and clears the birth date when only the age is known", () => {
    const body = petBody({ ...valuesOf(PET), age_mode: "approx", approx_age_months: 24 });
    expect(body.birth_date).toBeNull();
    expect(body.approx_age_months).toBe(24);
  });

  it("turns empty numbers into null (which clears them) and trims text", () => {
    const body = petBody({
      ...EMPTY_PET,
      name: "  콩이 ",
      species: "CAT",
      breed: " 코숏 ",
      weight_kg: "",
      personality_tags: [" 느긋함 ", " "],
      intro: " 안녕 ",
    });
    expect(body).toEqual({
      name: "콩이",
      species: "CAT",
      breed: "코숏",
      sex: "UNKNOWN",
      neutered: false,
      birth_date: null,
      approx_age_months: null,
      weight_kg: null,
      personality_tags: ["느긋함"],
      intro: "안녕",
    });
  });

  it("reads a number typed as text", () => {
    expect(petBody({ ...valuesOf(PET), weight_kg: "4.2" }).weight_kg).toBe(4.2);
  });
});

describe("valuesOf", () => {
  it("picks the estimate mode for a pet with only an approximate age", () => {
    const values = valuesOf({ ...PET, birth_date: null, approx_age_months: 18, weight_kg: null });
    expect(values.age_mode).toBe("approx");
    expect(values.approx_age_months).toBe(18);
    expect(values.birth_date).toBe("");
    expect(values.weight_kg).toBe("");
  });

  it("defaults to the birth date mode when neither is known", () => {
    expect(valuesOf({ ...PET, birth_date: null }).age_mode).toBe("birth");
  });
});
