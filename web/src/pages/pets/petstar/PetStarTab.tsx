import { Skeleton, Stack, Text } from "@mantine/core";

import { QueryError } from "../../../components/QueryError";
import { useI18n } from "../../../i18n/useI18n";
import { latestApplication, readiness } from "../petstar";
import { useMyApplications, usePortfolio } from "../queries";
import type { Pet } from "../types";
import { ApplicationCard } from "./ApplicationCard";
import { ApplyCard } from "./ApplyCard";
import { EligibilityCard } from "./EligibilityCard";

export function PetStarTab({ pet }: { pet: Pet }) {
  const { t } = useI18n();
  const applications = useMyApplications();
  const portfolio = usePortfolio(pet.id);
  const failed = applications.error ?? portfolio.error;
  const latest = applications.data ? latestApplication(applications.data, pet.id) : null;
  const loading = applications.isPending || portfolio.isPending;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("pets.petstar.lead")}
      </Text>
      {loading ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          <Skeleton height={140} />
        </Stack>
      ) : failed ? (
        <QueryError
          error={failed}
          onRetry={() => {
            void applications.refetch();
            void portfolio.refetch();
          }}
        />
      ) : latest ? (
        <ApplicationCard application={latest} />
      ) : null}
      {/* The figures first, then the application they inform. */}
      <EligibilityCard pet={pet} />
      {!loading && !failed ? (
        <ApplyCard pet={pet} readiness={readiness(pet, portfolio.data ?? null, latest)} />
      ) : null}
    </Stack>
  );
}
