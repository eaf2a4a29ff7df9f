// A list of post summaries with its loading, failure and empty states and "더 보기".
import { Button, Card, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { PostCard, ShowOffCard } from "./PostCard";
import { usePostList, type ListFilter } from "./queries";

/** Where a list has nothing to show: what it means, and what one may do about it. */
export function EmptyState({
  title,
  body,
  action,
}: {
  title: string;
  body?: string;
  action?: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" data-testid="empty">
      <Stack gap="xs" align="flex-start">
        <Text fw={600}>{title}</Text>
        {body ? <Text size="sm">{body}</Text> : null}
        {action}
      </Stack>
    </Card>
  );
}

export function ListSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height={104} />
      ))}
    </Stack>
  );
}

/** "더 보기" while the list has another page. */
export function MoreButton({
  hasMore,
  loading,
  onMore,
  label,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  label?: string;
}) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <Button variant="default" loading={loading} onClick={onMore}>
      {label ?? t("community.more")}
    </Button>
  );
}

/** The posts `filter` selects: rows, or for 자랑 a grid of pictures. */
export function PostList({
  filter,
  tiles = false,
  empty,
}: {
  filter: ListFilter;
  /** Pictures first (the 자랑 board). */
  tiles?: boolean;
  empty: ReactNode;
}) {
  const list = usePostList(filter);
  if (list.isPending) return tiles ? <CardGridSkeleton count={4} /> : <ListSkeleton />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const posts = list.data.pages.flatMap((page) => page.items);
  if (posts.length === 0) return <>{empty}</>;
  return (
    <Stack gap="sm">
      {tiles ? (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm">
          {posts.map((post) => (
            <ShowOffCard key={post.id} post={post} />
          ))}
        </SimpleGrid>
      ) : (
        posts.map((post) => <PostCard key={post.id} post={post} showBoard={!filter.board} />)
      )}
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </Stack>
  );
}
