import { Alert, Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { CancelApplication } from "./CancelApplication";
import { StatusBadge } from "./CampaignBits";
import { ChecklistView } from "./ChecklistView";
import { ContentForm } from "./ContentForm";
import { canCancel, contentStep } from "./rules";
import type { Applicant, CampaignAd } from "./types";

function Shipment({ applicant }: { applicant: Applicant }) {
  const { t, dateTime } = useI18n();
  const shipment = applicant.shipment;
  if (!shipment) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t("campaigns.shipment.title")}
      </Text>
      <SimpleGrid component="dl" cols={{ base: 2, xs: 3 }} m={0} spacing="xs" verticalSpacing={4}>
        <div>
          <Text component="dt" size="xs" c="dimmed">
            {t("campaigns.shipment.carrier")}
          </Text>
          <Text component="dd" m={0} size="sm">
            {shipment.carrier}
          </Text>
        </div>
        <div>
          <Text component="dt" size="xs" c="dimmed">
            {t("campaigns.shipment.tracking")}
          </Text>
          <Text component="dd" m={0} size="sm" ff="monospace">
            {shipment.tracking_number}
          </Text>
        </div>
        {shipment.shipped_at ? (
          <div>
            <Text component="dt" size="xs" c="dimmed">
              {t("campaigns.shipment.shippedAt")}
            </Text>
            <Text component="dd" m={0} size="sm">
              {dateTime(shipment.shipped_at)}
            </Text>
          </div>
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}

function Submissions({ applicant }: { applicant: Applicant }) {
  const { t, dateTime, number } = useI18n();
  if (!applicant.post_url && applicant.submissions.length === 0) return null;
  return (
    <Stack gap={4}>
      {applicant.post_url ? (
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm">
            {t("campaigns.content.post")}
          </Text>
          <Anchor href={applicant.post_url} target="_blank" rel="noopener noreferrer" size="sm">
            {t("campaigns.content.openPost")}
          </Anchor>
          {applicant.likes !== null && applicant.comments !== null ? (
            <Text size="sm" c="dimmed">
              {t("campaigns.content.figures", {
                likes: number(applicant.likes),
                comments: number(applicant.comments),
              })}
            </Text>
          ) : null}
        </Group>
      ) : null}
      {applicant.submissions.length > 1 ? (
        <>
          <Text size="sm" fw={600}>
            {t("campaigns.content.history")}
          </Text>
          <List size="sm" spacing={2}>
            {applicant.submissions.map((s) => (
              <List.Item key={`${s.url}-${s.submitted_at ?? ""}`}>
                {s.submitted_at
                  ? t("campaigns.content.submittedAt", { date: dateTime(s.submitted_at) })
                  : s.url}
                {s.decision ? <> · {t(`campaigns.status.${s.decision}`)}</> : null}
                {s.reason ? <> · {s.reason}</> : null}
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
}

/** One application: its status and why, shipment, post and checklist, and what to do next. */
export function ApplicationCard({
  applicant,
  campaign,
}: {
  applicant: Applicant;
  campaign: CampaignAd | undefined;
}) {
  const { t, date, dateTime } = useI18n();
  const step = contentStep(applicant, campaign);
  const headingId = `application-${applicant.id}`;
  const revision = applicant.status === "REVISION_REQUESTED";
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Title id={headingId} order={3} fz="md">
              <Anchor component={Link} to={`/campaigns/${applicant.campaign_id}`} inherit>
                {applicant.campaign_title}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {t("campaigns.applications.pet", { pet: applicant.pet_name })}
              {applicant.created_at
                ? ` · ${t("campaigns.applications.appliedOn", { date: date(applicant.created_at) })}`
                : ""}
            </Text>
          </div>
          <StatusBadge status={applicant.status} />
        </Group>
        <Text size="sm">{t(`campaigns.statusHelp.${applicant.status}`)}</Text>
        {applicant.note ? (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {t("campaigns.applications.note")}: {applicant.note}
          </Text>
        ) : null}
        {applicant.status_reason ? (
          <Alert
            variant="light"
            color={revision ? "petful" : "gray"}
            // Mantine's light title colour is too pale for WCAG AA on its own tint.
            styles={{ title: { color: `var(--mantine-color-${revision ? "petful" : "gray"}-9)` } }}
            title={
              revision
                ? t("campaigns.applications.revisionReason")
                : t("campaigns.applications.reason")
            }
          >
            <Text size="sm">{applicant.status_reason}</Text>
          </Alert>
        ) : null}
        <Shipment applicant={applicant} />
        <Submissions applicant={applicant} />
        {applicant.checklist ? (
          <ChecklistView checklist={applicant.checklist} headingId={`checklist-${applicant.id}`} />
        ) : null}
        {step === "notYet" && campaign?.activity_start ? (
          <Text size="sm">
            {t("campaigns.content.notYet", { date: dateTime(campaign.activity_start) })}
          </Text>
        ) : null}
        {step === "submit" || step === "resubmit" ? (
          <ContentForm applicant={applicant} resubmit={step === "resubmit"} />
        ) : null}
        {canCancel(applicant, campaign) ? (
          <Group justify="flex-end">
            <CancelApplication applicant={applicant} />
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
