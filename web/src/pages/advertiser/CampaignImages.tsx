// The campaign's product pictures, in the order PetStars will see them (the first leads the
// advertisement): each uploaded at once to the saved campaign, moved by dragging or with its
// arrow buttons (for the keyboard), removed. The order is kept with the rest of the form.
import { ActionIcon, Box, Button, FileButton, Group, Image, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { useI18n } from "../../i18n/useI18n";
import { IMAGE_TYPES, uploadFile } from "../../lib/upload";
import { pictureUrl } from "../campaigns/CampaignBits";
import { moveItem } from "../pets/portfolio/reorder";
import { pickProblem, uploadErrorMessage } from "../pets/useImageUpload";
import { KEYS } from "./queries";
import type { Campaign } from "./types";

export const IMAGES_MAX = 10;
const TILE = 96;

export function CampaignImages({
  campaign,
  ids,
  disabled,
  onChange,
}: {
  campaign: Campaign;
  /** The pictures' ids in the form's order. */
  ids: string[];
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [dragging, setDragging] = useState<number | null>(null);
  const [uploading, setUploading] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const srcOf = new Map(campaign.images.map((image) => [image.media_id, pictureUrl(image)]));
  const shown = ids.filter((id) => srcOf.has(id));

  // Each answer is the whole campaign, kept for its pictures' addresses; the order is the
  // form's own (what is new goes last).
  const remember = (updated: Campaign) =>
    queryClient.setQueryData(KEYS.campaign(updated.id), updated);

  const add = async (files: File[]) => {
    setProblem(null);
    let current = shown;
    for (const file of files.slice(0, IMAGES_MAX - shown.length)) {
      const refused = pickProblem(file);
      if (refused) {
        setProblem(t(refused));
        continue;
      }
      setUploading((n) => n + 1);
      try {
        const updated = await uploadFile<Campaign>({
          method: "POST",
          path: `/api/v1/advertiser/campaigns/${campaign.id}/images`,
          file,
        });
        remember(updated);
        current = [...current, ...updated.image_media_ids.filter((id) => !current.includes(id))];
        onChange(current);
      } catch (error) {
        setProblem(uploadErrorMessage(error, t));
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const remove = async (mediaId: string) => {
    setProblem(null);
    try {
      const updated = data(
        await api.DELETE("/api/v1/advertiser/campaigns/{campaign_id}/images/{media_id}", {
          params: { path: { campaign_id: campaign.id, media_id: mediaId } },
        }),
      );
      remember(updated);
      onChange(shown.filter((id) => id !== mediaId));
    } catch (error) {
      setProblem(uploadErrorMessage(error, t));
    }
  };

  const move = (from: number, to: number) => {
    if (from !== to && to >= 0 && to < shown.length) onChange(moveItem(shown, from, to));
  };

  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed" id="campaign-images-hint">
        {t("advertiser.editor.imagesHint", { max: IMAGES_MAX })}
      </Text>
      {shown.length ? (
        <Group gap="xs" align="flex-start">
          {shown.map((id, index) => (
            <Box
              key={id}
              pos="relative"
              w={TILE}
              draggable={!disabled}
              data-testid="campaign-image"
              style={{
                cursor: disabled ? undefined : "grab",
                opacity: dragging === index ? 0.5 : 1,
              }}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = "move";
                setDragging(index);
              }}
              onDragEnd={() => setDragging(null)}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                if (dragging !== null) move(dragging, index);
                setDragging(null);
              }}
            >
              <Image
                src={srcOf.get(id)}
                alt={t(index === 0 ? "advertiser.editor.imageFirst" : "advertiser.editor.image", {
                  n: index + 1,
                })}
                w={TILE}
                h={TILE}
                fit="cover"
                radius="sm"
              />
              {disabled ? null : (
                <>
                  <ActionIcon
                    variant="filled"
                    color="dark"
                    size="sm"
                    radius="xl"
                    pos="absolute"
                    top={4}
                    right={4}
                    aria-label={t("advertiser.editor.imageRemove", { n: index + 1 })}
                    onClick={() => void remove(id)}
                  >
                    ×
                  </ActionIcon>
                  {shown.length > 1 ? (
                    <Group gap={4} pos="absolute" bottom={4} left={4}>
                      <ActionIcon
                        variant="filled"
                        color="dark"
                        size="sm"
                        radius="xl"
                        aria-label={t("advertiser.editor.imageEarlier", { n: index + 1 })}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                      >
                        ‹
                      </ActionIcon>
                      <ActionIcon
                        variant="filled"
                        color="dark"
                        size="sm"
                        radius="xl"
                        aria-label={t("advertiser.editor.imageLater", { n: index + 1 })}
                        disabled={index === shown.length - 1}
                        onClick={() => move(index, index + 1)}
                      >
                        ›
                      </ActionIcon>
                    </Group>
                  ) : null}
                </>
              )}
            </Box>
          ))}
        </Group>
      ) : null}
      <Group gap="xs">
        <FileButton onChange={(files) => void add(files)} accept={IMAGE_TYPES.join(",")} multiple>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="sm"
              loading={uploading > 0}
              disabled={disabled || shown.length >= IMAGES_MAX}
              aria-describedby="campaign-images-hint"
            >
              {t("advertiser.editor.imageAdd")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" aria-live="polite">
          {t("advertiser.editor.imageCount", { count: shown.length, max: IMAGES_MAX })}
        </Text>
      </Group>
      {problem ? (
        <Text size="sm" c="red.9" role="alert">
          {problem}
        </Text>
      ) : null}
    </Stack>
  );
}
