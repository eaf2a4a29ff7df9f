// /community/search?q=…&board=…: posts matching the words (Korean-aware on the server, so
// 산책 finds 산책했어요), best first, with the matched terms highlighted.
import { Anchor, SegmentedControl, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { boardLabel } from "./labels";
import { SearchHitCard } from "./PostCard";
import { EmptyState, ListSkeleton, MoreButton } from "./PostList";
import { useSearch } from "./queries";
import { BOARDS, parseSearchView, searchViewParams, type Board, type SearchView } from "./rules";
import { SearchBox } from "./SearchBox";

const ALL = "ALL";

function Results({ view }: { view: SearchView }) {
  const { t } = useI18n();
  const search = useSearch(view);
  if (!view.q) return <EmptyState title={t("community.search.prompt")} />;
  if (search.isPending) return <ListSkeleton />;
  if (search.isError) {
    return <QueryError error={search.error} onRetry={() => void search.refetch()} />;
  }
  const hits = search.data.pages.flatMap((page) => page.items);
  if (hits.length === 0) {
    return (
      <EmptyState
        title={t("community.search.empty")}
        body={t("community.search.emptyBody", { q: view.q })}
      />
    );
  }
  return (
    <Stack gap="sm">
      {hits.map((hit) => (
        <SearchHitCard
          key={hit.post.id}
          post={hit.post}
          titleHighlight={hit.title_highlight}
          bodyHighlight={hit.body_highlight}
        />
      ))}
      <MoreButton
        hasMore={search.hasNextPage}
        loading={search.isFetchingNextPage}
        onMore={() => void search.fetchNextPage()}
      />
    </Stack>
  );
}

export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const view = useMemo(() => parseSearchView(new URLSearchParams(search)), [search]);
  return (
    <Stack maw={960} mx="auto" w="100%">
      <PageTitle>{t("community.search.title")}</PageTitle>
      <Anchor component={Link} to="/community" size="sm" mt={-8}>
        {t("community.back")}
      </Anchor>
      {/* Keyed by the address: going back to another search shows its words. */}
      <SearchBox key={search} initial={view.q} board={view.board} />
      <SegmentedControl
        fullWidth
        value={view.board ?? ALL}
        onChange={(value) => {
          const board = value === ALL ? null : (value as Board);
          setParams(searchViewParams({ ...view, board }));
        }}
        aria-label={t("community.board.label")}
        data={[
          { value: ALL, label: t("community.board.ALL") },
          ...BOARDS.map((board) => ({ value: board, label: t(boardLabel(board)) })),
        ]}
      />
      {view.q ? (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t("community.search.for", { q: view.q })}
        </Text>
      ) : null}
      <Results view={view} />
    </Stack>
  );
}
