import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { DeadlineBadge } from "./CampaignBits";
import type { CampaignAd } from "./types";

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

/** The facts a PetStar weighs first: reward, deadline, places, who may apply. */
export function CampaignSummary({ campaign, now }: { campaign: CampaignAd; now: Date }) {
  const { t, price, date } = useI18n();
  const species = campaign.target_species.map((s) => t(`campaigns.species.${s}`)).join(", ");
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="campaign-summary">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title id="campaign-summary" order={2} fz="lg">
            {t("campaigns.detail.summary")}
          </Title>
          <DeadlineBadge campaign={campaign} now={now} />
        </Group>
        <div>
          <Text fw={700} fz="xl">
            {t("campaigns.reward", { price: price(campaign.reward_value_krw) })}
          </Text>
          {campaign.reward_description ? (
            <Text size="sm">{campaign.reward_description}</Text>
          ) : null}
        </div>
        <SimpleGrid component="dl" cols={2} m={0} spacing="sm" verticalSpacing="xs">
          <Fact label={t("campaigns.detail.company")}>{campaign.company_name}</Fact>
          <Fact label={t("campaigns.detail.type")}>
            {t(`campaigns.type.${campaign.campaign_type}`)}
          </Fact>
          <Fact label={t("campaigns.detail.target")}>{species}</Fact>
          <Fact label={t("campaigns.detail.headcount")}>
            {t("campaigns.applicants", {
              count: campaign.applicant_count,
              headcount: campaign.headcount,
            })}
          </Fact>
          {campaign.recruit_end ? (
            <Fact label={t("campaigns.step.recruit")}>
              {t("campaigns.deadline.until", { date: date(campaign.recruit_end) })}
            </Fact>
          ) : null}
          <Fact label={t("campaigns.detail.retention")}>
            {t("campaigns.detail.retentionDays", { days: campaign.post_retention_days })}
          </Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
