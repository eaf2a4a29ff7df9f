// What every page of one campaign shares: the way back to the list, the title with its
// phase, and links between the campaign's pages (overview, applicants, running, results),
// each offered once its phase has it. The page's own content comes as a render function of
// the loaded campaign.
import { Anchor, Button, Group, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { PhaseBadge } from "./ConsoleCampaignCard";
import { useMyCampaign } from "./queries";
import type { Campaign, Phase } from "./types";

export type CampaignView = "overview" | "applicants" | "running" | "report";

const VIEWS: { view: CampaignView; path: string; label: MessageKey; phases: Phase[] | null }[] = [
  { view: "overview", path: "", label: "advertiser.campaign.overview", phases: null },
  {
    view: "applicants",
    path: "/applicants",
    label: "advertiser.campaign.applicants",
    phases: ["RECRUITING", "SELECTING", "ANNOUNCED", "IN_PROGRESS", "REVIEWING", "COMPLETED"],
  },
  {
    view: "running",
    path: "/running",
    label: "advertiser.campaign.running",
    phases: ["ANNOUNCED", "IN_PROGRESS", "REVIEWING", "COMPLETED"],
  },
  {
    view: "report",
    path: "/report",
    label: "advertiser.campaign.report",
    phases: ["IN_PROGRESS", "REVIEWING", "COMPLETED"],
  },
];

export function CampaignFrame({
  view,
  children,
}: {
  view: CampaignView;
  children: (campaign: Campaign) => ReactNode;
}) {
  const { t } = useI18n();
  const { campaignId = "" } = useParams();
  const campaign = useMyCampaign(campaignId);
  // Only the pages the campaign's phase has (a draft has just its overview: no menu).
  const views = campaign.data
    ? VIEWS.filter((v) => !v.phases || v.phases.includes(campaign.data.phase))
    : [];
  const title = view === "overview" ? campaign.data?.title : t(`advertiser.campaign.${view}`);
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Anchor component={Link} to="/advertiser/campaigns" size="sm" w="fit-content">
        {t("advertiser.campaign.back")}
      </Anchor>
      {campaign.isPending ? (
        <PageSkeleton />
      ) : campaign.isError ? (
        <>
          <PageTitle>{t("advertiser.campaign.loadError")}</PageTitle>
          <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />
        </>
      ) : (
        <>
          <Group gap="xs" align="center" wrap="wrap">
            <PageTitle>{title ?? ""}</PageTitle>
            <PhaseBadge phase={campaign.data.phase} />
          </Group>
          {view !== "overview" ? (
            <Anchor
              component={Link}
              to={`/advertiser/campaigns/${campaignId}`}
              mt={-8}
              style={{ overflowWrap: "anywhere" }}
            >
              {campaign.data.title}
            </Anchor>
          ) : null}
          {views.length > 1 ? (
            <Group gap="xs" component="nav" aria-label={t("advertiser.campaign.nav")}>
              {views.map((v) => (
                <Button
                  key={v.view}
                  component={Link}
                  to={`/advertiser/campaigns/${campaignId}${v.path}`}
                  size="xs"
                  variant={v.view === view ? "filled" : "default"}
                  aria-current={v.view === view ? "page" : undefined}
                >
                  {t(v.label)}
                </Button>
              ))}
            </Group>
          ) : null}
          {children(campaign.data)}
        </>
      )}
    </Stack>
  );
}
