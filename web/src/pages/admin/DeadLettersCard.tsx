// Events a notification subscriber failed on in every attempt: which subscriber, which
// event, the last error, and sending one again (after a confirmation) once the cause is fixed.
import { Badge, Button, Card, Code, Group, Skeleton, Stack, Text } from "@mantine/core";

import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";
import { MoreButton, Section } from "./bits";
import { useDeadLetters, useRetryDeadLetter } from "./queries";
import type { DeadLetter } from "./types";
import { useConfirm } from "./useConfirm";

function Row({ letter, onRetry }: { letter: DeadLetter; onRetry: () => void }) {
  const { t, number, dateTime } = useI18n();
  return (
    <Card withBorder padding="sm" component="li" data-testid="dead-letter">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text fw={700} size="sm" style={{ overflowWrap: "anywhere" }}>
            {letter.topic}
          </Text>
          <Badge color="gray.7">
            {t("admin.dead.attempts", { count: number(letter.attempts) })}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {letter.consumer}
        </Text>
        <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {letter.error}
        </Code>
        <Text size="xs" c="gray.7">
          {t("admin.dead.lastFailed", { date: dateTime(letter.last_failed_at) })}
          {letter.retried_at
            ? ` · ${t("admin.dead.retried", { date: dateTime(letter.retried_at) })}`
            : ""}
        </Text>
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={onRetry}>
            {t("admin.dead.retry")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function DeadLettersCard() {
  const { t } = useI18n();
  const letters = useDeadLetters();
  const retry = useRetryDeadLetter();
  const confirm = useConfirm<DeadLetter>(null, t);
  const items = letters.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section id="admin-dead-letters" title={t("admin.dead.title")} lead={t("admin.dead.lead")}>
      {letters.isPending ? (
        <Skeleton height={100} aria-busy="true" aria-label={t("common.loading")} />
      ) : null}
      {letters.isError ? (
        <QueryError error={letters.error} onRetry={() => void letters.refetch()} />
      ) : null}
      {letters.isSuccess && items.length === 0 ? (
        <Text size="sm" data-testid="dead-letters-empty">
          {t("admin.dead.empty")}
        </Text>
      ) : null}
      <Stack component="ul" gap="xs" p={0} m={0} mb="sm" style={{ listStyle: "none" }}>
        {items.map((letter) => (
          <Row key={letter.id} letter={letter} onRetry={() => confirm.ask(letter)} />
        ))}
      </Stack>
      <MoreButton
        hasMore={letters.hasNextPage}
        loading={letters.isFetchingNextPage}
        onMore={() => void letters.fetchNextPage()}
      />
      <ConfirmModal
        opened={confirm.pending !== null}
        title={t("admin.dead.retry")}
        body={
          confirm.pending
            ? t("admin.dead.confirm", {
                consumer: confirm.pending.consumer,
                topic: confirm.pending.topic,
              })
            : ""
        }
        confirmLabel={t("admin.dead.retry")}
        pending={retry.isPending}
        error={confirm.error}
        onClose={confirm.close}
        onConfirm={() =>
          confirm.confirm((letter, settle) =>
            retry.mutate(letter.id, {
              onSuccess: () => {
                settle.done();
                notify(t, { color: "green", message: t("admin.dead.done") });
              },
              onError: settle.failed,
            }),
          )
        }
      />
    </Section>
  );
}
