import { Button, Card, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { leadLabel } from "./labels";
import type { PrescribedMedication, Prescription } from "./types";

/** A confirmed prescription: the courses it scheduled, read only. */
export function ConfirmedSummary({ prescription: p }: { prescription: Prescription }) {
  const { t, calendarDate } = useI18n();
  // "1정 · 하루 2회 · 7일", leaving out what is not known.
  const course = (m: PrescribedMedication) =>
    [
      m.dosage,
      m.doses_per_day ? t("prescriptions.med.perDay", { doses: m.doses_per_day }) : "",
      m.days ? t("prescriptions.med.forDays", { days: m.days }) : "",
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {t("prescriptions.confirmed.title")}
      </Title>
      <Text size="sm">
        {t("prescriptions.confirmed.start", { date: calendarDate(p.start_date ?? "") })}
        {" · "}
        {p.reminder_lead_minutes === null
          ? t("prescriptions.confirmed.noReminder")
          : t("prescriptions.confirmed.reminder", { lead: t(leadLabel(p.reminder_lead_minutes)) })}
      </Text>
      {p.medications.map((m, i) => (
        <Card key={i} withBorder padding="md" data-testid="medication">
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {m.drug_name}
          </Text>
          <Text size="sm">{course(m)}</Text>
          {m.administration ? (
            <Text size="sm" c="dimmed">
              {m.administration}
            </Text>
          ) : null}
        </Card>
      ))}
      <Button component={Link} to="/schedules" variant="light" w="fit-content">
        {t("prescriptions.confirmed.schedules")}
      </Button>
    </Stack>
  );
}
