// /admin/queues/campaigns: campaigns submitted for review, shown as the PetStars would see
// them (product, missions, keywords and hashtags, reward, dates, pictures), to approve
// (recruiting opens), reject with a reason (the advertiser may fix it) or cancel.
import {
  Badge,
  Button,
  Card,
  Group,
  Image,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";

import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { decide, useCampaignQueue, useDecision, type Campaign } from "./queries";
import { QueueFrame, QueueList, useDecisionDialog } from "./QueueParts";
import { needsReason, type CampaignDecision as Decision } from "./rules";

type Species = Campaign["target_species"][number];

export function CampaignsPage() {
  const { t } = useI18n();
  const queue = useCampaignQueue();
  return (
    <QueueFrame title={t("adminQueues.campaigns.title")} lead={t("adminQueues.campaigns.lead")}>
      <QueueList
        query={queue}
        label={t("adminQueues.campaigns.list")}
        empty={t("adminQueues.campaigns.empty")}
        item={(campaign) => <CampaignCard key={campaign.id} campaign={campaign} />}
      />
    </QueueFrame>
  );
}

const DECISION_KEYS: Record<Decision, { label: MessageKey; body: MessageKey }> = {
  approve: { label: "adminQueues.approve", body: "adminQueues.campaigns.approveBody" },
  reject: { label: "adminQueues.reject", body: "adminQueues.campaigns.rejectBody" },
  cancel: { label: "adminQueues.campaigns.cancel", body: "adminQueues.campaigns.cancelBody" },
};

function Section({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </div>
  );
}

function CampaignCard({ campaign }: { campaign: Campaign }) {
  const { t, price, date } = useI18n();
  const { ask, dialog } = useDecisionDialog();
  const mutation = useDecision(decide.campaign);
  const headingId = `campaign-${campaign.id}`;
  const span = (from?: string | null, to?: string | null) =>
    from && to ? `${date(from)} – ${date(to)}` : "–";

  const open = (decision: Decision) => {
    const keys = DECISION_KEYS[decision];
    ask(
      {
        key: `${campaign.id}-${decision}`,
        title: t(keys.label),
        body: t(keys.body, { title: campaign.title }),
        confirmLabel: t(keys.label),
        danger: decision !== "approve",
        reason: needsReason(decision),
      },
      (input) => mutation.mutateAsync({ id: campaign.id, decision, reason: input.reason }),
      t("adminQueues.campaigns.done", { title: campaign.title }),
    );
  };

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {campaign.title}
            </Title>
            <Text size="sm" c="dimmed">
              {campaign.company_name}
            </Text>
          </div>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {t(`adminQueues.campaigns.type.${campaign.campaign_type}`)}
            </Badge>
            <Badge variant="outline" color="petful.8">
              {t(`campaigns.phase.${campaign.phase}`)}
            </Badge>
          </Group>
        </Group>
        {campaign.images.length > 0 ? (
          <Group gap="xs">
            {campaign.images.slice(0, 4).map((image, i) => (
              <Image
                key={image.media_id}
                src={image.thumbnails["320"] ?? image.url}
                alt={t("adminQueues.campaigns.picture", { n: i + 1 })}
                w={96}
                h={96}
                radius="sm"
                fit="cover"
              />
            ))}
          </Group>
        ) : null}
        <div>
          <Text fw={600} size="sm">
            {campaign.product_name}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {campaign.product_description}
          </Text>
        </div>
        {campaign.objective ? (
          <Text size="sm">
            {t("adminQueues.campaigns.objective", { objective: campaign.objective })}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Section label={t("adminQueues.campaigns.missions")} items={campaign.missions} />
          <Section label={t("adminQueues.campaigns.requirements")} items={campaign.requirements} />
        </SimpleGrid>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {[
            ...campaign.keywords,
            ...campaign.hashtags.map((tag) => `#${tag.replace(/^#/, "")}`),
          ].join(" ")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
          <Text size="sm">
            {t("adminQueues.campaigns.species", {
              species:
                campaign.target_species.map((s: Species) => t(`pets.species.${s}`)).join(", ") ||
                "–",
            })}
          </Text>
          <Text size="sm">
            {t("adminQueues.campaigns.headcount", { count: campaign.headcount })}
          </Text>
          <Text size="sm">
            {t("adminQueues.campaigns.reward", {
              reward: campaign.reward_description,
              value: price(campaign.reward_value_krw),
            })}
          </Text>
          <Text size="sm">
            {t("adminQueues.campaigns.recruit", {
              span: span(campaign.recruit_start, campaign.recruit_end),
            })}
          </Text>
          <Text size="sm">
            {t("adminQueues.campaigns.announce", {
              at: campaign.announce_at ? date(campaign.announce_at) : "–",
            })}
          </Text>
          <Text size="sm">
            {t("adminQueues.campaigns.activity", {
              span: span(campaign.activity_start, campaign.activity_end),
            })}
          </Text>
        </SimpleGrid>
        <Group gap="xs">
          {(["approve", "reject", "cancel"] as const).map((decision) => (
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
      </Stack>
      {dialog}
    </Card>
  );
}
