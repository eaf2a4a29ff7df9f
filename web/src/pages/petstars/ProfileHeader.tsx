import {
  AspectRatio,
  Avatar,
  Badge,
  Card,
  Grid,
  Group,
  Image,
  SimpleGrid,
  Text,
} from "@mantine/core";

import type { components } from "../../api/schema";
import { PageTitle } from "../../components/PageTitle";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { ageParts, engagementPercent, pictureUrl } from "./figures";

type Pet = components["schemas"]["Pet"];
type Portfolio = components["schemas"]["Portfolio"];

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={700} fz="lg">
        {value}
      </Text>
    </div>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

function useAge(pet: Pet): { label: MessageKey; value: string } | null {
  const { t, calendarDate } = useI18n();
  if (pet.birth_date) {
    return { label: "petstars.profile.birthDate", value: calendarDate(pet.birth_date) };
  }
  if (pet.approx_age_months === null) return null;
  const age = ageParts(pet.approx_age_months);
  const value =
    "years" in age
      ? t("petstars.profile.ageYears", { years: age.years })
      : t("petstars.profile.ageMonths", { months: age.months });
  return { label: "petstars.profile.age", value };
}

/** The profile's top: picture, name (the page's h1), Instagram figures, price and details. */
export function ProfileHeader({ pet, portfolio }: { pet: Pet; portfolio: Portfolio | null }) {
  const { t, number, price } = useI18n();
  const picture = pictureUrl(pet.image, 960);
  const age = useAge(pet);
  const priceText =
    portfolio === null
      ? null
      : portfolio.price_krw > 0
        ? price(portfolio.price_krw)
        : t("petstars.priceOpen");
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <AspectRatio ratio={1}>
          {picture ? (
            <Image src={picture} alt={pet.name} radius="md" fit="cover" />
          ) : (
            <Avatar radius="md" size="100%" alt={pet.name} color="orange">
              {pet.name.slice(0, 1)}
            </Avatar>
          )}
        </AspectRatio>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <PageTitle>{pet.name}</PageTitle>
        <Text c="dimmed" mt={-8}>
          {t(`petstars.species.${pet.species}` as MessageKey)} · {pet.breed}
        </Text>
        {pet.intro && pet.intro !== portfolio?.intro ? <Text mt="sm">{pet.intro}</Text> : null}
        {pet.personality_tags.length > 0 ? (
          <Group gap={6} mt="sm">
            {pet.personality_tags.map((tag) => (
              <Badge key={tag} variant="light" tt="none">
                #{tag}
              </Badge>
            ))}
          </Group>
        ) : null}

        <Card
          withBorder
          padding="md"
          mt="md"
          component="section"
          aria-label={t("petstars.profile.figures")}
        >
          <SimpleGrid component="dl" cols={{ base: 2, md: 3 }} m={0} spacing="sm">
            <Figure label={t("petstars.profile.followers")} value={number(pet.followers_count)} />
            <Figure
              label={t("petstars.profile.engagement")}
              value={t("petstars.profile.engagementValue", {
                rate: number(engagementPercent(pet.engagement_rate)),
              })}
            />
            {priceText ? <Figure label={t("petstars.profile.price")} value={priceText} /> : null}
            {pet.instagram_username ? (
              <Figure
                label={t("petstars.profile.instagram")}
                value={`@${pet.instagram_username}`}
              />
            ) : null}
          </SimpleGrid>
        </Card>

        <SimpleGrid component="dl" cols={2} mt="md" mb={0} spacing="sm">
          <Detail
            label={t("petstars.profile.sex")}
            value={t(`petstars.profile.sex.${pet.sex}` as MessageKey)}
          />
          {age ? <Detail label={t(age.label)} value={age.value} /> : null}
          {pet.weight_kg !== null ? (
            <Detail
              label={t("petstars.profile.weight")}
              value={t("petstars.profile.weightKg", { kg: number(pet.weight_kg) })}
            />
          ) : null}
          <Detail
            label={t("petstars.profile.neutered")}
            value={t(
              pet.neutered ? "petstars.profile.neutered.yes" : "petstars.profile.neutered.no",
            )}
          />
        </SimpleGrid>
      </Grid.Col>
    </Grid>
  );
}
