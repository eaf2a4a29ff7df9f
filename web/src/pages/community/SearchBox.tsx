// The community search box: submitting opens /community/search with the words (and the
// board being looked at), so a search is an address one can go back to or share.
import { Button, Group, TextInput } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { QUERY_MAX, searchPath, type Board } from "./rules";

export function SearchBox({ initial = "", board }: { initial?: string; board: Board | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  return (
    <form
      role="search"
      aria-label={t("community.search.label")}
      onSubmit={(event) => {
        event.preventDefault();
        if (q.trim()) void navigate(searchPath({ q, board }));
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          type="search"
          aria-label={t("community.search.label")}
          placeholder={t("community.search.placeholder")}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          maxLength={QUERY_MAX}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit" variant="default">
          {t("community.search.submit")}
        </Button>
      </Group>
    </form>
  );
}
