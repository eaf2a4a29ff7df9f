import { Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { usePets } from "../pets/queries";
import { STATUS_COLORS, statusLabel } from "./labels";
import { usePrescriptions } from "./queries";
import type { Prescription } from "./types";
import { UploadCard } from "./UploadCard";

function PrescriptionCard({ p, petName }: { p: Prescription; petName: string }) {
  const { t, dateTime } = useI18n();
  const when = dateTime(p.created_at ?? "");
  const names = p.medications.map((m) => m.drug_name);
  return (
    <Card
      withBorder
      padding="md"
      component={Link}
      to={`/prescriptions/${p.id}`}
      data-testid="prescription"
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {petName}
          </Text>
          <Badge variant="filled" color={STATUS_COLORS[p.status]} style={{ flexShrink: 0 }}>
            {t(statusLabel(p.status))}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t("prescriptions.list.uploaded", { when })}
        </Text>
        {p.status !== "READING" ? (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {names.length
              ? `${t("prescriptions.list.medicationCount", { count: names.length })} · ${names.join(", ")}`
              : t("prescriptions.list.noMedications")}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** My prescriptions (drafts to review and confirmed ones), and uploading a new one. */
export function PrescriptionsPage() {
  const { t } = useI18n();
  const pets = usePets();
  const list = usePrescriptions();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const petNames = new Map((pets.data ?? []).map((p) => [p.id, p.name]));
  return (
    <Stack maw={880} mx="auto" w="100%">
      <PageTitle>{t("prescriptions.title")}</PageTitle>
      <Text>{t("prescriptions.intro")}</Text>
      {pets.isPending ? (
        <Skeleton height={180} aria-busy="true" aria-label={t("common.loading")} />
      ) : pets.isError ? (
        <QueryError error={pets.error} onRetry={() => void pets.refetch()} />
      ) : (
        <UploadCard pets={pets.data} />
      )}
      <Title order={2} size="h3">
        {t("prescriptions.list.title")}
      </Title>
      {list.isPending ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={88} />
          ))}
        </Stack>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder padding="lg">
          <Text fw={600}>{t("prescriptions.list.empty")}</Text>
          <Text size="sm">{t("prescriptions.list.emptyBody")}</Text>
        </Card>
      ) : (
        <Stack gap="sm">
          {items.map((p) => (
            <PrescriptionCard
              key={p.id}
              p={p}
              petName={petNames.get(p.pet_id) ?? t("prescriptions.list.unknownPet")}
            />
          ))}
          {list.hasNextPage ? (
            <Button
              variant="default"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t("prescriptions.list.more")}
            </Button>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
