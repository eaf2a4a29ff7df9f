// The advertiser's campaigns: searched (title, product, keywords), filtered by phase or the
// archive (보관함) and sorted by the API, a page at a time; the filters live in the address
// so a filtered list can be bookmarked or shared with a colleague.
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Link, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { ConsoleCampaignCard } from "./ConsoleCampaignCard";
import { useMyCampaigns } from "./queries";
import {
  LIST_SORTS,
  listQuery,
  PHASE_GROUPS,
  readListFilters,
  writeListFilters,
  type ListFilters,
  type ListSort,
  type PhaseGroup,
} from "./rules";

export function CampaignListPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = readListFilters(params);
  const update = (patch: Partial<ListFilters>) =>
    setParams(writeListFilters({ ...filters, ...patch }), { replace: true });
  // The address follows every key; the API only once typing pauses. (A delayed address
  // update instead would land after a click on a card and take the person back here.)
  const [settledQ] = useDebouncedValue(filters.q, 300);
  const campaigns = useMyCampaigns(listQuery({ ...filters, q: settledQ }));
  const shown = campaigns.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.q.trim() !== "" || filters.group !== "all";

  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <PageTitle>{t("advertiser.campaigns.title")}</PageTitle>
          <Text mt={-8}>{t("advertiser.campaigns.lead")}</Text>
        </div>
        <Button component={Link} to="/advertiser/campaigns/new">
          {t("advertiser.campaigns.new")}
        </Button>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap" role="search">
        <TextInput
          label={t("advertiser.campaigns.search")}
          placeholder={t("advertiser.campaigns.searchPlaceholder")}
          type="search"
          value={filters.q}
          maxLength={100}
          onChange={(event) => update({ q: event.currentTarget.value })}
          style={{ flex: "1 1 220px" }}
        />
        <Select
          label={t("advertiser.campaigns.phase")}
          data={PHASE_GROUPS.map((group) => ({
            value: group,
            label: t(`advertiser.campaigns.group.${group}`),
          }))}
          value={filters.group}
          onChange={(value) => update({ group: (value ?? "all") as PhaseGroup })}
          allowDeselect={false}
          w={150}
        />
        <Select
          label={t("advertiser.campaigns.sort")}
          data={LIST_SORTS.map((sort) => ({
            value: sort,
            label: t(`advertiser.campaigns.sort.${sort}`),
          }))}
          value={filters.sort}
          onChange={(value) => update({ sort: (value ?? "updated") as ListSort })}
          allowDeselect={false}
          w={150}
        />
      </Group>
      {filters.group === "archived" ? (
        <Text size="sm" c="gray.7">
          {t("advertiser.campaigns.archiveLead")}
        </Text>
      ) : null}
      {campaigns.isPending ? (
        <CardGridSkeleton count={6} />
      ) : campaigns.isError ? (
        <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />
      ) : shown.length === 0 ? (
        <Text c="dimmed" py="lg">
          {filters.group === "archived"
            ? t("advertiser.campaigns.archiveEmpty")
            : filtered
              ? t("advertiser.campaigns.noMatch")
              : t("advertiser.campaigns.none")}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {campaigns.hasNextPage
              ? t("advertiser.campaigns.countMore", { count: shown.length })
              : t("advertiser.campaigns.count", { count: shown.length })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {shown.map((campaign) => (
              <ConsoleCampaignCard key={campaign.id} campaign={campaign} />
            ))}
          </SimpleGrid>
          {campaigns.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                loading={campaigns.isFetchingNextPage}
                onClick={() => void campaigns.fetchNextPage()}
              >
                {t("advertiser.campaigns.more")}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}
