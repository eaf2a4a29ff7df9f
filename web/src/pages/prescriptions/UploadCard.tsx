import {
  Anchor,
  Button,
  Card,
  FileButton,
  Progress,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { ApiError } from "../../api/problem";
import { useI18n } from "../../i18n/useI18n";
import type { MessageKey } from "../../i18n/ko";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { IMAGE_TYPES, imageProblem, uploadFile } from "../../lib/upload";
import type { Pet } from "../pets/types";
import { prescriptionKeys } from "./queries";
import type { Prescription } from "./types";

// What the API says about a photo it refused (it checks the content, not the name).
const REFUSALS: Record<number, MessageKey> = {
  413: "prescriptions.upload.tooLarge",
  415: "prescriptions.upload.wrongType",
  422: "prescriptions.upload.damaged",
  429: "prescriptions.upload.busy",
};

function refusal(error: unknown, t: (key: MessageKey) => string): string {
  if (error instanceof ApiError && REFUSALS[error.status]) {
    // A 422 naming the pet is about the choice, not the photo.
    const aboutPet = error.fieldErrors.some((e) => e.field === "pet_id");
    if (!aboutPet) return t(REFUSALS[error.status]!);
  }
  return errorMessage(error, t);
}

/** Choose a pet and a photo; the photo uploads at once and the page of its draft opens. */
export function UploadCard({ pets }: { pets: readonly Pet[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [petId, setPetId] = useState<string | null>(pets.length === 1 ? pets[0]!.id : null);
  const [petError, setPetError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const upload = useMutation({
    mutationFn: ({ file, pet }: { file: File; pet: string }) =>
      uploadFile<Prescription>({
        method: "POST",
        path: `/api/v1/prescriptions?pet_id=${encodeURIComponent(pet)}`,
        file,
        onProgress: setProgress,
      }),
    onSuccess: (created) => {
      queryClient.setQueryData(prescriptionKeys.one(created.id), created);
      void queryClient.invalidateQueries({ queryKey: prescriptionKeys.list() });
      notify(t, { color: "green", message: t("prescriptions.upload.done") });
      void navigate(`/prescriptions/${created.id}`);
    },
    onError: (e) => setError(refusal(e, t)),
    onSettled: () => setProgress(null),
  });

  const pick = (file: File | null) => {
    if (!file) return;
    if (!petId) {
      setPetError(t("prescriptions.upload.petRequired"));
      return;
    }
    const problem = imageProblem(file);
    if (problem) {
      setError(
        t(problem === "type" ? "prescriptions.upload.wrongType" : "prescriptions.upload.tooLarge"),
      );
      return;
    }
    setError(null);
    upload.mutate({ file, pet: petId });
  };

  if (pets.length === 0) {
    return (
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("prescriptions.upload.title")}
          </Title>
          <Text size="sm">{t("prescriptions.upload.noPets")}</Text>
          <Anchor component={Link} to="/pets/new" fw={600}>
            {t("prescriptions.upload.addPet")}
          </Anchor>
        </Stack>
      </Card>
    );
  }

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("prescriptions.upload.title")}
        </Title>
        <Select
          label={t("prescriptions.upload.pet")}
          placeholder={t("prescriptions.upload.petPlaceholder")}
          data={pets.map((p) => ({ value: p.id, label: p.name }))}
          value={petId}
          onChange={(value) => {
            setPetId(value);
            setPetError(null);
          }}
          error={petError}
          allowDeselect={false}
          maw={360}
        />
        <FileButton onChange={pick} accept={IMAGE_TYPES.join(",")}>
          {(props) => (
            <Button
              {...props}
              loading={upload.isPending}
              w="fit-content"
              aria-describedby="prescription-photo-hint"
            >
              {t("prescriptions.upload.choose")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" id="prescription-photo-hint">
          {t("prescriptions.upload.hint")}
        </Text>
        {progress !== null ? (
          <Stack gap={4}>
            <Progress.Root size="md">
              <Progress.Section
                value={progress}
                aria-label={t("prescriptions.upload.progressLabel")}
                animated
              />
            </Progress.Root>
            <Text size="xs" c="dimmed" aria-live="polite">
              {t("prescriptions.upload.progress", { percent: progress })}
            </Text>
          </Stack>
        ) : null}
        {error ? (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
