import { Button, Card, Group, Stack } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { api, data } from "../../api/client";
import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { DeletePetButton } from "./DeletePetButton";
import { notify } from "../../lib/notify";
import { PetFields } from "./PetFields";
import { PetLoadError } from "./PetLoadError";
import { petBody, type PetFormValues, valuesOf } from "./petForm";
import { PetPictureEditor } from "./PetPictureEditor";
import { formProblem } from "../../lib/formProblem";
import { petKeys, usePet } from "./queries";
import type { Pet } from "./types";
import { PET_CONFLICTS, usePetForm } from "./usePetForm";

function EditForm({ pet }: { pet: Pet }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = usePetForm(valuesOf(pet));
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (values: PetFormValues) =>
      data(
        await api.PATCH("/api/v1/pets/{pet_id}", {
          params: { path: { pet_id: pet.id } },
          body: petBody(values),
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(petKeys.pet(pet.id), saved);
      await queryClient.invalidateQueries({ queryKey: petKeys.list() });
      notify(t, { color: "green", message: t("pets.form.saved") });
      navigate(`/pets/${pet.id}`);
    },
    onError: (error) =>
      setMessage(formProblem(form, error, t, { known: PET_CONFLICTS, knownStatus: 409 })),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        save.mutate(values);
      })}
    >
      <Stack>
        <PetFields form={form} speciesLocked={pet.petstar_status === "APPROVED"} />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button component={Link} to={`/pets/${pet.id}`} variant="default">
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PetEditPage() {
  const { petId = "" } = useParams();
  const { t } = useI18n();
  const pet = usePet(petId);
  if (pet.isPending) return <PageSkeleton />;
  return (
    <Stack maw={720} mx="auto">
      <PageTitle>{t("pets.edit.title")}</PageTitle>
      {pet.isError ? (
        <PetLoadError error={pet.error} onRetry={() => void pet.refetch()} />
      ) : (
        <>
          <Card withBorder padding="lg">
            <PetPictureEditor pet={pet.data} />
          </Card>
          <Card withBorder padding="lg">
            <EditForm pet={pet.data} />
          </Card>
          <Group justify="flex-end">
            <DeletePetButton pet={pet.data} />
          </Group>
        </>
      )}
    </Stack>
  );
}
