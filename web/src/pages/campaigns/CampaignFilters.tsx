import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import type { Filters } from "./rules";
import { SORTS, SPECIES, type Sort, type Species } from "./types";

/** Search (on submit), sort and species (on change) for the campaign list. */
export function CampaignFilters({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
}) {
  const { t } = useI18n();
  // The parent keys this by the address's search, so back/forward resets the box.
  const [q, setQ] = useState(filters.q);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <form
        role="search"
        style={{ flex: "1 1 260px" }}
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: q.trim() });
        }}
      >
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            type="search"
            label={t("campaigns.search.label")}
            placeholder={t("campaigns.search.placeholder")}
            maxLength={100}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
          />
          <Button type="submit">{t("campaigns.search.submit")}</Button>
        </Group>
      </form>
      <Group gap="sm" wrap="nowrap" style={{ flex: "1 1 260px" }}>
        <NativeSelect
          style={{ flex: 1 }}
          label={t("campaigns.sort.label")}
          value={filters.sort}
          onChange={(event) => onChange({ sort: event.currentTarget.value as Sort })}
          data={SORTS.map((sort) => ({ value: sort, label: t(`campaigns.sort.${sort}`) }))}
        />
        <NativeSelect
          style={{ flex: 1 }}
          label={t("campaigns.species.label")}
          value={filters.species ?? ""}
          onChange={(event) =>
            onChange({ species: (event.currentTarget.value || null) as Species | null })
          }
          data={[
            { value: "", label: t("campaigns.species.all") },
            ...SPECIES.map((s) => ({ value: s, label: t(`campaigns.species.${s}`) })),
          ]}
        />
      </Group>
    </Group>
  );
}
