// /community: the boards. Board and sort live in the address (a history entry each), so the
// back button returns to the board one came from and a link opens the same list.
import { Button, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/useI18n";
import { boardLabel, sortLabel } from "./labels";
import { EmptyState, PostList } from "./PostList";
import {
  BOARDS,
  boardViewParams,
  parseBoardView,
  SORTS,
  writePath,
  type Board,
  type BoardView,
} from "./rules";
import { SearchBox } from "./SearchBox";

const ALL = "ALL";

export function BoardsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const view = useMemo(() => parseBoardView(new URLSearchParams(search)), [search]);
  const set = (next: Partial<BoardView>) => setParams(boardViewParams({ ...view, ...next }));
  const write = (
    <Button component={Link} to={writePath(view.board)}>
      {t("community.write")}
    </Button>
  );
  return (
    <Stack maw={960} mx="auto" w="100%">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <div>
          <PageTitle>{t("community.title")}</PageTitle>
          <Text c="dimmed" mt={-8}>
            {t("community.lead")}
          </Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/community/me" variant="default">
            {t("community.mine.link")}
          </Button>
          {write}
        </Group>
      </Group>
      <SearchBox board={view.board} />
      <SegmentedControl
        fullWidth
        value={view.board ?? ALL}
        onChange={(value) => set({ board: value === ALL ? null : (value as Board) })}
        aria-label={t("community.board.label")}
        data={[
          { value: ALL, label: t("community.board.ALL") },
          ...BOARDS.map((board) => ({ value: board, label: t(boardLabel(board)) })),
        ]}
      />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed">
          {view.board === "SHOW_OFF" ? t("community.showOffLead") : null}
        </Text>
        <SegmentedControl
          size="sm"
          value={view.sort}
          onChange={(value) => set({ sort: value as BoardView["sort"] })}
          aria-label={t("community.sort.label")}
          data={SORTS.map((sort) => ({ value: sort, label: t(sortLabel(sort)) }))}
        />
      </Group>
      <section aria-label={t(view.board ? boardLabel(view.board) : "community.board.ALL")}>
        <PostList
          key={search}
          filter={{ board: view.board ?? undefined, sort: view.sort }}
          tiles={view.board === "SHOW_OFF"}
          empty={
            <EmptyState
              title={t("community.empty.board")}
              body={t("community.empty.boardBody")}
              action={write}
            />
          }
        />
      </section>
    </Stack>
  );
}
