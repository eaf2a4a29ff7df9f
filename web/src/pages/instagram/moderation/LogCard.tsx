import { Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";

import { QueryError } from "../../../components/QueryError";
import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { useModerationLog } from "../queries";
import { ReasonText } from "./ReasonText";

const ACTIONS = new Set(["HIDE", "UNHIDE", "DELETE"]);

/** Every moderation decision, newest first: what, why, by the rules or by the owner. */
export function LogCard({ accountId }: { accountId: string }) {
  const { t, dateTime } = useI18n();
  const id = useId();
  const log = useModerationLog(accountId);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={id}>
          {t("instagram.log.title")}
        </Title>
        {log.isPending ? <Skeleton height={120} aria-busy="true" /> : null}
        {log.isError ? <QueryError error={log.error} onRetry={() => log.refetch()} /> : null}
        {log.isSuccess && entries.length === 0 ? (
          <Text size="sm" ta="center" py="lg">
            {t("instagram.log.empty")}
          </Text>
        ) : null}
        {entries.length > 0 ? (
          <Stack component="ol" gap={0} m={0} p={0} style={{ listStyle: "none" }}>
            {entries.map((entry) => (
              <Group
                component="li"
                key={entry.id}
                justify="space-between"
                wrap="wrap"
                gap="xs"
                py="xs"
                style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}
              >
                <Group gap="xs" wrap="wrap">
                  <Badge variant="outline" color="dark">
                    {ACTIONS.has(entry.action)
                      ? t(`instagram.log.action.${entry.action}` as MessageKey)
                      : entry.action}
                  </Badge>
                  <Text size="sm">
                    <ReasonText reason={entry.reason} />
                  </Text>
                  <Text size="sm" c="dimmed">
                    {entry.by === "rule" ? t("instagram.log.byRule") : t("instagram.log.byUser")}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {entry.at ? dateTime(entry.at) : ""}
                </Text>
              </Group>
            ))}
          </Stack>
        ) : null}
        {log.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => log.fetchNextPage()}
            loading={log.isFetchingNextPage}
          >
            {t("instagram.more")}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}
