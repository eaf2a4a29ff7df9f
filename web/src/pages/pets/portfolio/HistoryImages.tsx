import { ActionIcon, Button, FileButton, Group, Image, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../../api/client";
import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { notify } from "../../../lib/notify";
import { petKeys } from "../queries";
import { type HistoryEntry, type Portfolio, pictureUrl } from "../types";
import { moveItem } from "./reorder";
import { IMAGE_TYPES } from "../../../lib/upload";
import { UploadProgress } from "../UploadProgress";
import { pickProblem, uploadErrorMessage, useImageUpload, usePickedImage } from "../useImageUpload";

export const HISTORY_IMAGES_MAX = 10;

/** An entry's pictures: each removable, dragged (or moved with its arrow buttons, for the
 * keyboard) into the order the owner wants, and one more at a time (up to ten), with
 * progress. The first picture is the entry's cover. */
export function HistoryImages({ petId, entry }: { petId: string; entry: HistoryEntry }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const picked = usePickedImage();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: petKeys.portfolio(petId) });

  const upload = useImageUpload<HistoryEntry>(
    () => ({ method: "POST", path: `/api/v1/pets/${petId}/history/${entry.id}/images` }),
    async () => {
      await refresh();
      picked.pick(null);
      notify(t, { color: "green", message: t("pets.picture.uploaded") });
    },
  );
  const remove = useMutation({
    mutationFn: async (mediaId: string) =>
      data(
        await api.DELETE("/api/v1/pets/{pet_id}/history/{history_id}/images/{media_id}", {
          params: { path: { pet_id: petId, history_id: entry.id, media_id: mediaId } },
        }),
      ),
    onSuccess: refresh,
    onError: (e) => setError(errorMessage(e, t)),
  });
  // Shown in the new order at once; the server's answer (or a refetch after an error) wins.
  const reorder = useMutation({
    mutationFn: async (mediaIds: string[]) =>
      data(
        await api.PUT("/api/v1/pets/{pet_id}/history/{history_id}/images/order", {
          params: { path: { pet_id: petId, history_id: entry.id } },
          body: { media_ids: mediaIds },
        }),
      ),
    onMutate: (mediaIds) => {
      setError(null);
      queryClient.setQueryData<Portfolio | null>(petKeys.portfolio(petId), (old) =>
        old
          ? {
              ...old,
              history: old.history.map((h) =>
                h.id === entry.id
                  ? {
                      ...h,
                      images: mediaIds.flatMap((id) =>
                        h.images.filter((image) => image.media_id === id),
                      ),
                    }
                  : h,
              ),
            }
          : old,
      );
    },
    onSuccess: () => notify(t, { color: "green", message: t("pets.history.reordered") }),
    onError: (e) => setError(errorMessage(e, t)),
    onSettled: refresh,
  });
  const [dragging, setDragging] = useState<number | null>(null);
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= entry.images.length) return;
    reorder.mutate(moveItem(entry.images, from, to).map((image) => image.media_id));
  };

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

  const full = entry.images.length >= HISTORY_IMAGES_MAX;
  return (
    <Stack gap="xs">
      {entry.images.length > 0 || picked.preview ? (
        <Group gap="xs">
          {entry.images.map((image, index) => (
            <div
              key={image.media_id}
              style={{
                position: "relative",
                cursor: "grab",
                opacity: dragging === index ? 0.5 : 1,
              }}
              draggable
              data-testid="history-image"
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = "move";
                setDragging(index);
              }}
              onDragEnd={() => setDragging(null)}
              onDragOver={(event) => {
                if (dragging !== null) event.preventDefault();
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragging !== null) move(dragging, index);
                setDragging(null);
              }}
            >
              <Image
                src={pictureUrl(image)}
                alt={t("pets.history.imageAlt", { title: entry.title, n: index + 1 })}
                w={96}
                h={96}
                fit="cover"
                radius="sm"
              />
              <ActionIcon
                variant="filled"
                color="dark"
                size="sm"
                radius="xl"
                pos="absolute"
                top={4}
                right={4}
                aria-label={t("pets.history.removeImage", { title: entry.title, n: index + 1 })}
                loading={remove.isPending && remove.variables === image.media_id}
                onClick={() => remove.mutate(image.media_id)}
              >
                ×
              </ActionIcon>
              {entry.images.length > 1 ? (
                <Group gap={4} pos="absolute" bottom={4} left={4}>
                  <ActionIcon
                    variant="filled"
                    color="dark"
                    size="sm"
                    radius="xl"
                    aria-label={t("pets.history.moveEarlier", { title: entry.title, n: index + 1 })}
                    disabled={index === 0 || reorder.isPending}
                    onClick={() => move(index, index - 1)}
                  >
                    ‹
                  </ActionIcon>
                  <ActionIcon
                    variant="filled"
                    color="dark"
                    size="sm"
                    radius="xl"
                    aria-label={t("pets.history.moveLater", { title: entry.title, n: index + 1 })}
                    disabled={index === entry.images.length - 1 || reorder.isPending}
                    onClick={() => move(index, index + 1)}
                  >
                    ›
                  </ActionIcon>
                </Group>
              ) : null}
            </div>
          ))}
          {picked.preview ? (
            <Image
              src={picked.preview}
              alt={t("pets.picture.previewAlt")}
              w={96}
              h={96}
              fit="cover"
              radius="sm"
              opacity={0.6}
            />
          ) : null}
        </Group>
      ) : null}
      {upload.progress !== null ? <UploadProgress percent={upload.progress} /> : null}
      <Group gap="xs">
        <FileButton onChange={(file) => file && pick(file)} accept={IMAGE_TYPES.join(",")}>
          {(props) => (
            <Button {...props} variant="default" size="xs" disabled={full || upload.isPending}>
              {t("pets.history.addImage")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {entry.images.length > 1 ? `${t("pets.history.reorderHint")} ` : ""}
          {full
            ? t("pets.history.imagesFull")
            : t("pets.history.imagesCount", {
                count: entry.images.length,
                max: HISTORY_IMAGES_MAX,
              })}
        </Text>
      </Group>
      {error ? (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
