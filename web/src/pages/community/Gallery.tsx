// A post's pictures: one large (the full width on phones), and below it a row of small
// ones to switch to. Each large picture links to its original, opened apart from the app.
import { Anchor, Group, Image, Stack, UnstyledButton } from "@mantine/core";
import { useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import type { PostImage } from "./types";

const large = (image: PostImage) => image.thumbnails["960"] ?? image.url;
const small = (image: PostImage) => image.thumbnails["320"] ?? image.url;

export function Gallery({ images, title }: { images: readonly PostImage[]; title: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(0);
  // An edit may leave fewer pictures than the one shown.
  const at = Math.min(shown, images.length - 1);
  const current = images[at];
  if (!current) return null;
  const count = images.length;
  return (
    <Stack gap="xs" data-testid="gallery">
      <Anchor href={current.url} target="_blank" rel="noopener noreferrer">
        <Image
          src={large(current)}
          alt={t("community.post.imageAlt", { title, n: at + 1, count })}
          radius="md"
          fit="contain"
          mah={640}
          w="100%"
          bg="gray.1"
        />
      </Anchor>
      {count > 1 ? (
        <Group gap={6} role="group" aria-label={t("community.post.images")}>
          {images.map((image, index) => (
            <UnstyledButton
              key={image.media_id}
              onClick={() => setShown(index)}
              aria-pressed={index === at}
              aria-label={t("community.post.showImage", { n: index + 1, count })}
              style={{
                borderRadius: 6,
                outline: index === at ? "3px solid var(--mantine-color-petful-7)" : undefined,
                outlineOffset: 1,
              }}
            >
              <Image src={small(image)} alt="" w={56} h={56} fit="cover" radius="sm" />
            </UnstyledButton>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
