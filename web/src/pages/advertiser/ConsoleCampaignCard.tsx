// A campaign in the advertiser's list: its picture, phase, schedule and applicants, the
// link to its page, where everything about it is done, and for a finished campaign the
// archive (보관함) and back.
import { Anchor, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { CampaignPicture } from "../campaigns/CampaignBits";
import { useArchive } from "./queries";
import { canArchive } from "./rules";
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

function ArchiveButton({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const archive = useArchive(campaign.id);
  const archived = Boolean(campaign.archived_at);
  if (!archived && !canArchive(campaign)) return null;
  return (
    <Group justify="flex-end" mt={4}>
      <Button
        size="xs"
        variant="default"
        loading={archive.isPending}
        aria-label={t(archived ? "advertiser.archive.restoreOf" : "advertiser.archive.putOf", {
          title: campaign.title,
        })}
        onClick={() =>
          archive.mutate(!archived, {
            onSuccess: () =>
              notify(t, {
                color: "green",
                message: t(archived ? "advertiser.archive.restored" : "advertiser.archive.done", {
                  title: campaign.title,
                }),
              }),
            onError: (error) => notify(t, { color: "red", message: errorMessage(error, t) }),
          })
        }
      >
        {t(archived ? "advertiser.archive.restore" : "advertiser.archive.put")}
      </Button>
    </Group>
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
        <ArchiveButton campaign={campaign} />
      </Stack>
    </Card>
  );
}
