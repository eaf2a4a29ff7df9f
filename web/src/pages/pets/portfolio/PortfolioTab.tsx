import { Skeleton, Stack } from "@mantine/core";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { usePortfolio } from "../queries";
import type { Pet } from "../types";
import { HistorySection } from "./HistorySection";
import { PortfolioForm } from "./PortfolioForm";

export function PortfolioTab({ pet }: { pet: Pet }) {
  const { t } = useI18n();
  const portfolio = usePortfolio(pet.id);
  if (portfolio.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t("common.loading")}>
        <Skeleton height={320} />
        <Skeleton height={160} />
      </Stack>
    );
  }
  if (portfolio.isError) {
    return <QueryError error={portfolio.error} onRetry={() => void portfolio.refetch()} />;
  }
  return (
    <Stack>
      <PortfolioForm pet={pet} portfolio={portfolio.data} />
      <HistorySection petId={pet.id} portfolio={portfolio.data} />
    </Stack>
  );
}
