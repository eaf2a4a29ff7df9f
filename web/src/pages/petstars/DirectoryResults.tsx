import { Box, Button, SimpleGrid, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";

import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { DirectoryCard } from "./DirectoryCard";
import type { Filters } from "./filters";
import { useDirectory } from "./queries";

/** The cards under `filters`, with "더 보기" for the next page. */
export function DirectoryResults({
  filters,
  search,
  onClearAll,
}: {
  filters: Filters;
  search: string;
  onClearAll: () => void;
}) {
  const { t } = useI18n();
  const directory = useDirectory(filters);
  const list = useRef<HTMLDivElement>(null);
  // After "더 보기", keyboard focus moves to the first new card (not left on a button that
  // the new cards pushed down).
  const focusFrom = useRef<number | null>(null);
  const cards = directory.data?.pages.flatMap((page) => page.items) ?? [];

  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || cards.length <= from) return;
    focusFrom.current = null;
    list.current?.querySelectorAll<HTMLElement>(":scope > li > a")[from]?.focus();
  }, [cards.length]);

  if (directory.isPending) return <CardGridSkeleton count={6} />;
  if (directory.isError && !directory.isFetchNextPageError) {
    return <QueryError error={directory.error} onRetry={() => directory.refetch()} />;
  }
  if (cards.length === 0) {
    return (
      <Stack align="flex-start">
        <Text role="status">{t("petstars.results.empty")}</Text>
        <Button variant="default" onClick={onClearAll}>
          {t("petstars.results.clearAll")}
        </Button>
      </Stack>
    );
  }
  const more = () => {
    focusFrom.current = cards.length;
    void directory.fetchNextPage();
  };
  return (
    <Stack gap="md">
      <Text role="status" size="sm" c="dimmed">
        {t(directory.hasNextPage ? "petstars.results.shownMore" : "petstars.results.shown", {
          count: cards.length,
        })}
      </Text>
      <SimpleGrid
        ref={list}
        component="ul"
        cols={{ base: 1, xs: 2, lg: 3 }}
        p={0}
        m={0}
        style={{ listStyle: "none" }}
      >
        {cards.map((card) => (
          <Box component="li" key={card.pet.id} display="flex">
            <DirectoryCard card={card} search={search} />
          </Box>
        ))}
      </SimpleGrid>
      {directory.isFetchNextPageError ? (
        <QueryError error={directory.error} onRetry={more} />
      ) : null}
      {directory.hasNextPage ? (
        <Button
          variant="default"
          onClick={more}
          loading={directory.isFetchingNextPage}
          style={{ alignSelf: "center" }}
        >
          {t("petstars.results.more")}
        </Button>
      ) : null}
    </Stack>
  );
}
