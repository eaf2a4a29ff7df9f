// A campaign in the advertiser's list: its picture, phase, schedule and applicants, and the
// link to its page, where everything about it is done.
import { Anchor, Badge, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { CampaignPicture } from "../campaigns/CampaignBits";
import type { Campaign, Phase } from "./types";

// The phase's colour is the dot; the text stays body-coloured (WCAG AA whatever the colour,
// where a light fill's darkest shade is not always dark enough, as with teal).
const PHASE_COLOR: Record<Phase, string> = {
  DRAFT: "gray",
  PENDING_REVIEW: "blue",
  REJECTED: "red",
  RECRUITING: "petful",
  SELECTING: "petful",
  ANNOUNCED: "teal",
  IN_PROGRESS: "teal",
  REVIEWING: "teal",
  COMPLETED: "gray",
  CANCELLED: "gray",
};

export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useI18n();
  return (
    <Badge variant="dot" color={PHASE_COLOR[phase]} style={{ flexShrink: 0 }}>
      {t(`campaigns.phase.${phase}`)}
    </Badge>
  );
}

export function ConsoleCampaignCard({ campaign }: { campaign: Campaign }) {
  const { t, date } = useI18n();
  return (
    <Card withBorder padding="md" component="article">
      <Card.Section>
        <CampaignPicture campaign={campaign} height={140} />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            to={`/advertiser/campaigns/${campaign.id}`}
            fw={600}
            style={{ overflowWrap: "anywhere" }}
          >
            {campaign.title}
          </Anchor>
          <PhaseBadge phase={campaign.phase} />
        </Group>
        <Text size="sm" c="dimmed">
          {campaign.product_name}
        </Text>
        {campaign.recruit_start && campaign.recruit_end ? (
          <Text size="sm">
            {t("advertiser.campaigns.recruitDates", {
              start: date(campaign.recruit_start),
              end: date(campaign.recruit_end),
            })}
          </Text>
        ) : null}
        <Text size="sm">
          {t("advertiser.campaigns.applicants", {
            applied: campaign.applicant_count,
            selected: campaign.selected_count,
            headcount: campaign.headcount,
          })}
        </Text>
      </Stack>
    </Card>
  );
}
