import { Button, Group, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { Link, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { CampaignCard } from "./CampaignCard";
import { CampaignFilters } from "./CampaignFilters";
import { useNow } from "./CampaignBits";
import { useCampaignList, useSignedIn } from "./queries";
import { readFilters, writeFilters, type Filters } from "./rules";
import { TABS, type Tab } from "./types";

function Results({ filters, signedIn }: { filters: Filters; signedIn: boolean | null }) {
  const { t } = useI18n();
  const now = useNow();
  const list = useCampaignList(filters, signedIn);
  if (list.isPending) return <CardGridSkeleton count={6} />;
  // A failed next page keeps the pages already shown (its error goes under them).
  if (list.isError && !list.isFetchNextPageError) {
    return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  }
  const items = list.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Text c="dimmed" py="lg">
        {filters.tab === "applied" && !filters.q && !filters.species
          ? t("campaigns.emptyApplied")
          : t("campaigns.empty")}
      </Text>
    );
  }
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {items.map((campaign) => (
          <CampaignCard key={campaign.id} campaign={campaign} now={now} />
        ))}
      </SimpleGrid>
      {list.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          >
            {t("campaigns.more")}
          </Button>
        </Group>
      ) : null}
      {list.isFetchNextPageError ? (
        <QueryError error={list.error} onRetry={() => list.fetchNextPage()} />
      ) : null}
    </Stack>
  );
}

/** Campaigns to browse: recruiting, applied (signed in) and closed, searched and sorted. */
export function CampaignsPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params, signedIn === true);
  const tabs = TABS.filter((tab) => tab !== "applied" || signedIn);
  const update = (patch: Partial<Filters>) => setParams(writeFilters({ ...filters, ...patch }));

  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <PageTitle>{t("campaigns.title")}</PageTitle>
          <Text mt={-8}>{t("campaigns.lead")}</Text>
        </div>
        {signedIn ? (
          <Button component={Link} to="/campaigns/applications" variant="light">
            {t("campaigns.myApplications")}
          </Button>
        ) : null}
      </Group>
      <CampaignFilters key={filters.q} filters={filters} onChange={update} />
      <Tabs value={filters.tab} onChange={(tab) => update({ tab: (tab ?? "recruiting") as Tab })}>
        <Tabs.List aria-label={t("campaigns.tab.label")} mb="md">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`campaigns.tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab} value={tab}>
            {tab === filters.tab ? <Results filters={filters} signedIn={signedIn} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
