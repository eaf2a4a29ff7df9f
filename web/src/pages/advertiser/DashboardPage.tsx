// The advertiser's first page: what waits for them (applications to choose from, posts to
// review), the campaigns by phase and this week's deadlines. Until the company is approved
// the figures do not exist (the API answers 403), so the page points to the profile instead.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { useDashboard, useProfile } from "./queries";
import { phaseGroup } from "./rules";
import { PHASES, type Dashboard, type Profile } from "./types";

function NotApproved({ profile }: { profile: Profile | null }) {
  const { t } = useI18n();
  const status = profile?.status ?? "NONE";
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t(`advertiser.dashboard.notApproved.${status}`)}
        </Title>
        <Text size="sm">{t(`advertiser.profile.statusBody.${status}`)}</Text>
        <Button component={Link} to="/advertiser/profile" w="fit-content">
          {t("advertiser.dashboard.toProfile")}
        </Button>
      </Stack>
    </Card>
  );
}

function Figure({ label, value, to }: { label: string; value: number; to: string }) {
  const { number } = useI18n();
  return (
    <Card withBorder padding="md" component={Link} to={to}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {number(value)}
      </Text>
    </Card>
  );
}

function Figures({ dashboard }: { dashboard: Dashboard }) {
  const { t, dateTime } = useI18n();
  const byPhase = dashboard.campaigns_by_phase;
  const running = ["ANNOUNCED", "IN_PROGRESS", "REVIEWING"].reduce(
    (sum, phase) => sum + (byPhase[phase] ?? 0),
    0,
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Figure
          label={t("advertiser.dashboard.applicationsWaiting")}
          value={dashboard.applications_waiting}
          to="/advertiser/campaigns?phase=recruiting"
        />
        <Figure
          label={t("advertiser.dashboard.postsWaiting")}
          value={dashboard.posts_waiting}
          to="/advertiser/campaigns?phase=running"
        />
        <Figure
          label={t("advertiser.dashboard.running")}
          value={running}
          to="/advertiser/campaigns?phase=running"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="md" component="section" aria-labelledby="dash-phases">
          <Title order={2} fz="h4" id="dash-phases" mb="sm">
            {t("advertiser.dashboard.byPhase")}
          </Title>
          {Object.keys(byPhase).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("advertiser.dashboard.noCampaigns")}
            </Text>
          ) : (
            <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {PHASES.filter((phase) => byPhase[phase]).map((phase) => (
                <Group key={phase} component="li" justify="space-between">
                  <Anchor component={Link} to={`/advertiser/campaigns?phase=${phaseGroup(phase)}`}>
                    {t(`campaigns.phase.${phase}`)}
                  </Anchor>
                  <Badge variant="light" c="petful.9">
                    {t("advertiser.dashboard.count", { count: byPhase[phase] ?? 0 })}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="dash-deadlines">
          <Title order={2} fz="h4" id="dash-deadlines" mb="sm">
            {t("advertiser.dashboard.deadlines")}
          </Title>
          {dashboard.deadlines.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("advertiser.dashboard.noDeadlines")}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {dashboard.deadlines.map((d) => (
                <li key={`${d.campaign_id}-${d.kind}`}>
                  <Anchor component={Link} to={`/advertiser/campaigns/${d.campaign_id}`}>
                    {d.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t(`advertiser.dashboard.deadline.${d.kind}`, { at: dateTime(d.at) })}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const profile = useProfile();
  const approved = profile.data?.status === "APPROVED";
  const dashboard = useDashboard(approved);
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <PageTitle>{t("advertiser.title")}</PageTitle>
          <Text mt={-8}>
            {approved && profile.data
              ? t("advertiser.dashboard.lead", { company: profile.data.company_name })
              : t("advertiser.dashboard.leadNew")}
          </Text>
        </div>
        {approved ? (
          <Group gap="xs">
            <Button component={Link} to="/advertiser/campaigns" variant="default">
              {t("advertiser.dashboard.campaigns")}
            </Button>
            <Button component={Link} to="/advertiser/campaigns/new">
              {t("advertiser.campaigns.new")}
            </Button>
          </Group>
        ) : null}
      </Group>
      {profile.isPending || (approved && dashboard.isPending) ? (
        <PageSkeleton />
      ) : profile.isError ? (
        <QueryError error={profile.error} onRetry={() => profile.refetch()} />
      ) : !approved ? (
        <NotApproved profile={profile.data} />
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : dashboard.data ? (
        <Figures dashboard={dashboard.data} />
      ) : null}
      {approved ? (
        <Anchor component={Link} to="/advertiser/profile" size="sm">
          {t("advertiser.dashboard.profileLink")}
        </Anchor>
      ) : null}
    </Stack>
  );
}
