import { Button } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";

import { api } from "../../api/client";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { prescriptionKeys } from "./queries";
import type { Prescription } from "./types";

/** Delete the prescription and its photo, after an "are you sure?". */
export function DeletePrescription({ prescription }: { prescription: Prescription }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const remove = useMutation({
    mutationFn: async () => {
      await api.DELETE("/api/v1/prescriptions/{prescription_id}", {
        params: { path: { prescription_id: prescription.id } },
      });
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: prescriptionKeys.one(prescription.id) });
      void queryClient.invalidateQueries({ queryKey: prescriptionKeys.list() });
      notify(t, { color: "green", message: t("prescriptions.delete.done") });
      void navigate("/prescriptions");
    },
  });
  return (
    <>
      <Button
        variant="outline"
        color="red.9"
        w="fit-content"
        onClick={() => {
          remove.reset();
          setOpened(true);
        }}
      >
        {t("prescriptions.delete.button")}
      </Button>
      <ConfirmModal
        opened={opened}
        title={t("prescriptions.delete.title")}
        body={t(
          prescription.status === "CONFIRMED"
            ? "prescriptions.delete.bodyConfirmed"
            : "prescriptions.delete.body",
        )}
        confirmLabel={t("prescriptions.delete.confirm")}
        onConfirm={() => remove.mutate()}
        onClose={() => setOpened(false)}
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error, t) : null}
        danger
      />
    </>
  );
}
