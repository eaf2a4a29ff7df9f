import { Anchor, Box, Group, Stack, Tabs, Text } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { PageSkeleton } from "../../components/Skeletons";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { PetPicture, PetStarBadge } from "./PetBadges";
import { PetLoadError } from "./PetLoadError";
import { PetOverview } from "./PetOverview";
import { PetStarTab } from "./petstar/PetStarTab";
import { PortfolioTab } from "./portfolio/PortfolioTab";
import { usePet } from "./queries";

const TABS = ["overview", "portfolio", "petstar"] as const;
type Tab = (typeof TABS)[number];

export function PetDetailPage() {
  const { petId = "" } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const pet = usePet(petId);
  const requested = params.get("tab");
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : "overview";

  if (pet.isPending) return <PageSkeleton />;
  if (pet.isError) {
    return (
      <Stack>
        <PageTitle>{t("pets.detail.title")}</PageTitle>
        <PetLoadError error={pet.error} onRetry={() => void pet.refetch()} />
      </Stack>
    );
  }
  const p = pet.data;
  return (
    <Stack maw={880} mx="auto">
      <Anchor component={Link} to="/pets" size="sm">
        ← {t("pets.detail.back")}
      </Anchor>
      <Group align="center" gap="md" wrap="nowrap">
        <Box w={88} style={{ flex: "0 0 auto" }}>
          <PetPicture pet={p} size={88} />
        </Box>
        <div style={{ minWidth: 0 }}>
          <PageTitle>{p.name}</PageTitle>
          <Group gap="xs" mt={-8}>
            <Text size="sm" c="dimmed">
              {[t(`pets.species.${p.species}` as MessageKey), p.breed].filter(Boolean).join(" · ")}
            </Text>
            <PetStarBadge status={p.petstar_status} />
          </Group>
        </div>
      </Group>
      <Tabs
        keepMounted={false}
        value={tab}
        onChange={(next) => {
          // Each tab has its own address (a reload or a shared link opens it), one history entry.
          setParams(next && next !== "overview" ? { tab: next } : {}, { replace: true });
        }}
      >
        <Tabs.List grow>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`pets.tab.${name}` as MessageKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <PetOverview pet={p} />
        </Tabs.Panel>
        <Tabs.Panel value="portfolio" pt="md">
          <PortfolioTab pet={p} />
        </Tabs.Panel>
        <Tabs.Panel value="petstar" pt="md">
          <PetStarTab pet={p} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
