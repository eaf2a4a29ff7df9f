// What every queue page shares: the frame (the console's header and menu, the way back to
// the queues' index), the list with its loading, failure, empty and "more" states, and the decision
// dialog wiring.
import { Anchor, Button, Card, Skeleton, Stack, Text } from "@mantine/core";
import type { UseInfiniteQueryResult, InfiniteData } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { notify } from "../../../lib/notify";
import { AdminHeader } from "../bits";
import { DecisionDialog, type DecisionInput, type DecisionRequest } from "./DecisionDialog";

export const QUEUES_PATH = "/admin/queues";

/** A queue page: the console's header (as on its other pages) and a way to the index. */
export function QueueFrame({
  title,
  lead,
  children,
}: {
  title: string;
  lead: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Stack w="100%">
      <AdminHeader title={title} lead={lead} />
      <Anchor component={Link} to={QUEUES_PATH} size="sm">
        {t("adminQueues.back")}
      </Anchor>
      {children}
    </Stack>
  );
}

type Pages<T> = UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;

/** A queue's items a page at a time (the API's order), each drawn by `item`. */
export function QueueList<T>({
  query,
  label,
  empty,
  item,
}: {
  query: Pages<T>;
  label: string;
  empty: string;
  item: (value: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t("common.loading")}>
        {[0, 1].map((i) => (
          <Card key={i} withBorder padding="md">
            <Skeleton height={20} width="50%" mb="sm" />
            <Skeleton height={14} mb={8} />
            <Skeleton height={14} width="70%" />
          </Card>
        ))}
      </Stack>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const items = query.data.pages.flatMap((page) => page.items);
  return (
    <section aria-label={label}>
      <Stack>
        {items.length === 0 ? (
          <Card withBorder padding="lg">
            <Text c="dimmed" ta="center">
              {empty}
            </Text>
          </Card>
        ) : (
          items.map(item)
        )}
        {query.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t("adminQueues.more")}
          </Button>
        ) : null}
      </Stack>
    </section>
  );
}

/** Open a decision's dialog; `run` calls the API, `done` is said once it has succeeded. */
export function useDecisionDialog() {
  const { t } = useI18n();
  const [open, setOpen] = useState<{
    request: DecisionRequest;
    run: (input: DecisionInput) => Promise<unknown>;
    done: string;
  } | null>(null);
  const ask = (
    request: DecisionRequest,
    run: (input: DecisionInput) => Promise<unknown>,
    done: string,
  ) => setOpen({ request, run, done });
  const dialog = open ? (
    <DecisionDialog
      key={open.request.key}
      request={open.request}
      onConfirm={async (input) => {
        await open.run(input);
        notify(t, { message: open.done, color: "teal" });
      }}
      onClose={() => setOpen(null)}
    />
  ) : null;
  return { ask, dialog };
}
