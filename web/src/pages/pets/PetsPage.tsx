import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { ageLabel, petAge, todayInKorea } from "./age";
import { PetPicture, PetStarBadge } from "./PetBadges";
import { usePets } from "./queries";
import type { Pet } from "./types";

function PetCard({ pet, today }: { pet: Pet; today: string }) {
  const { t } = useI18n();
  const age = petAge(pet, today);
  const facts = [
    t(`pets.species.${pet.species}` as MessageKey),
    pet.breed,
    age ? ageLabel(age, t) : null,
  ].filter(Boolean);
  return (
    <Card withBorder padding="md" component="article">
      <Card.Section>
        <PetPicture pet={pet} size={180} radius={0} />
      </Card.Section>
      <Group justify="space-between" mt="sm" gap="xs" wrap="nowrap">
        <Text component="h2" fw={700} fz="lg" m={0} truncate>
          {/* The name is the card's link: one tab stop per pet. */}
          <Anchor component={Link} to={`/pets/${pet.id}`} inherit>
            {pet.name}
          </Anchor>
        </Text>
        <PetStarBadge status={pet.petstar_status} />
      </Group>
      <Text size="sm" c="dimmed">
        {facts.join(" · ")}
      </Text>
      {pet.instagram_username ? (
        <Text size="sm" c="dimmed">
          @{pet.instagram_username}
        </Text>
      ) : null}
    </Card>
  );
}

export function PetsPage() {
  const { t } = useI18n();
  const pets = usePets();
  const today = todayInKorea();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle>{t("pets.title")}</PageTitle>
        <Button component={Link} to="/pets/new">
          {t("pets.add")}
        </Button>
      </Group>
      {pets.isPending ? (
        <CardGridSkeleton />
      ) : pets.isError ? (
        <QueryError error={pets.error} onRetry={() => void pets.refetch()} />
      ) : pets.data.length === 0 ? (
        <Card withBorder padding="xl" ta="center">
          <Text fw={700}>{t("pets.empty.title")}</Text>
          <Text c="dimmed" size="sm" mt="xs">
            {t("pets.empty.body")}
          </Text>
          <Button component={Link} to="/pets/new" mt="md" mx="auto" w="fit-content">
            {t("pets.add")}
          </Button>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {pets.data.map((pet) => (
            <PetCard key={pet.id} pet={pet} today={today} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
