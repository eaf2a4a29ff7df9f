import { Button, Card, SegmentedControl, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useId, useState } from "react";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { useComments } from "../queries";
import type { Sentiment } from "../types";
import { CommentItem } from "./CommentItem";

const ALL = "ALL";

/** The synced comments, newest first, filtered by how they feel; each can be moderated. */
export function CommentsCard({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState<string>(ALL);
  const sentiment = filter === ALL ? null : (filter as Sentiment);
  const comments = useComments(accountId, sentiment);
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={id}>
          {t("instagram.comments.title")}
        </Title>
        <SegmentedControl
          aria-label={t("instagram.comments.filter")}
          value={filter}
          onChange={setFilter}
          fullWidth
          data={[
            { value: ALL, label: t("instagram.comments.all") },
            { value: "POSITIVE", label: t("instagram.sentiment.POSITIVE") },
            { value: "NEUTRAL", label: t("instagram.sentiment.NEUTRAL") },
            { value: "NEGATIVE", label: t("instagram.sentiment.NEGATIVE") },
          ]}
        />
        {comments.isPending ? <Skeleton height={200} aria-busy="true" /> : null}
        {comments.isError ? (
          <QueryError error={comments.error} onRetry={() => comments.refetch()} />
        ) : null}
        {comments.isSuccess && items.length === 0 ? (
          <Text size="sm" ta="center" py="lg">
            {t("instagram.comments.empty")}
          </Text>
        ) : null}
        {items.length > 0 ? (
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: "none" }}>
            {items.map((comment) => (
              <CommentItem key={comment.id} accountId={accountId} comment={comment} />
            ))}
          </Stack>
        ) : null}
        {comments.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => comments.fetchNextPage()}
            loading={comments.isFetchingNextPage}
          >
            {t("instagram.more")}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}
