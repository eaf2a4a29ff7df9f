import {
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { usePets } from "../pets/queries";
import { DaySummary } from "./DaySummary";
import { MonthCalendar } from "./MonthCalendar";
import { useDay, useHealthHome } from "./queries";
import { firstOfMonth, isIsoDay, todayInKorea } from "./rules";

function SelectedDay({ petId, day, today }: { petId: string; day: string; today: string }) {
  const { t, calendarDate } = useI18n();
  const record = useDay(petId, day);
  const write = `/health/${petId}/${day}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="activity-day">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="activity-day">
          {calendarDate(day)}
        </Title>
        {record.isPending ? (
          <Stack gap="xs" aria-busy="true" aria-label={t("common.loading")}>
            <Skeleton height={16} />
            <Skeleton height={16} width="80%" />
            <Skeleton height={80} />
          </Stack>
        ) : record.isError ? (
          <QueryError error={record.error} onRetry={() => void record.refetch()} />
        ) : record.data ? (
          <>
            <DaySummary record={record.data} />
            <Button component={Link} to={write} variant="light">
              {t("activity.day.edit")}
            </Button>
          </>
        ) : day > today ? (
          <Text size="sm">{t("activity.day.future")}</Text>
        ) : (
          <>
            <Text size="sm">{t("activity.day.none", { date: calendarDate(day) })}</Text>
            <Button component={Link} to={write}>
              {t("activity.day.write")}
            </Button>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The health home: my pets to choose from, the chosen pet's month and the chosen day. */
export function HealthHomePage() {
  const { t } = useI18n();
  const pets = usePets();
  const [params, setParams] = useSearchParams();
  const today = todayInKorea();
  const asked = params.get("day") ?? "";
  const day = isIsoDay(asked) ? asked : today;
  const [month, setMonth] = useState(firstOfMonth(day));
  const chosen = params.get("pet");
  // No pet in the address: the first one's month and day come with it, beside the list.
  const home = useHealthHome(chosen ? "" : day);
  if (pets.isPending || home.isLoading) return <PageSkeleton />;
  const petId = chosen ?? home.data ?? pets.data?.[0]?.id ?? "";
  const choose = (next: Record<string, string>) =>
    setParams({ pet: petId, day, ...next }, { replace: true });
  return (
    <Stack>
      <div>
        <PageTitle>{t("activity.title")}</PageTitle>
        <Text c="dimmed" mt={-8}>
          {t("activity.intro")}
        </Text>
      </div>
      {pets.isError ? (
        <QueryError error={pets.error} onRetry={() => void pets.refetch()} />
      ) : pets.data.length === 0 ? (
        <Card withBorder padding="xl" ta="center">
          <Text fw={700}>{t("activity.noPets.title")}</Text>
          <Text c="dimmed" size="sm" mt="xs">
            {t("activity.noPets.body")}
          </Text>
          <Button component={Link} to="/pets/new" mt="md" mx="auto" w="fit-content">
            {t("activity.noPets.add")}
          </Button>
        </Card>
      ) : (
        <>
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t("activity.choosePet")}
              value={petId}
              onChange={(event) => choose({ pet: event.currentTarget.value })}
              data={pets.data.map((pet) => ({ value: pet.id, label: pet.name }))}
              miw={200}
            />
            <Button component={Link} to={`/health/${petId}/report`} variant="default">
              {t("activity.report.open")}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder padding="md" component="section" aria-labelledby="activity-month">
              <Title order={2} fz="h4" id="activity-month">
                {t("activity.calendar")}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t("activity.calendar.hint")}
              </Text>
              <MonthCalendar
                petId={petId}
                month={month}
                onMonthChange={(next) => setMonth(firstOfMonth(next))}
                selected={day}
                onSelect={(next) => choose({ day: next })}
                today={today}
              />
            </Card>
            <SelectedDay petId={petId} day={day} today={today} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
