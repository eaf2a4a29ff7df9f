import { AspectRatio, Avatar, Card, Image, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import type { components } from "../../api/schema";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { pictureUrl } from "./figures";
import { PetStarFigures } from "./PetStarFigures";

type PetStarCard = components["schemas"]["PetStarCard"];

/**
 * One PetStar in the directory; the whole card links to the profile (one tab stop). The
 * directory's query string rides along in the link's state, so the profile's "back to
 * the list" returns to the same filters.
 */
export function DirectoryCard({ card, search }: { card: PetStarCard; search: string }) {
  const { t } = useI18n();
  const { pet } = card;
  const picture = pictureUrl(pet.image, 320);
  return (
    <Card
      component={Link}
      to={`/petstars/${pet.id}`}
      state={{ directorySearch: search }}
      withBorder
      padding="md"
    >
      <Card.Section>
        <AspectRatio ratio={4 / 3}>
          {picture ? (
            // The name follows as text: the picture adds nothing to the link's name.
            <Image src={picture} alt="" fit="cover" loading="lazy" />
          ) : (
            <Avatar radius={0} size="100%" alt="" color="orange">
              {pet.name.slice(0, 1)}
            </Avatar>
          )}
        </AspectRatio>
      </Card.Section>
      <Title order={3} fz="lg" mt="sm">
        {pet.name}
      </Title>
      <Text size="sm" c="dimmed">
        {t(`petstars.species.${pet.species}` as MessageKey)} · {pet.breed}
      </Text>
      {pet.instagram_username ? <Text size="sm">@{pet.instagram_username}</Text> : null}
      <Text size="sm" mt={4} lineClamp={2}>
        {card.portfolio_intro}
      </Text>
      <PetStarFigures
        followers={card.followers_count}
        engagementRate={card.engagement_rate}
        priceKrw={card.price_krw}
      />
    </Card>
  );
}
