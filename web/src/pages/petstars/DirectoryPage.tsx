import {
  Box,
  Button,
  Drawer,
  Group,
  Stack,
  Text,
  Title,
  useMantineTheme,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useMemo } from "react";
import { useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/useI18n";
import { DirectoryResults } from "./DirectoryResults";
import { DirectoryToolbar } from "./DirectoryToolbar";
import { FilterPanel } from "./FilterPanel";
import {
  activeFilterCount,
  filtersToParams,
  NO_FILTERS,
  parseFilters,
  type Filters,
} from "./filters";

/**
 * The PetStar directory: keyword, species, followers and price filters and five sorts, all
 * in the address's query string (each change is a history entry, so the back button undoes
 * it and a link reproduces it). Filters sit beside the list on wide screens and in a drawer
 * on phones.
 */
export function DirectoryPage() {
  const { t } = useI18n();
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, undefined, {
    getInitialValueInEffect: false,
  });
  const [params, setParams] = useSearchParams();
  const [drawerOpen, drawer] = useDisclosure(false);
  const search = params.toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(search)), [search]);
  const active = activeFilterCount(filters);

  const go = (next: Filters) => {
    setParams(filtersToParams(next));
    drawer.close();
  };
  const panel = <FilterPanel filters={filters} onApply={go} />;

  return (
    <Stack maw={1200} mx="auto" gap="md">
      <div>
        <PageTitle>{t("petstars.title")}</PageTitle>
        <Text c="dimmed" mt={-8}>
          {t("petstars.lead")}
        </Text>
      </div>
      <DirectoryToolbar
        filters={filters}
        onChange={go}
        filterButton={
          wide ? null : (
            <Button variant={active ? "light" : "default"} onClick={drawer.open}>
              {active
                ? t("petstars.filters.openCount", { count: active })
                : t("petstars.filters.open")}
            </Button>
          )
        }
      />
      <Group align="flex-start" gap="lg" wrap="nowrap">
        {wide ? (
          <Box
            component="aside"
            w={260}
            style={{ flex: "0 0 auto" }}
            aria-labelledby="petstar-filters"
          >
            <Title order={2} fz="lg" mb="sm" id="petstar-filters">
              {t("petstars.filters.title")}
            </Title>
            {panel}
          </Box>
        ) : null}
        <Box component="section" aria-labelledby="petstar-results" style={{ flex: 1, minWidth: 0 }}>
          <VisuallyHidden>
            <h2 id="petstar-results">{t("petstars.results.title")}</h2>
          </VisuallyHidden>
          <DirectoryResults filters={filters} search={search} onClearAll={() => go(NO_FILTERS)} />
        </Box>
      </Group>
      <Drawer
        opened={drawerOpen && !wide} // a phone turned wide has the panel beside the list
        onClose={drawer.close}
        title={t("petstars.filters.title")}
        closeButtonProps={{ "aria-label": t("petstars.filters.close") }}
        position="right"
        size="xs"
      >
        {panel}
      </Drawer>
    </Stack>
  );
}
