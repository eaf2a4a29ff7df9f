import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";

import { api } from "../../api/client";
import { ApiError } from "../../api/problem";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { ConfirmModal } from "../../components/ConfirmModal";
import { notify } from "../../lib/notify";
import { petKeys } from "./queries";
import type { Pet } from "./types";

/** Delete the pet after a confirmation; a pet with unfinished campaign work stays, and the
 *  dialog says why (the API names the campaigns). */
export function DeletePetButton({ pet }: { pet: Pet }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useMutation({
    mutationFn: async () => {
      await api.DELETE("/api/v1/pets/{pet_id}", { params: { path: { pet_id: pet.id } } });
    },
    onSuccess: async () => {
      close();
      notify(t, { color: "green", message: t("pets.delete.done", { name: pet.name }) });
      navigate("/pets", { replace: true });
      queryClient.removeQueries({ queryKey: petKeys.pet(pet.id) });
      await queryClient.invalidateQueries({ queryKey: petKeys.list() });
    },
  });
  // Refused while campaigns are under way: said in the reader's language, with the API's
  // reason, which names the campaigns.
  const refusal = (error: unknown) =>
    error instanceof ApiError &&
    error.status === 409 &&
    error.fieldErrors.some((e) => e.field === "pet_id")
      ? `${t("pets.delete.blocked")} (${errorMessage(error, t)})`
      : errorMessage(error, t);
  return (
    <>
      <Button
        variant="outline"
        color="red.9"
        onClick={() => {
          remove.reset();
          open();
        }}
      >
        {t("pets.delete")}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={t("pets.delete.title")}
        body={t("pets.delete.body", { name: pet.name })}
        confirmLabel={t("pets.delete.confirm")}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
        error={remove.isError ? refusal(remove.error) : null}
        danger
      />
    </>
  );
}
