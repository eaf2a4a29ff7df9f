// /admin/queues/advertisers: company profiles waiting for approval (?status= shows the
// approved, restricted or rejected ones), each with its business document.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import type { ReactNode } from "react";
import { useSearchParams } from "react-router";

import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { DocumentViewer } from "./DocumentViewer";
import { decide, useAdvertiserQueue, useDecision, type Profile } from "./queries";
import { QueueFrame, QueueList, useDecisionDialog } from "./QueueParts";
import {
  ADVERTISER_STATUSES,
  advertiserDecisions,
  advertiserStatusParams,
  needsReason,
  parseAdvertiserStatus,
  type AdvertiserDecision,
  type AdvertiserStatusFilter,
} from "./rules";

export function AdvertisersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = parseAdvertiserStatus(params);
  const queue = useAdvertiserQueue(status);
  return (
    <QueueFrame title={t("adminQueues.advertisers.title")} lead={t("adminQueues.advertisers.lead")}>
      <SegmentedControl
        fullWidth
        value={status}
        onChange={(value) =>
          setParams(advertiserStatusParams(value as AdvertiserStatusFilter), { replace: true })
        }
        aria-label={t("adminQueues.statusFilter")}
        data={ADVERTISER_STATUSES.map((value) => ({
          value,
          label: t(`adminQueues.advertisers.status.${value}`),
        }))}
      />
      <QueueList
        query={queue}
        label={t("adminQueues.advertisers.list")}
        empty={t(status === "PENDING" ? "adminQueues.advertisers.empty" : "adminQueues.emptyView")}
        item={(profile) => <AdvertiserCard key={profile.user_id} profile={profile} />}
      />
    </QueueFrame>
  );
}

const DECISION_KEYS: Record<AdvertiserDecision, { label: MessageKey; body: MessageKey }> = {
  approve: { label: "adminQueues.approve", body: "adminQueues.advertisers.approveBody" },
  reject: { label: "adminQueues.reject", body: "adminQueues.advertisers.rejectBody" },
  restrict: {
    label: "adminQueues.advertisers.restrict",
    body: "adminQueues.advertisers.restrictBody",
  },
  reinstate: {
    label: "adminQueues.advertisers.reinstate",
    body: "adminQueues.advertisers.reinstateBody",
  },
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {children || "–"}
      </Text>
    </div>
  );
}

function AdvertiserCard({ profile }: { profile: Profile }) {
  const { t, dateTime } = useI18n();
  const { ask, dialog } = useDecisionDialog();
  const mutation = useDecision(decide.advertiser);
  const headingId = `advertiser-${profile.user_id}`;

  const open = (decision: AdvertiserDecision) => {
    const keys = DECISION_KEYS[decision];
    ask(
      {
        key: `${profile.user_id}-${decision}`,
        title: t(keys.label),
        body: t(keys.body, { company: profile.company_name }),
        confirmLabel: t(keys.label),
        danger: decision === "reject" || decision === "restrict",
        reason: needsReason(decision),
      },
      (input) => mutation.mutateAsync({ id: profile.user_id, decision, ...input }),
      t("adminQueues.advertisers.done", { company: profile.company_name }),
    );
  };

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {profile.company_name}
          </Title>
          <Badge variant="outline" color={profile.status === "PENDING" ? "petful.8" : "gray.7"}>
            {t(`adminQueues.advertisers.status.${profile.status as AdvertiserStatusFilter}`)}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Fact label={t("adminQueues.advertisers.brn")}>
            {profile.business_registration_number}
          </Fact>
          <Fact label={t("adminQueues.advertisers.representative")}>
            {profile.representative_name}
          </Fact>
          <Fact label={t("adminQueues.advertisers.contact")}>
            {[profile.contact_email, profile.phone].filter(Boolean).join(" · ")}
          </Fact>
          <Fact label={t("adminQueues.advertisers.website")}>
            {profile.website ? (
              <Anchor href={profile.website} target="_blank" rel="noopener noreferrer">
                {profile.website}
              </Anchor>
            ) : null}
          </Fact>
          <Fact label={t("adminQueues.advertisers.submitted")}>
            {profile.submitted_at ? dateTime(profile.submitted_at) : null}
          </Fact>
        </SimpleGrid>
        {profile.description ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {profile.description}
          </Text>
        ) : null}
        {profile.status_reason ? (
          <Text size="sm">{t("adminQueues.statusReason", { reason: profile.status_reason })}</Text>
        ) : null}
        <DocumentViewer profile={profile} />
        <Group gap="xs" wrap="wrap">
          {advertiserDecisions(profile.status).map((decision) => (
            <Button
              key={decision}
              size="xs"
              variant={decision === "approve" || decision === "reinstate" ? "filled" : "default"}
              onClick={() => open(decision)}
            >
              {t(DECISION_KEYS[decision].label)}
            </Button>
          ))}
        </Group>
      </Stack>
      {dialog}
    </Card>
  );
}
