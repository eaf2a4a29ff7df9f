import { Badge, Button, Card, Grid, Group, Loader, Spoiler, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";

import { ApiError } from "../../api/problem";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { usePets } from "../pets/queries";
import { ConfirmedSummary } from "./ConfirmedSummary";
import { DeletePrescription } from "./DeletePrescription";
import { STATUS_COLORS, statusLabel } from "./labels";
import { PhotoPanel } from "./PhotoPanel";
import { usePrescription } from "./queries";
import { ReviewForm } from "./ReviewForm";
import type { Prescription } from "./types";

function Reading() {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg" aria-busy="true" data-testid="reading">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <Loader size="sm" aria-hidden="true" />
        <Stack gap={4} aria-live="polite">
          <Text fw={600}>{t("prescriptions.detail.reading")}</Text>
          <Text size="sm">{t("prescriptions.detail.readingBody")}</Text>
        </Stack>
      </Group>
    </Card>
  );
}

function OcrText({ lines }: { lines: readonly string[] }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm">
      <Text size="sm" fw={600} mb={4}>
        {t("prescriptions.detail.text")}
      </Text>
      {lines.length ? (
        <Spoiler
          maxHeight={96}
          showLabel={t("prescriptions.detail.textMore")}
          hideLabel={t("prescriptions.detail.textLess")}
        >
          <Text size="xs" component="pre" style={{ whiteSpace: "pre-wrap", margin: 0 }}>
            {lines.join("\n")}
          </Text>
        </Spoiler>
      ) : (
        <Text size="xs" c="dimmed">
          {t("prescriptions.detail.noText")}
        </Text>
      )}
    </Card>
  );
}

function Body({ prescription: p }: { prescription: Prescription }) {
  if (p.status === "READING") return <Reading />;
  if (p.status === "CONFIRMED") return <ConfirmedSummary prescription={p} />;
  // Keyed by the read: a draft that arrives while the page is open starts a fresh form.
  return <ReviewForm key={p.read_at ?? p.id} prescription={p} />;
}

/** One prescription: its photo beside what was read, the review and the confirmation. */
export function PrescriptionPage() {
  const { t, dateTime } = useI18n();
  const { prescriptionId = "" } = useParams();
  const prescription = usePrescription(prescriptionId);
  const pets = usePets();
  if (prescription.isPending) return <PageSkeleton />;
  if (prescription.isError) {
    const missing = prescription.error instanceof ApiError && prescription.error.status === 404;
    return (
      <Stack maw={1100} mx="auto" w="100%">
        <PageTitle>{t("prescriptions.detail.title")}</PageTitle>
        {missing ? (
          <Text>{t("prescriptions.notFound")}</Text>
        ) : (
          <QueryError error={prescription.error} onRetry={() => void prescription.refetch()} />
        )}
        <Button component={Link} to="/prescriptions" variant="default" w="fit-content">
          {t("prescriptions.detail.back")}
        </Button>
      </Stack>
    );
  }
  const p = prescription.data;
  const petName =
    pets.data?.find((pet) => pet.id === p.pet_id)?.name ?? t("prescriptions.list.unknownPet");
  return (
    <Stack maw={1100} mx="auto" w="100%">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm" align="center">
            <PageTitle>{t("prescriptions.detail.title")}</PageTitle>
            <Badge variant="filled" color={STATUS_COLORS[p.status]} data-testid="status">
              {t(statusLabel(p.status))}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t("prescriptions.detail.for", { pet: petName, when: dateTime(p.created_at ?? "") })}
          </Text>
        </Stack>
        <Button component={Link} to="/prescriptions" variant="default">
          {t("prescriptions.detail.back")}
        </Button>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {t("prescriptions.detail.photo")}
            </Text>
            <PhotoPanel id={p.id} petName={petName} />
            {p.status !== "READING" ? <OcrText lines={p.lines} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Body prescription={p} />
        </Grid.Col>
      </Grid>
      <DeletePrescription prescription={p} />
    </Stack>
  );
}
