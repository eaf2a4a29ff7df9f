import { Avatar, Badge, Image } from "@mantine/core";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { type Pet, type PetStarStatus, pictureUrl } from "./types";

// Filled, in shades that keep white text at WCAG AA contrast.
const STATUS_COLOURS: Record<PetStarStatus, string> = {
  NONE: "gray.7",
  APPLYING: "blue.9",
  APPROVED: "petful",
  REJECTED: "red.9",
  REVOKED: "red.9",
};

/** The pet's PetStar standing (nothing for a pet that never applied). */
export function PetStarBadge({ status }: { status: PetStarStatus }) {
  const { t } = useI18n();
  if (status === "NONE") return null;
  return <Badge color={STATUS_COLOURS[status]}>{t(`pets.status.${status}` as MessageKey)}</Badge>;
}

/** The pet's picture, or its initial on a plain tile while it has none. */
export function PetPicture({
  pet,
  size,
  width = 320,
  radius = "md",
}: {
  pet: Pet;
  size: number;
  width?: 320 | 960;
  /** 0 for a picture that fills a card's edge. */
  radius?: "md" | 0;
}) {
  const { t } = useI18n();
  const src = pictureUrl(pet.image, width);
  const alt = t("pets.picture.alt", { name: pet.name });
  if (src) return <Image src={src} alt={alt} h={size} fit="cover" radius={radius} />;
  return (
    <Avatar size={size} radius={radius} alt={alt} color="petful" w="100%">
      {pet.name.slice(0, 1)}
    </Avatar>
  );
}
