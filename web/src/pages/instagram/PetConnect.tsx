import { Anchor, Select, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { usePetLink } from "./queries";
import { petOf } from "./rules";
import type { Account, Pet } from "./types";
import { useNotify } from "./useNotify";

const NONE = "none";

/** Which of my pets this account belongs to (its figures count for that pet's PetStar
 * application). A pet with another account is listed but not choosable. */
export function PetConnect({ account, pets }: { account: Account; pets: readonly Pet[] }) {
  const { t } = useI18n();
  const change = usePetLink();
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const current = petOf(account.id, pets);
  if (pets.length === 0) {
    return (
      <Text size="sm">
        {t("instagram.pet.noPets")}{" "}
        <Anchor component={Link} to="/pets">
          {t("instagram.pet.addPet")}
        </Anchor>
      </Text>
    );
  }
  const options = [
    { value: NONE, label: t("instagram.pet.none") },
    ...pets.map((pet) => {
      const taken = pet.instagram_account_id && pet.instagram_account_id !== account.id;
      return {
        value: pet.id,
        label: taken
          ? t("instagram.pet.taken", { name: pet.name, username: pet.instagram_username ?? "" })
          : pet.name,
        disabled: Boolean(taken),
      };
    }),
  ];
  const choose = (value: string | null) => {
    const to = value && value !== NONE ? value : null;
    if (to === (current?.id ?? null)) return;
    setError(null);
    change.mutate(
      { accountId: account.id, from: current?.id, to },
      {
        onSuccess: () =>
          notify(
            to
              ? t("instagram.pet.connected", {
                  name: pets.find((pet) => pet.id === to)?.name ?? "",
                })
              : t("instagram.pet.disconnected"),
            "green",
          ),
        onError: (e) => setError(errorMessage(e, t)),
      },
    );
  };
  return (
    <Select
      label={t("instagram.pet.label")}
      description={t("instagram.pet.hint")}
      data={options}
      value={current?.id ?? NONE}
      onChange={choose}
      allowDeselect={false}
      disabled={change.isPending || account.status !== "LINKED"}
      error={error}
      maw={360}
    />
  );
}
