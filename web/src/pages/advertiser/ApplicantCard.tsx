// A PetStar as the advertiser weighs them: the pet's picture, Instagram figures and price
// (from the PetStar card the API joins in), personality tags, their record in earlier
// campaigns (completed, no-shows), their recent Instagram posts, the owner's note and where
// the application stands. What can be done with it comes as children.
import { Avatar, Badge, Card, Group, Image, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

import { useI18n } from "../../i18n/useI18n";
import { StatusBadge } from "../campaigns/CampaignBits";
import { PetStarPostsButton } from "./PetStarPosts";
import type { Applicant } from "./types";

export function PetFigures({
  followers,
  engagement,
  price,
}: {
  followers: number;
  engagement: number;
  price: number;
}) {
  const { t, price: won, number } = useI18n();
  return (
    <Group gap="md" wrap="wrap">
      <Text size="sm">{t("common.followers", { count: number(followers) })}</Text>
      <Text size="sm">
        {t("advertiser.applicants.engagement", { rate: (engagement * 100).toFixed(1) })}
      </Text>
      <Text size="sm">{t("advertiser.applicants.price", { price: won(price) })}</Text>
    </Group>
  );
}

export function ApplicantCard({
  applicant,
  children,
}: {
  applicant: Applicant;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const card = applicant.petstar;
  const image = card?.pet.image;
  const alt = t("advertiser.applicants.petAlt", { name: applicant.pet_name });
  return (
    <Card withBorder padding="md" component="article" aria-label={applicant.pet_name}>
      <Stack gap="xs">
        <Group wrap="nowrap" align="flex-start" gap="sm">
          {image ? (
            <Image
              src={image.thumbnails["320"] ?? image.url}
              alt={alt}
              w={64}
              h={64}
              radius="md"
              fit="cover"
            />
          ) : (
            <Avatar size={64} radius="md" color="petful" alt={alt}>
              {applicant.pet_name.slice(0, 1)}
            </Avatar>
          )}
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {applicant.pet_name}
              </Text>
              <StatusBadge status={applicant.status} />
            </Group>
            {card ? (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {[card.pet.breed, card.pet.instagram_username && `@${card.pet.instagram_username}`]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            ) : null}
          </Stack>
        </Group>
        {card ? (
          <PetFigures
            followers={card.followers_count}
            engagement={card.engagement_rate}
            price={card.price_krw}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("advertiser.applicants.noCard")}
          </Text>
        )}
        {card && card.pet.personality_tags.length > 0 ? (
          <Group gap={4} wrap="wrap" role="group" aria-label={t("advertiser.applicants.tags")}>
            {card.pet.personality_tags.map((tag) => (
              <Badge key={tag} size="sm" variant="light" color="gray">
                #{tag}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text size="sm" data-testid="applicant-record">
            {t("advertiser.applicants.record", {
              completed: applicant.pet_completed_campaigns,
              noShows: applicant.pet_no_shows,
            })}
          </Text>
          {card ? <PetStarPostsButton petId={applicant.pet_id} name={applicant.pet_name} /> : null}
        </Group>
        {applicant.note ? (
          <Text size="sm" style={{ whiteSpace: "pre-line" }}>
            {applicant.note}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Card>
  );
}
