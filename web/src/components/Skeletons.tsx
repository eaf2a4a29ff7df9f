import { Card, SimpleGrid, Skeleton, Stack } from "@mantine/core";

import { useI18n } from "../i18n/useI18n";

/** A page's shape while it loads: a title and a few lines, not a spinner on a blank page. */
export function PageSkeleton() {
  const { t } = useI18n();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t("common.loading")}>
      <Skeleton height={32} width="40%" />
      <Skeleton height={16} />
      <Skeleton height={16} width="90%" />
      <Skeleton height={16} width="75%" />
    </Stack>
  );
}

/** A grid of cards while a list loads. */
export function CardGridSkeleton({ count = 3 }: { count?: number }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} aria-busy="true" aria-label={t("common.loading")}>
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} withBorder padding="md">
          <Skeleton height={140} mb="sm" />
          <Skeleton height={14} width="60%" mb={8} />
          <Skeleton height={12} width="40%" />
        </Card>
      ))}
    </SimpleGrid>
  );
}
