import { SimpleGrid, Stack } from "@mantine/core";
import { useParams } from "react-router";

import { AccountHeader } from "./AccountHeader";
import { CommentsCard } from "./moderation/CommentsCard";
import { LogCard } from "./moderation/LogCard";
import { SettingsForm } from "./moderation/SettingsForm";
import { StatsCard } from "./moderation/StatsCard";

/** Comment moderation of one account: the rules, the comments, and the log. */
export function ModerationPage() {
  const { accountId = "" } = useParams();
  return (
    <Stack maw={1100} mx="auto">
      <AccountHeader accountId={accountId} section="moderation" />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SettingsForm accountId={accountId} />
        <Stack>
          <StatsCard accountId={accountId} />
          <LogCard accountId={accountId} />
        </Stack>
      </SimpleGrid>
      <CommentsCard accountId={accountId} />
    </Stack>
  );
}
