import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { useState } from "react";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { MAX_KEYWORD, SORTS, type Filters, type Sort } from "./filters";

/** The keyword search (applied when sent) and the sort (applied when picked). */
export function DirectoryToolbar({
  filters,
  onChange,
  filterButton,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  /** The phone's "filters" button, beside the sort. */
  filterButton?: React.ReactNode;
}) {
  const { t } = useI18n();
  const [keyword, setKeyword] = useState(filters.q);
  // The address changed (the back button, a link): the box shows its keyword. Adjusted
  // while rendering, not remounted, so focus stays on the search button just pressed.
  const [addressKeyword, setAddressKeyword] = useState(filters.q);
  if (filters.q !== addressKeyword) {
    setAddressKeyword(filters.q);
    setKeyword(filters.q);
  }
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Group
        component="form"
        role="search"
        align="flex-end"
        gap="xs"
        wrap="nowrap"
        style={{ flex: "1 1 280px" }}
        onSubmit={(event: React.FormEvent) => {
          event.preventDefault();
          onChange({ ...filters, q: keyword });
        }}
      >
        <TextInput
          label={t("petstars.search.label")}
          placeholder={t("petstars.search.placeholder")}
          type="search"
          maxLength={MAX_KEYWORD}
          value={keyword}
          onChange={(event) => setKeyword(event.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button type="submit">{t("petstars.search.submit")}</Button>
      </Group>
      <Group align="flex-end" gap="xs" wrap="nowrap" style={{ flex: "1 1 200px" }}>
        <NativeSelect
          label={t("petstars.sort.label")}
          value={filters.sort}
          onChange={(event) => onChange({ ...filters, sort: event.currentTarget.value as Sort })}
          data={SORTS.map((sort) => ({
            value: sort,
            label: t(`petstars.sort.${sort}` as MessageKey),
          }))}
          style={{ flex: 1 }}
        />
        {filterButton}
      </Group>
    </Group>
  );
}
