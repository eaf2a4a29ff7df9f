import { Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { CampaignPicture, DeadlineBadge } from "./CampaignBits";
import type { CampaignAd } from "./types";

/** One campaign in a list: the whole card links to its detail page. */
export function CampaignCard({ campaign, now }: { campaign: CampaignAd; now: Date }) {
  const { t, price, date } = useI18n();
  return (
    <Card
      component={Link}
      to={`/campaigns/${campaign.id}`}
      withBorder
      padding="md"
      data-testid="campaign-card"
    >
      <Card.Section>
        <CampaignPicture campaign={campaign} height={160} />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" lineClamp={1}>
            {campaign.company_name}
          </Text>
          <DeadlineBadge campaign={campaign} now={now} />
        </Group>
        <Title order={2} fz="md" lineClamp={2}>
          {campaign.title}
        </Title>
        <Text size="sm" fw={600}>
          {t("campaigns.reward", { price: price(campaign.reward_value_krw) })}
        </Text>
        <Group justify="space-between" gap="xs">
          {campaign.recruit_end ? (
            <Text size="xs" c="dimmed">
              {t("campaigns.deadline.until", { date: date(campaign.recruit_end) })}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t("campaigns.applicants", {
              count: campaign.applicant_count,
              headcount: campaign.headcount,
            })}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
