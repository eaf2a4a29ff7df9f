import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { ageLabel, petAge, todayInKorea } from "./age";
import { DeletePetButton } from "./DeletePetButton";
import type { Pet } from "./types";

function Fact({ label, value }: { label: string; value: string | null }) {
  const { t } = useI18n();
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} c={value ? undefined : "dimmed"}>
        {value || t("pets.notSet")}
      </Text>
    </div>
  );
}

/** The linked Instagram account, or where to link one (the Instagram pages do the linking). */
export function InstagramCard({ pet }: { pet: Pet }) {
  const { t, number } = useI18n();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pet-instagram">
      <Title order={2} size="h4" id="pet-instagram" mb="xs">
        {t("pets.instagram.title")}
      </Title>
      {pet.instagram_account_id ? (
        <Stack gap={4}>
          <Text>{t("pets.instagram.linked", { username: pet.instagram_username ?? "" })}</Text>
          {pet.followers_count > 0 ? (
            <Text size="sm" c="dimmed">
              {t("common.followers", { count: number(pet.followers_count) })}
            </Text>
          ) : null}
          <Anchor component={Link} to="/instagram" size="sm">
            {t("pets.instagram.manage")}
          </Anchor>
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            {t("pets.instagram.none")}
          </Text>
          <Button component={Link} to="/instagram" variant="light" size="sm">
            {t("pets.instagram.link")}
          </Button>
        </Stack>
      )}
    </Card>
  );
}

export function PetOverview({ pet }: { pet: Pet }) {
  const { t, calendarDate, number } = useI18n();
  const age = petAge(pet, todayInKorea());
  return (
    <Stack>
      <Card withBorder padding="lg">
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} m={0}>
          <Fact
            label={t("pets.field.species")}
            value={t(`pets.species.${pet.species}` as MessageKey)}
          />
          <Fact label={t("pets.field.breed")} value={pet.breed} />
          <Fact label={t("pets.field.sex")} value={t(`pets.sex.${pet.sex}` as MessageKey)} />
          <Fact
            label={t("pets.field.neutered")}
            value={pet.neutered ? t("pets.neutered.yes") : t("pets.neutered.no")}
          />
          <Fact
            label={t("pets.field.birthDate")}
            value={pet.birth_date ? calendarDate(pet.birth_date) : null}
          />
          <Fact label={t("pets.age")} value={age ? ageLabel(age, t) : null} />
          <Fact
            label={t("pets.field.weight")}
            value={
              pet.weight_kg !== null ? t("pets.weightValue", { kg: number(pet.weight_kg) }) : null
            }
          />
          <Fact
            label={t("pets.field.tags")}
            value={pet.personality_tags.map((tag) => `#${tag}`).join(" ")}
          />
        </SimpleGrid>
        {pet.intro ? (
          <Text mt="md" style={{ whiteSpace: "pre-line" }}>
            {pet.intro}
          </Text>
        ) : null}
      </Card>
      <InstagramCard pet={pet} />
      <Group justify="space-between">
        <Button component={Link} to={`/pets/${pet.id}/edit`} variant="default">
          {t("pets.edit")}
        </Button>
        <DeletePetButton pet={pet} />
      </Group>
    </Stack>
  );
}
