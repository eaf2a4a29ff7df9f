// /admin/queues: the four review queues with what waits in each.
import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { QueryError } from "../../../components/QueryError";
import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { AdminHeader } from "../bits";
import { useWaitingCounts } from "./queries";
import { QUEUES_PATH } from "./QueueParts";
import { countText } from "./rules";

const QUEUES = ["advertisers", "petstars", "campaigns", "reports"] as const;

const KEYS: Record<(typeof QUEUES)[number], { title: MessageKey; lead: MessageKey }> = {
  advertisers: { title: "adminQueues.advertisers.title", lead: "adminQueues.advertisers.lead" },
  petstars: { title: "adminQueues.petstars.title", lead: "adminQueues.petstars.lead" },
  campaigns: { title: "adminQueues.campaigns.title", lead: "adminQueues.campaigns.lead" },
  reports: { title: "adminQueues.reports.title", lead: "adminQueues.reports.lead" },
};

export function QueuesPage() {
  const { t } = useI18n();
  const counts = useWaitingCounts();
  return (
    <Stack w="100%">
      <AdminHeader title={t("adminQueues.title")} lead={t("adminQueues.lead")} />
      {counts.isError ? <QueryError error={counts.error} onRetry={() => counts.refetch()} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {QUEUES.map((queue) => {
          const count = counts.data?.[queue];
          return (
            <Card
              key={queue}
              withBorder
              padding="lg"
              component={Link}
              to={`${QUEUES_PATH}/${queue}`}
              data-testid={`queue-${queue}`}
            >
              <Group justify="space-between" wrap="nowrap" mb="xs">
                <Title order={2} size="h4">
                  {t(KEYS[queue].title)}
                </Title>
                {count ? (
                  <Badge size="lg" color={count.items > 0 ? "petful.8" : "gray.7"}>
                    {t("adminQueues.waiting", { count: countText(count.items, count.hasMore) })}
                  </Badge>
                ) : counts.isPending ? (
                  <Skeleton
                    height={26}
                    width={40}
                    aria-busy="true"
                    aria-label={t("common.loading")}
                  />
                ) : null}
              </Group>
              <Text size="sm" c="dimmed">
                {t(KEYS[queue].lead)}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
