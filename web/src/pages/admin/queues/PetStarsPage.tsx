// /admin/queues/petstars: PetStar applications in review (?state= shows decided ones),
// each with the pet, its owner and the Instagram figures the platform measured; an
// approved PetStar can be revoked from here.
import {
  Avatar,
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
import { useSearchParams } from "react-router";

import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { engagementPercent, pictureUrl } from "../../petstars/figures";
import { decide, useDecision, usePetStarQueue, type Application } from "./queries";
import { QueueFrame, QueueList, useDecisionDialog } from "./QueueParts";
import {
  APPLICATION_STATES,
  applicationStateParams,
  needsReason,
  parseApplicationState,
  type ApplicationDecision as Decision,
  type ApplicationStateFilter,
} from "./rules";

type Species = "DOG" | "CAT" | "RABBIT" | "BIRD" | "REPTILE" | "FISH" | "OTHER";

export function PetStarsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = parseApplicationState(params);
  const queue = usePetStarQueue(state);
  return (
    <QueueFrame title={t("adminQueues.petstars.title")} lead={t("adminQueues.petstars.lead")}>
      <SegmentedControl
        fullWidth
        value={state}
        onChange={(value) =>
          setParams(applicationStateParams(value as ApplicationStateFilter), { replace: true })
        }
        aria-label={t("adminQueues.statusFilter")}
        data={APPLICATION_STATES.map((value) => ({
          value,
          label: t(`adminQueues.petstars.state.${value}`),
        }))}
      />
      <QueueList
        query={queue}
        label={t("adminQueues.petstars.list")}
        empty={t(state === "IN_REVIEW" ? "adminQueues.petstars.empty" : "adminQueues.emptyView")}
        item={(application) => <ApplicationCard key={application.id} application={application} />}
      />
    </QueueFrame>
  );
}

const DECISION_KEYS: Record<Decision, { label: MessageKey; body: MessageKey }> = {
  approve: { label: "adminQueues.approve", body: "adminQueues.petstars.approveBody" },
  reject: { label: "adminQueues.reject", body: "adminQueues.petstars.rejectBody" },
  revoke: { label: "adminQueues.petstars.revoke", body: "adminQueues.petstars.revokeBody" },
};

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}

function ApplicationCard({ application }: { application: Application }) {
  const { t, number, dateTime } = useI18n();
  const { ask, dialog } = useDecisionDialog();
  const mutation = useDecision(async (vars: { decision: Decision; reason: string }) =>
    vars.decision === "revoke"
      ? decide.revokePetStar({ id: application.pet_id, reason: vars.reason })
      : decide.application({ id: application.id, reason: vars.reason, decision: vars.decision }),
  );
  const { pet, metrics, owner } = application;
  const name = pet?.name ?? t("adminQueues.petstars.unknownPet");
  const headingId = `application-${application.id}`;
  const decisions: Decision[] =
    application.state === "IN_REVIEW"
      ? ["approve", "reject"]
      : application.state === "APPROVED"
        ? ["revoke"]
        : [];

  const open = (decision: Decision) => {
    const keys = DECISION_KEYS[decision];
    ask(
      {
        key: `${application.id}-${decision}`,
        title: t(keys.label),
        body: t(keys.body, { name }),
        confirmLabel: t(keys.label),
        danger: decision !== "approve",
        reason: needsReason(decision),
      },
      (input) => mutation.mutateAsync({ decision, reason: input.reason }),
      t("adminQueues.petstars.done", { name }),
    );
  };

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap">
            <Avatar src={pictureUrl(pet?.image, 320)} alt="" radius="xl" size="lg" />
            <div>
              <Title order={2} size="h4" id={headingId}>
                {name}
              </Title>
              <Text size="sm" c="dimmed">
                {pet
                  ? [t(`pets.species.${pet.species as Species}`), pet.breed]
                      .filter(Boolean)
                      .join(" · ")
                  : ""}
              </Text>
            </div>
          </Group>
          <Badge variant="outline" color={application.flagged ? "red.9" : "teal.9"}>
            {t(
              application.flagged
                ? "adminQueues.petstars.flagged"
                : "adminQueues.petstars.eligible",
            )}
          </Badge>
        </Group>
        <Text size="sm">
          {pet?.instagram_username
            ? t("adminQueues.petstars.instagram", { username: pet.instagram_username })
            : t("adminQueues.petstars.noInstagram")}
        </Text>
        {metrics ? (
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="instagram-figures">
            <Figure
              label={t("adminQueues.petstars.followers")}
              value={number(metrics.followers_count)}
            />
            <Figure
              label={t("adminQueues.petstars.engagement")}
              value={`${number(engagementPercent(metrics.engagement_rate))}%`}
            />
            <Figure
              label={t("adminQueues.petstars.qualifying", { days: metrics.window_days })}
              value={`${number(metrics.qualifying_posts)} / ${number(metrics.posts_in_window)}`}
            />
            <Figure
              label={t("adminQueues.petstars.measured")}
              value={metrics.measured_at ? dateTime(metrics.measured_at) : "–"}
            />
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {application.verification_error ?? t("adminQueues.petstars.noFigures")}
          </Text>
        )}
        {pet && pet.personality_tags.length > 0 ? (
          <Group gap={6}>
            {pet.personality_tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray">
                {tag}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Text size="xs" c="dimmed">
          {owner
            ? t("adminQueues.petstars.owner", {
                name: owner.name,
                nickname: owner.nickname,
                email: owner.email,
              })
            : t("adminQueues.petstars.noOwner")}
          {application.submitted_at
            ? ` · ${t("adminQueues.petstars.submitted", { at: dateTime(application.submitted_at) })}`
            : ""}
        </Text>
        {application.reason ? (
          <Text size="sm">{t("adminQueues.statusReason", { reason: application.reason })}</Text>
        ) : null}
        {decisions.length > 0 ? (
          <Group gap="xs">
            {decisions.map((decision) => (
              <Button
                key={decision}
                size="xs"
                variant={decision === "approve" ? "filled" : "default"}
                onClick={() => open(decision)}
              >
                {t(DECISION_KEYS[decision].label)}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
      {dialog}
    </Card>
  );
}
