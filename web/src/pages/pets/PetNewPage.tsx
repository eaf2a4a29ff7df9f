import { Button, Card, Group, Stack } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { api, data } from "../../api/client";
import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";
import { PetFields } from "./PetFields";
import { EMPTY_PET, petBody, type PetFormValues } from "./petForm";
import { PictureField } from "./PictureField";
import { formProblem } from "../../lib/formProblem";
import { petKeys } from "./queries";
import type { Pet } from "./types";
import { uploadFile } from "../../lib/upload";
import { pickProblem, uploadErrorMessage, usePickedImage } from "./useImageUpload";
import { PET_CONFLICTS, usePetForm } from "./usePetForm";

export function PetNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = usePetForm(EMPTY_PET);
  const picture = usePickedImage();
  const [pictureError, setPictureError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async (values: PetFormValues) =>
      data(await api.POST("/api/v1/pets", { body: petBody(values) })),
    onSuccess: async (pet) => {
      queryClient.setQueryData(petKeys.pet(pet.id), pet);
      let saved: Pet = pet;
      if (picture.file) {
        try {
          saved = await uploadFile<Pet>({
            method: "PUT",
            path: `/api/v1/pets/${pet.id}/image`,
            file: picture.file,
            onProgress: setProgress,
          });
          queryClient.setQueryData(petKeys.pet(pet.id), saved);
        } catch (error) {
          // The pet exists now: its edit page is where the picture can be tried again.
          await queryClient.invalidateQueries({ queryKey: petKeys.list() });
          notify(t, {
            color: "red",
            message: t("pets.picture.failedAfterCreate", {
              reason: uploadErrorMessage(error, t),
            }),
          });
          navigate(`/pets/${pet.id}/edit`, { replace: true });
          return;
        }
      }
      await queryClient.invalidateQueries({ queryKey: petKeys.list() });
      notify(t, { color: "green", message: t("pets.form.created", { name: saved.name }) });
      navigate(`/pets/${pet.id}`, { replace: true });
    },
    onError: (error) =>
      setMessage(formProblem(form, error, t, { known: PET_CONFLICTS, knownStatus: 409 })),
  });

  const pick = (file: File) => {
    const problem = pickProblem(file);
    setPictureError(problem ? t(problem) : null);
    if (!problem) picture.pick(file);
  };

  return (
    <Stack maw={720} mx="auto">
      <PageTitle>{t("pets.new.title")}</PageTitle>
      <Card withBorder padding="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setMessage(null);
            create.mutate(values);
          })}
        >
          <Stack>
            <PictureField
              name={form.values.name}
              src={picture.preview}
              progress={progress}
              error={pictureError}
              busy={create.isPending}
              onPick={pick}
              onRemove={() => picture.pick(null)}
            />
            <PetFields form={form} />
            <FormAlert message={message} />
            <Group justify="flex-end">
              <Button component={Link} to="/pets" variant="default">
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("pets.form.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
