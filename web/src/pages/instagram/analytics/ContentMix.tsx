import { Card, List, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";

import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import type { Analytics } from "../types";

const FLAGS = new Set([
  "follows_many",
  "low_engagement",
  "engagement_outliers",
  "follower_spike",
  "few_posts",
]);

/** Sponsored against organic posts, and what the credibility heuristic noticed. */
export function ContentMix({ analytics: a }: { analytics: Analytics }) {
  const { t, number } = useI18n();
  const id = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={id}>
          {t("instagram.analytics.mix")}
        </Title>
        <Text size="sm">
          {t("instagram.analytics.mixCounts", {
            sponsored: number(a.sponsored_posts),
            organic: number(a.organic_posts),
          })}
        </Text>
        {a.sponsored_posts > 0 && a.organic_posts > 0 ? (
          <Text size="sm">
            {t("instagram.analytics.mixRatio", {
              percent: number(Math.round(a.paid_vs_organic_engagement * 100)),
            })}
          </Text>
        ) : null}
        <Text size="sm">
          {t("instagram.analytics.ratio", {
            ratio: number(Math.round(a.credibility.follower_following_ratio * 10) / 10),
          })}
        </Text>
        {a.credibility.flags.length > 0 ? (
          <List size="sm">
            {a.credibility.flags.map((flag) => (
              <List.Item key={flag}>
                {FLAGS.has(flag) ? t(`instagram.flag.${flag}` as MessageKey) : flag}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t("instagram.analytics.noFlags")}</Text>
        )}
      </Stack>
    </Card>
  );
}
