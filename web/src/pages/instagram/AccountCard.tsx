import { Avatar, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { Figure } from "./Figure";
import { PetConnect } from "./PetConnect";
import { LastSynced } from "./LastSynced";
import { ReauthAlert } from "./ReauthAlert";
import { formatChange, formatRate } from "./rules";
import { StatusBadge } from "./StatusBadge";
import { SyncButton } from "./SyncButton";
import type { AccountWithMetrics, Pet } from "./types";
import { UnlinkButton } from "./UnlinkButton";

/** One linked account on the list: its figures, sync state, pet and actions. */
export function AccountCard({
  account,
  pets,
}: {
  account: AccountWithMetrics;
  pets: readonly Pet[];
}) {
  const { t, lang, number } = useI18n();
  const headingId = `instagram-account-${account.id}`;
  const metrics = account.metrics;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {/* Instagram's pictures live on another origin, which the CSP refuses. */}
            <Avatar radius="xl" color="petful" aria-hidden>
              {account.username.slice(0, 1).toUpperCase()}
            </Avatar>
            <div style={{ minWidth: 0 }}>
              <Title order={2} fz="h4" id={headingId} style={{ overflowWrap: "anywhere" }}>
                @{account.username}
              </Title>
              <Text size="sm" c="dimmed">
                {account.name}
              </Text>
            </div>
          </Group>
          <StatusBadge status={account.status} />
        </Group>

        {account.status === "NEEDS_REAUTH" ? <ReauthAlert account={account} /> : null}

        <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} m={0}>
          <Figure label={t("instagram.figure.followers")} value={number(account.followers_count)} />
          <Figure label={t("instagram.figure.posts")} value={number(account.media_count)} />
          <Figure
            label={t("instagram.figure.engagement")}
            value={metrics ? formatRate(metrics.engagement_rate, lang) : "–"}
          />
          <Figure
            label={t("instagram.figure.followersChange")}
            value={metrics ? formatChange(metrics.followers_change, lang) : "–"}
          />
        </SimpleGrid>

        <div>
          <LastSynced at={account.last_synced_at} />
          {account.last_sync_error ? (
            <Text size="sm" c="red.8">
              {t("instagram.sync.lastError", { error: account.last_sync_error })}
            </Text>
          ) : null}
        </div>

        <PetConnect account={account} pets={pets} />

        <Group gap="sm">
          <Button component={Link} to={`/instagram/${account.id}`}>
            {t("instagram.nav.analytics")}
          </Button>
          <Button component={Link} to={`/instagram/${account.id}/moderation`} variant="default">
            {t("instagram.nav.moderation")}
          </Button>
          <SyncButton account={account} />
          <UnlinkButton account={account} />
        </Group>
      </Stack>
    </Card>
  );
}
