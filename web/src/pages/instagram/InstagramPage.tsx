import { Card, Group, Stack, Text } from "@mantine/core";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { CardGridSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { AccountCard } from "./AccountCard";
import { LinkButton } from "./LinkButton";
import { useAccounts, useMyPets } from "./queries";

/** My linked Instagram accounts: link, sync, connect to a pet, reconnect, unlink. */
export function InstagramPage() {
  const { t } = useI18n();
  const accounts = useAccounts();
  const pets = useMyPets();
  const loading = accounts.isPending || pets.isPending;
  const error = accounts.error ?? pets.error;
  return (
    <Stack maw={960} mx="auto">
      <PageTitle>{t("instagram.title")}</PageTitle>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Text maw={600}>{t("instagram.lead")}</Text>
        <LinkButton>{t("instagram.link.open")}</LinkButton>
      </Group>
      {loading && !error ? <CardGridSkeleton count={2} /> : null}
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void accounts.refetch();
            void pets.refetch();
          }}
        />
      ) : null}
      {accounts.isSuccess && pets.isSuccess && accounts.data.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="sm" ta="center">
            <Text fw={700}>{t("instagram.empty.title")}</Text>
            <Text size="sm">{t("instagram.empty.body")}</Text>
          </Stack>
        </Card>
      ) : null}
      {accounts.isSuccess && pets.isSuccess
        ? accounts.data.map((account) => (
            <AccountCard key={account.id} account={account} pets={pets.data} />
          ))
        : null}
    </Stack>
  );
}
