import { Badge, Group, Stack, Text, Timeline, Title } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { timeline, type StepState } from "./rules";
import type { CampaignAd } from "./types";

const STATE_COLOURS: Record<StepState, string> = {
  done: "gray",
  current: "green",
  upcoming: "blue",
};

/** Recruitment, announcement and activity dates in order, in Korea's time. */
export function CampaignTimeline({ campaign, now }: { campaign: CampaignAd; now: Date }) {
  const { t, dateTime } = useI18n();
  const steps = timeline(campaign, now);
  const active = steps.reduce((last, step, i) => (step.state === "upcoming" ? last : i), -1);
  return (
    <Stack component="section" aria-labelledby="campaign-schedule" gap="sm">
      <Title id="campaign-schedule" order={2} fz="lg">
        {t("campaigns.detail.schedule")}
      </Title>
      <Timeline
        active={active}
        bulletSize={18}
        lineWidth={2}
        component="ol"
        m={0}
        style={{ listStyle: "none" }}
      >
        {steps.map((step) => (
          <Timeline.Item
            key={step.key}
            component="li"
            title={
              <Group gap="xs" wrap="wrap">
                <Text fw={700} component="span">
                  {t(`campaigns.step.${step.key}`)}
                </Text>
                <Badge size="sm" variant="dot" color={STATE_COLOURS[step.state]}>
                  {t(`campaigns.step.${step.state}`)}
                </Badge>
              </Group>
            }
          >
            <Text size="sm">
              {step.end
                ? t("campaigns.range", { start: dateTime(step.start), end: dateTime(step.end) })
                : dateTime(step.start)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <Text size="xs" c="dimmed">
        {t("campaigns.detail.timeZone")}
      </Text>
    </Stack>
  );
}
