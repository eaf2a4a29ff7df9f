import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";

import { api, data } from "../../../api/client";
import { FormAlert } from "../../../components/FormAlert";
import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { notify } from "../../../lib/notify";
import type { Readiness } from "../petstar";
import { petKeys } from "../queries";
import type { Pet } from "../types";
import { CheckRow } from "./CheckRow";

/** What applying needs, and the application itself. */
export function ApplyCard({ pet, readiness }: { pet: Pet; readiness: Readiness }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // One key per attempt: a retried request (a lost answer) gets the same application back.
  const idempotencyKey = useRef(crypto.randomUUID());
  const apply = useMutation({
    mutationFn: async () =>
      data(
        await api.POST("/api/v1/pets/{pet_id}/petstar-application", {
          params: {
            path: { pet_id: pet.id },
            header: { "idempotency-key": idempotencyKey.current },
          },
        }),
      ),
    onSuccess: async () => {
      idempotencyKey.current = crypto.randomUUID();
      notify(t, { color: "green", message: t("pets.apply.done") });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: petKeys.applications() }),
        queryClient.invalidateQueries({ queryKey: petKeys.pet(pet.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: petKeys.list() }),
      ]);
    },
  });
  const { missing, blocked } = readiness;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pet-apply">
      <Title order={2} size="h4" id="pet-apply" mb="xs">
        {t("pets.apply.title")}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t("pets.apply.lead")}</Text>
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
          <CheckRow met={!missing.includes("instagram")} label={t("pets.apply.needsInstagram")} />
          <CheckRow met={!missing.includes("portfolio")} label={t("pets.apply.needsPortfolio")} />
        </Stack>
        {blocked ? (
          <Text size="sm" fw={500}>
            {blocked === "open" ? t("pets.apply.blockedOpen") : t("pets.apply.blockedApproved")}
          </Text>
        ) : null}
        <FormAlert message={apply.isError ? errorMessage(apply.error, t) : null} />
        <Group justify="flex-end">
          <Button
            onClick={() => apply.mutate()}
            loading={apply.isPending}
            disabled={missing.length > 0 || blocked !== null}
          >
            {t("pets.apply.submit")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
