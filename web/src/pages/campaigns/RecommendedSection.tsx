import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { useRecommendedCampaigns } from "./queries";

/** Recruiting campaigns the matching service finds for my approved PetStars. */
export function RecommendedSection() {
  const { t, price } = useI18n();
  const matches = useRecommendedCampaigns();
  let body;
  if (matches.isPending) body = <CardGridSkeleton count={3} />;
  else if (matches.isError) {
    body = <QueryError error={matches.error} onRetry={() => matches.refetch()} />;
  } else if (matches.data.length === 0) {
    body = <Text c="dimmed">{t("campaigns.recommended.empty")}</Text>;
  } else {
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {matches.data.map((match) => (
          <Card
            key={`${match.campaign.campaign_id}-${match.pet_id}`}
            component={Link}
            to={`/campaigns/${match.campaign.campaign_id}`}
            withBorder
            padding="md"
            data-testid="recommended-campaign"
          >
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {match.campaign.company_name}
              </Text>
              <Title order={3} fz="md">
                {match.campaign.title}
              </Title>
              <Text size="sm" fw={600}>
                {t("campaigns.reward", { price: price(match.campaign.reward_value_krw) })}
              </Text>
              <Text size="sm">{t("campaigns.recommended.for", { pet: match.pet_name })}</Text>
              {match.explanation.shared_terms.length > 0 ? (
                <Text size="xs" c="dimmed">
                  {t("campaigns.recommended.shared", {
                    terms: match.explanation.shared_terms.slice(0, 5).join(", "),
                  })}
                </Text>
              ) : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    );
  }
  return (
    <Stack component="section" aria-labelledby="recommended-title" gap="sm">
      <Title id="recommended-title" order={2} fz="xl">
        {t("campaigns.recommended.title")}
      </Title>
      {body}
    </Stack>
  );
}
