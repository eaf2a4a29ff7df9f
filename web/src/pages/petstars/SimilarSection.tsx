import { Avatar, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { ApiError } from "../../api/problem";
import type { components } from "../../api/schema";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { PetStarFigures } from "./PetStarFigures";
import { useSimilarPetStars } from "./queries";

type Match = components["schemas"]["PetStarMatch"];

function SimilarCard({ match }: { match: Match }) {
  const { t } = useI18n();
  const star = match.petstar;
  const shared = match.explanation.shared_terms.slice(0, 4);
  return (
    <Card component={Link} to={`/petstars/${star.pet_id}`} withBorder padding="md">
      {/* The matching API's summary has no picture (reported): the name's initial instead. */}
      <Group wrap="nowrap" gap="sm">
        <Avatar color="orange" radius="xl" alt="">
          {star.name.slice(0, 1)}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Title order={3} fz="md">
            {star.name}
          </Title>
          <Text size="sm" c="dimmed" truncate>
            {t(`petstars.species.${star.species}` as MessageKey)} · {star.breed}
          </Text>
        </div>
      </Group>
      <PetStarFigures
        followers={star.followers_count}
        engagementRate={star.engagement_rate}
        priceKrw={star.price_krw}
      />
      {shared.length > 0 ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t("petstars.profile.sharedTerms", { terms: shared.join(", ") })}
        </Text>
      ) : null}
    </Card>
  );
}

/** PetStars like this one (the matching service's; public). */
export function SimilarSection({ petId }: { petId: string }) {
  const { t } = useI18n();
  const similar = useSimilarPetStars(petId);
  // 404: the matching index has not embedded this PetStar yet (it catches up on its own).
  const notIndexed = similar.error instanceof ApiError && similar.error.status === 404;
  const items = similar.data?.items ?? [];
  return (
    <Stack component="section" gap="sm" aria-labelledby="petstar-similar">
      <Title order={2} id="petstar-similar">
        {t("petstars.profile.similar")}
      </Title>
      {similar.isPending ? <CardGridSkeleton count={3} /> : null}
      {similar.isError && !notIndexed ? (
        <QueryError error={similar.error} onRetry={() => similar.refetch()} />
      ) : null}
      {(similar.isSuccess && items.length === 0) || notIndexed ? (
        <Text c="dimmed">{t("petstars.profile.similarEmpty")}</Text>
      ) : null}
      {items.length > 0 ? (
        <SimpleGrid
          component="ul"
          cols={{ base: 1, xs: 2, md: 3 }}
          p={0}
          m={0}
          style={{ listStyle: "none" }}
        >
          {items.map((match) => (
            <li key={match.petstar.pet_id}>
              <SimilarCard match={match} />
            </li>
          ))}
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
