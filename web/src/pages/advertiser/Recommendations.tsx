// PetStars the matching service recommends for a recruiting campaign, each with why: the
// semantic, keyword and engagement parts of its score and the words both texts share. An
// invitation asks the owner to apply (inviting again returns the first invitation).
import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";

import { CardGridSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { PetFigures } from "./ApplicantCard";
import { useInvite, useRecommendations } from "./queries";
import type { PetStarMatch } from "./types";

const PARTS: { key: "semantic" | "lexical" | "engagement"; label: MessageKey }[] = [
  { key: "semantic", label: "advertiser.recommend.semantic" },
  { key: "lexical", label: "advertiser.recommend.lexical" },
  { key: "engagement", label: "advertiser.recommend.engagement" },
];

function Match({ campaignId, match }: { campaignId: string; match: PetStarMatch }) {
  const { t } = useI18n();
  const invite = useInvite(campaignId);
  const [invited, setInvited] = useState(false);
  const p = match.petstar;
  const percent = (value: number) => Math.round(value * 100);
  return (
    <Card withBorder padding="md" component="article" aria-label={p.name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{p.name}</Text>
          <Badge variant="light" c="petful.9">
            {t("advertiser.recommend.score", { score: percent(match.score) })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {[p.breed, p.instagram_username && `@${p.instagram_username}`]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        <PetFigures
          followers={p.followers_count}
          engagement={p.engagement_rate}
          price={p.price_krw}
        />
        <Stack gap={4}>
          {PARTS.map(({ key, label }) => (
            <div key={key}>
              <Group justify="space-between">
                <Text size="xs">{t(label)}</Text>
                <Text size="xs">{percent(match.explanation[key])}%</Text>
              </Group>
              <Progress
                value={percent(match.explanation[key])}
                size="sm"
                aria-label={`${t(label)} ${percent(match.explanation[key])}%`}
              />
            </div>
          ))}
        </Stack>
        {match.explanation.shared_terms.length > 0 ? (
          <Text size="sm">
            {t("advertiser.recommend.shared", {
              terms: match.explanation.shared_terms.join(", "),
            })}
          </Text>
        ) : null}
        <Button
          size="xs"
          variant={invited ? "default" : "filled"}
          w="fit-content"
          disabled={invited}
          loading={invite.isPending}
          onClick={() =>
            invite.mutate(
              { pet_id: p.pet_id, message: "" },
              {
                onSuccess: () => {
                  setInvited(true);
                  notify(t, {
                    color: "green",
                    message: t("advertiser.recommend.invited", { name: p.name }),
                  });
                },
                onError: (error) => notify(t, { color: "red", message: errorMessage(error, t) }),
              },
            )
          }
        >
          {invited ? t("advertiser.recommend.inviteSent") : t("advertiser.recommend.invite")}
        </Button>
      </Stack>
    </Card>
  );
}

export function Recommendations({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const matches = useRecommendations(campaignId);
  return (
    <Stack component="section" aria-labelledby="recommendations" gap="sm">
      <div>
        <Title order={2} fz="h4" id="recommendations">
          {t("advertiser.recommend.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("advertiser.recommend.lead")}
        </Text>
      </div>
      {matches.isPending ? (
        <CardGridSkeleton count={3} />
      ) : matches.isError ? (
        // An aid, not the page's subject: when matching is slow or down (it answers 504
        // while its model warms up), say so quietly and let the advertiser ask again.
        <Group gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {t("advertiser.recommend.unavailable")}
          </Text>
          <Button
            size="xs"
            variant="default"
            loading={matches.isFetching}
            onClick={() => matches.refetch()}
          >
            {t("common.retry")}
          </Button>
        </Group>
      ) : matches.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("advertiser.recommend.none")}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {matches.data.map((match) => (
            <Match key={match.petstar.pet_id} campaignId={campaignId} match={match} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
