import { Button, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { ApplicationCard } from "./ApplicationCard";
import { InvitationsSection } from "./InvitationsSection";
import { useAppliedCampaigns, useIsOwner, useMyApplications } from "./queries";
import { RecommendedSection } from "./RecommendedSection";

function Applications() {
  const { t } = useI18n();
  const applications = useMyApplications();
  // The campaigns' phases say what each application allows; asked at the same time.
  const campaigns = useAppliedCampaigns();
  if (applications.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t("common.loading")}>
        <Skeleton height={120} />
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (applications.isError) {
    return <QueryError error={applications.error} onRetry={() => applications.refetch()} />;
  }
  const items = applications.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Group justify="space-between" wrap="wrap">
        <Text c="dimmed">{t("campaigns.applications.empty")}</Text>
        <Button component={Link} to="/campaigns" variant="light">
          {t("campaigns.applications.browse")}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="md">
      {campaigns.isError ? (
        <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />
      ) : null}
      {items.map((applicant) => (
        <ApplicationCard
          key={applicant.id}
          applicant={applicant}
          campaign={campaigns.data?.get(applicant.campaign_id)}
        />
      ))}
      {applications.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            loading={applications.isFetchingNextPage}
            onClick={() => applications.fetchNextPage()}
          >
            {t("campaigns.more")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** My applications with their status and next step, invitations, and recommendations. */
export function MyApplicationsPage() {
  const { t } = useI18n();
  const owner = useIsOwner();
  return (
    <Stack maw={900} mx="auto" gap="xl">
      <div>
        <PageTitle>{t("campaigns.applications.title")}</PageTitle>
        <Button component={Link} to="/campaigns" variant="subtle" px={0}>
          ← {t("campaigns.detail.back")}
        </Button>
      </div>
      {owner ? (
        <>
          <InvitationsSection />
          <Stack component="section" aria-labelledby="applications-title" gap="sm">
            <Title id="applications-title" order={2} fz="xl">
              {t("campaigns.applications.list")}
            </Title>
            <Applications />
          </Stack>
          <RecommendedSection />
        </>
      ) : (
        <Text>{t("campaigns.apply.ownersOnly")}</Text>
      )}
    </Stack>
  );
}
