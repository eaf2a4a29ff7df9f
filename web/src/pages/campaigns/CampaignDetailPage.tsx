import { Alert, Anchor, Grid, Group, Image, ScrollArea, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";

import { ApiError } from "../../api/problem";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { ApplyPanel } from "./ApplyPanel";
import { CampaignPicture, pictureUrl, useNow } from "./CampaignBits";
import { CampaignInfo } from "./CampaignInfo";
import { CampaignSummary } from "./CampaignSummary";
import { CampaignTimeline } from "./CampaignTimeline";
import { useCampaign, useIsOwner, useMyApplications, useMyPets, useSignedIn } from "./queries";
import type { CampaignAd } from "./types";

function Gallery({ campaign }: { campaign: CampaignAd }) {
  const { t } = useI18n();
  if (campaign.images.length === 0) return <CampaignPicture campaign={campaign} height={200} />;
  return (
    // Focusable, so keyboard users can scroll the pictures too.
    <ScrollArea
      type="auto"
      offsetScrollbars
      viewportProps={{ tabIndex: 0, "aria-label": t("campaigns.detail.product") }}
    >
      <Group wrap="nowrap" gap="sm">
        {campaign.images.map((image, i) => (
          <Image
            key={image.media_id}
            src={pictureUrl(image, "960")}
            alt={t("campaigns.detail.photo", { title: campaign.product_name, n: i + 1 })}
            h={260}
            w="auto"
            maw="85vw"
            radius="md"
            fit="cover"
          />
        ))}
      </Group>
    </ScrollArea>
  );
}

/** A campaign's advertisement with its dates, and the way to apply. */
export function CampaignDetailPage() {
  const { campaignId = "" } = useParams();
  const { t } = useI18n();
  const now = useNow();
  const signedIn = useSignedIn();
  const owner = useIsOwner();
  const campaign = useCampaign(campaignId, signedIn);
  // Asked beside the campaign, not after it (the apply panel needs both).
  useMyPets(owner);
  useMyApplications(campaignId, owner);

  if (campaign.isPending) return <PageSkeleton />;
  if (campaign.isError) {
    const missing = campaign.error instanceof ApiError && campaign.error.status === 404;
    return (
      <Stack maw={1100} mx="auto" align="flex-start">
        <PageTitle>{missing ? t("campaigns.detail.notFound") : t("campaigns.title")}</PageTitle>
        {missing ? (
          <Text>{t("campaigns.detail.notFoundBody")}</Text>
        ) : (
          <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />
        )}
        <Anchor component={Link} to="/campaigns">
          ← {t("campaigns.detail.back")}
        </Anchor>
      </Stack>
    );
  }
  const c = campaign.data;
  const reason = "phase_reason" in c ? c.phase_reason : null;
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Anchor component={Link} to="/campaigns" size="sm">
        ← {t("campaigns.detail.back")}
      </Anchor>
      <div>
        <Text c="dimmed" size="sm">
          {c.company_name}
        </Text>
        <PageTitle>{c.title}</PageTitle>
      </div>
      {c.phase === "CANCELLED" ? (
        <Alert color="red" title={t("campaigns.detail.cancelled")}>
          {reason}
        </Alert>
      ) : null}
      <Gallery campaign={c} />
      <Grid gap="xl">
        {/* First on phones (what to decide on), on the right from "md" up. */}
        <Grid.Col span={{ base: 12, md: 5 }} order={{ md: 2 }}>
          <Stack gap="md">
            <CampaignSummary campaign={c} now={now} />
            <ApplyPanel campaign={c} signedIn={signedIn} now={now} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} order={{ md: 1 }}>
          <Stack gap="xl">
            <CampaignTimeline campaign={c} now={now} />
            <CampaignInfo campaign={c} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
