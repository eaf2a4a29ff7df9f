// The post form's pictures: thumbnails in the order they will show (the first leads the
// post), each dragged into place or moved with its arrow buttons (for the keyboard),
// removable, with its upload's progress or why it failed.
import {
  ActionIcon,
  Box,
  Button,
  FileButton,
  Group,
  Image,
  Progress,
  Stack,
  Text,
} from "@mantine/core";
import { useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import { IMAGE_TYPES } from "../../lib/upload";
import { IMAGES_MAX, roomFor, type DraftImage } from "./rules";

const TILE = 96;

function Tile({
  image,
  index,
  count,
  dragging,
  onDragStart,
  onDragEnd,
  onDrop,
  onMove,
  onRemove,
}: {
  image: DraftImage;
  index: number;
  count: number;
  dragging: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDrop: () => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const n = index + 1;
  return (
    <Box
      pos="relative"
      w={TILE}
      style={{ cursor: "grab", opacity: dragging ? 0.5 : 1 }}
      draggable
      data-testid="draft-image"
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = "move";
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        onDrop();
      }}
    >
      <Image
        src={image.src}
        alt={t(index === 0 ? "community.image.altFirst" : "community.image.alt", { n })}
        w={TILE}
        h={TILE}
        fit="cover"
        radius="sm"
        opacity={image.media_id ? 1 : 0.6}
      />
      <ActionIcon
        variant="filled"
        color="dark"
        size="sm"
        radius="xl"
        pos="absolute"
        top={4}
        right={4}
        aria-label={t("community.image.remove", { n })}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
      {count > 1 ? (
        <Group gap={4} pos="absolute" bottom={4} left={4}>
          <ActionIcon
            variant="filled"
            color="dark"
            size="sm"
            radius="xl"
            aria-label={t("community.image.earlier", { n })}
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
          >
            ‹
          </ActionIcon>
          <ActionIcon
            variant="filled"
            color="dark"
            size="sm"
            radius="xl"
            aria-label={t("community.image.later", { n })}
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            ›
          </ActionIcon>
        </Group>
      ) : null}
      {image.progress !== null ? (
        <Progress.Root size="sm" mt={4}>
          <Progress.Section
            value={image.progress}
            aria-label={t("community.image.uploading", { n })}
            animated
          />
        </Progress.Root>
      ) : null}
      {image.error ? (
        <Text size="xs" c="red.9" role="alert" mt={4}>
          {image.error}
        </Text>
      ) : null}
    </Box>
  );
}

export function ImagesField({
  images,
  required,
  error,
  onAdd,
  onMove,
  onRemove,
}: {
  images: readonly DraftImage[];
  /** The 자랑 board: at least one picture. */
  required: boolean;
  /** Why the pictures were refused (the form's check or the API's). */
  error: string | null;
  onAdd: (files: File[]) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (key: string) => void;
}) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState<number | null>(null);
  const room = roomFor(images);
  return (
    <Stack gap="xs" role="group" aria-labelledby="post-images-label">
      <Text fw={500} size="sm" id="post-images-label">
        {t("community.image.label")}
        {required ? (
          <Text span c="red.9" aria-hidden="true">
            {" *"}
          </Text>
        ) : null}
      </Text>
      <Text size="xs" c="dimmed" id="post-images-hint">
        {required ? `${t("community.image.requiredHint")} ` : ""}
        {t("community.image.hint", { max: IMAGES_MAX })}
      </Text>
      {images.length ? (
        <Group gap="xs" align="flex-start">
          {images.map((image, index) => (
            <Tile
              key={image.key}
              image={image}
              index={index}
              count={images.length}
              dragging={dragging === index}
              onDragStart={() => setDragging(index)}
              onDragEnd={() => setDragging(null)}
              onDrop={() => {
                if (dragging !== null) onMove(dragging, index);
                setDragging(null);
              }}
              onMove={(to) => onMove(index, to)}
              onRemove={() => onRemove(image.key)}
            />
          ))}
        </Group>
      ) : null}
      <Group gap="xs">
        <FileButton onChange={onAdd} accept={IMAGE_TYPES.join(",")} multiple>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="sm"
              disabled={room === 0}
              aria-describedby="post-images-hint"
            >
              {t("community.image.add")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" aria-live="polite">
          {t("community.image.count", { count: images.length, max: IMAGES_MAX })}
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
