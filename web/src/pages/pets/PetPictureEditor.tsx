import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { PictureField } from "./PictureField";
import { petKeys } from "./queries";
import { type Pet, pictureUrl } from "./types";
import { pickProblem, uploadErrorMessage, useImageUpload, usePickedImage } from "./useImageUpload";

/** A saved pet's picture: a picked file uploads at once (previewed while it goes). */
export function PetPictureEditor({ pet }: { pet: Pet }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const picked = usePickedImage();
  const [error, setError] = useState<string | null>(null);

  const saved = (next: Pet) => {
    queryClient.setQueryData(petKeys.pet(pet.id), next);
    void queryClient.invalidateQueries({ queryKey: petKeys.list() });
  };
  const upload = useImageUpload<Pet>(
    () => ({ method: "PUT", path: `/api/v1/pets/${pet.id}/image` }),
    (next) => {
      saved(next);
      picked.pick(null);
      notify(t, { color: "green", message: t("pets.picture.uploaded") });
    },
  );
  const remove = useMutation({
    mutationFn: async () =>
      data(
        await api.DELETE("/api/v1/pets/{pet_id}/image", { params: { path: { pet_id: pet.id } } }),
      ),
    onSuccess: (next) => {
      saved(next);
      notify(t, { color: "green", message: t("pets.picture.removed") });
    },
    onError: (e) => setError(errorMessage(e, t)),
  });

  const pick = (file: File) => {
    const problem = pickProblem(file);
    setError(problem ? t(problem) : null);
    if (problem) return;
    picked.pick(file);
    upload.mutate(file, {
      onError: (e) => {
        picked.pick(null);
        setError(uploadErrorMessage(e, t));
      },
    });
  };

  return (
    <PictureField
      name={pet.name}
      src={picked.preview ?? pictureUrl(pet.image)}
      progress={upload.progress}
      error={error}
      busy={upload.isPending || remove.isPending}
      onPick={pick}
      onRemove={pet.image ? () => remove.mutate() : undefined}
      removing={remove.isPending}
    />
  );
}
