import { Alert, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api } from "../../../api/client";
import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { notify } from "../../../lib/notify";
import { petKeys } from "../queries";
import type { HistoryEntry, Portfolio } from "../types";
import { HistoryFormModal } from "./HistoryFormModal";
import { HistoryImages } from "./HistoryImages";

function HistoryCard({
  petId,
  entry,
  onEdit,
  onDelete,
}: {
  petId: string;
  entry: HistoryEntry;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, calendarDate } = useI18n();
  return (
    <Card withBorder padding="md" component="li" aria-labelledby={`history-${entry.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Title order={3} size="h5" id={`history-${entry.id}`}>
              {entry.title}
            </Title>
            <Text size="sm" c="dimmed">
              {t("pets.history.period", {
                start: calendarDate(entry.start_date),
                end: calendarDate(entry.end_date),
              })}
            </Text>
          </div>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={onEdit}
              aria-label={t("pets.history.editNamed", { title: entry.title })}
            >
              {t("common.edit")}
            </Button>
            <Button
              size="xs"
              variant="outline"
              color="red.9"
              onClick={onDelete}
              aria-label={t("pets.history.deleteNamed", { title: entry.title })}
            >
              {t("pets.history.delete")}
            </Button>
          </Group>
        </Group>
        {entry.description ? (
          <Text size="sm" style={{ whiteSpace: "pre-line" }}>
            {entry.description}
          </Text>
        ) : null}
        <HistoryImages petId={petId} entry={entry} />
      </Stack>
    </Card>
  );
}

/**
 * The activity history of the portfolio, newest activity first (the API orders it by start
 * date; it has no order of its own to drag). Entries are read with the portfolio, so they
 * can be added once the portfolio exists.
 */
export function HistorySection({
  petId,
  portfolio,
}: {
  petId: string;
  portfolio: Portfolio | null;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<HistoryEntry | null>(null);
  const [formOpened, form] = useDisclosure(false);
  const [deleting, setDeleting] = useState<HistoryEntry | null>(null);
  const remove = useMutation({
    mutationFn: async (entry: HistoryEntry) => {
      await api.DELETE("/api/v1/pets/{pet_id}/history/{history_id}", {
        params: { path: { pet_id: petId, history_id: entry.id } },
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: petKeys.portfolio(petId) });
      setDeleting(null);
      notify(t, { color: "green", message: t("pets.history.deleted") });
    },
  });
  const history = portfolio?.history ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pet-history">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="pet-history">
          {t("pets.history.title")}
        </Title>
        {portfolio ? (
          <Button
            size="sm"
            onClick={() => {
              setEditing(null);
              form.open();
            }}
          >
            {t("pets.history.add")}
          </Button>
        ) : null}
      </Group>
      {!portfolio ? (
        <Alert color="gray" variant="light">
          {t("pets.history.needsPortfolio")}
        </Alert>
      ) : history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("pets.history.empty")}
        </Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
          {history.map((entry) => (
            <HistoryCard
              key={entry.id}
              petId={petId}
              entry={entry}
              onEdit={() => {
                setEditing(entry);
                form.open();
              }}
              onDelete={() => {
                remove.reset();
                setDeleting(entry);
              }}
            />
          ))}
        </Stack>
      )}
      <HistoryFormModal petId={petId} entry={editing} opened={formOpened} onClose={form.close} />
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("pets.history.deleteTitle")}
        body={t("pets.history.deleteBody", { title: deleting?.title ?? "" })}
        confirmLabel={t("pets.history.delete")}
        onConfirm={() => deleting && remove.mutate(deleting)}
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error, t) : null}
        danger
      />
    </Card>
  );
}
