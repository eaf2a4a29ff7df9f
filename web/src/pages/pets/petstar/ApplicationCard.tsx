import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, data } from "../../../api/client";
import type { MessageKey } from "../../../i18n/ko";
import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { notify } from "../../../lib/notify";
import { isOpen } from "../petstar";
import { petKeys } from "../queries";
import type { Application, ApplicationState } from "../types";

// Filled, in shades that keep white text at WCAG AA contrast.
const STATE_COLOURS: Record<ApplicationState, string> = {
  SUBMITTED: "blue.9",
  VERIFYING: "blue.9",
  IN_REVIEW: "blue.9",
  APPROVED: "petful",
  REJECTED: "red.9",
  WITHDRAWN: "gray.7",
  REVOKED: "red.9",
};

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

/** The pet's latest PetStar application: where it stands, why, and withdrawal while open. */
export function ApplicationCard({ application }: { application: Application }) {
  const { t, dateTime, number } = useI18n();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const withdraw = useMutation({
    mutationFn: async () =>
      data(
        await api.POST("/api/v1/petstar-applications/{application_id}/withdraw", {
          params: { path: { application_id: application.id } },
        }),
      ),
    onSuccess: async () => {
      close();
      notify(t, { color: "green", message: t("pets.application.withdrawn") });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: petKeys.applications() }),
        queryClient.invalidateQueries({ queryKey: petKeys.pet(application.pet_id), exact: true }),
        queryClient.invalidateQueries({ queryKey: petKeys.list() }),
      ]);
    },
  });
  const { state, metrics, eligibility } = application;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pet-application">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="pet-application">
          {t("pets.application.title")}
        </Title>
        <Badge color={STATE_COLOURS[state]}>
          {t(`pets.application.state.${state}` as MessageKey)}
        </Badge>
      </Group>
      <Stack gap="sm">
        <Text size="sm">{t(`pets.application.help.${state}` as MessageKey)}</Text>
        {application.reason ? (
          <Alert color="red.9" variant="light" title={t("pets.application.reason")}>
            {application.reason}
          </Alert>
        ) : null}
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} m={0}>
          {application.submitted_at ? (
            <Figure
              label={t("pets.application.submittedAt")}
              value={dateTime(application.submitted_at)}
            />
          ) : null}
          {application.decided_at ? (
            <Figure
              label={t("pets.application.decidedAt")}
              value={dateTime(application.decided_at)}
            />
          ) : null}
          {metrics ? (
            <>
              <Figure
                label={t("pets.eligibility.followers")}
                value={t("pets.count.people", { count: number(metrics.followers_count) })}
              />
              <Figure
                label={t("pets.application.qualifyingPosts")}
                value={t("pets.count.posts", { count: number(metrics.qualifying_posts) })}
              />
            </>
          ) : null}
        </SimpleGrid>
        {eligibility && !eligibility.eligible && eligibility.reasons.length > 0 ? (
          <div>
            <Text size="sm" fw={500}>
              {t("pets.application.unmet")}
            </Text>
            <List size="sm">
              {eligibility.reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {isOpen(state) ? (
          <Group justify="flex-end">
            <Button
              variant="outline"
              color="red.9"
              onClick={() => {
                withdraw.reset();
                open();
              }}
            >
              {t("pets.application.withdraw")}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={t("pets.application.withdrawTitle")}
        body={t("pets.application.withdrawBody")}
        confirmLabel={t("pets.application.withdrawConfirm")}
        onConfirm={() => withdraw.mutate()}
        pending={withdraw.isPending}
        error={withdraw.isError ? errorMessage(withdraw.error, t) : null}
        danger
      />
    </Card>
  );
}
