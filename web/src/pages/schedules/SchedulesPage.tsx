import {
  Badge,
  Button,
  Card,
  Chip,
  Divider,
  Group,
  NativeSelect,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Fragment, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { usePets } from "../pets/queries";
import { FeedSettings } from "./FeedSettings";
import { kindLabel } from "./labels";
import { OccurrenceActions, type Chosen } from "./OccurrenceActions";
import { OccurrenceItem } from "./OccurrenceItem";
import { useOccurrences } from "./queries";
import {
  KINDS,
  groupByDay,
  isIsoDay,
  shiftWindow,
  todayInKorea,
  windowInstants,
  windowOf,
  type View,
} from "./rules";
import type { ScheduleKind } from "./types";

function ListSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      {[0, 1, 2].map((i) => (
        <Card key={i} withBorder padding="md">
          <Skeleton height={18} width="30%" mb="sm" />
          <Skeleton height={14} mb={6} />
          <Skeleton height={14} width="70%" />
        </Card>
      ))}
    </Stack>
  );
}

/** My pets' schedules for a week or a month: today's first, filters by pet and kind. */
export function SchedulesPage() {
  const { t, calendarDate } = useI18n();
  const today = todayInKorea();
  const [params, setParams] = useSearchParams();
  const view: View = params.get("view") === "month" ? "month" : "week";
  const asked = params.get("day") ?? "";
  const day = isIsoDay(asked) ? asked : today;
  const petId = params.get("pet") ?? "";
  const kinds = (params.get("kinds") ?? "")
    .split(",")
    .filter((k): k is ScheduleKind => (KINDS as readonly string[]).includes(k));
  const { first, last } = windowOf(view, day);
  const { from, to } = windowInstants(first, last);
  const pets = usePets();
  const occurrences = useOccurrences(from, to, petId, kinds);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const set = (next: Record<string, string>) => {
    const merged = { view, day, pet: petId, kinds: kinds.join(","), ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)), { replace: true });
  };
  const groups = groupByDay(occurrences.data ?? [], today);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t("schedules.title")}</PageTitle>
        <Group gap="xs">
          <Button component={Link} to="/reminders" variant="default">
            {t("schedules.reminders")}
          </Button>
          <Button component={Link} to={petId ? `/schedules/new?pet=${petId}` : "/schedules/new"}>
            {t("schedules.add")}
          </Button>
        </Group>
      </Group>
      <Card withBorder padding="sm">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <SegmentedControl
              value={view}
              onChange={(v) => set({ view: v })}
              data={[
                { value: "week", label: t("schedules.view.week") },
                { value: "month", label: t("schedules.view.month") },
              ]}
              aria-label={t("schedules.view.label")}
            />
            <Group gap={4}>
              <Button
                variant="default"
                size="compact-md"
                onClick={() => set({ day: shiftWindow(view, day, -1) })}
              >
                {t(view === "week" ? "schedules.nav.prevWeek" : "schedules.nav.prevMonth")}
              </Button>
              <Button variant="default" size="compact-md" onClick={() => set({ day: today })}>
                {t("schedules.nav.today")}
              </Button>
              <Button
                variant="default"
                size="compact-md"
                onClick={() => set({ day: shiftWindow(view, day, 1) })}
              >
                {t(view === "week" ? "schedules.nav.nextWeek" : "schedules.nav.nextMonth")}
              </Button>
            </Group>
          </Group>
          <Text fw={600} aria-live="polite">
            {t("schedules.window", { first: calendarDate(first), last: calendarDate(last) })}
          </Text>
          <NativeSelect
            label={t("schedules.filter.pet")}
            value={petId}
            onChange={(e) => set({ pet: e.currentTarget.value })}
            data={[
              { value: "", label: t("schedules.filter.allPets") },
              ...(pets.data ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <Chip.Group multiple value={kinds} onChange={(v) => set({ kinds: v.join(",") })}>
            <Group gap={6} role="group" aria-label={t("schedules.filter.kind")}>
              {KINDS.map((k) => (
                <Chip key={k} value={k} size="sm">
                  {t(kindLabel(k))}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      </Card>
      {occurrences.isPending ? (
        <ListSkeleton />
      ) : occurrences.isError ? (
        <QueryError error={occurrences.error} onRetry={() => void occurrences.refetch()} />
      ) : groups.length === 0 ? (
        <Card withBorder padding="lg">
          <Stack gap="xs" align="flex-start">
            <Text fw={600}>{t("schedules.empty.title")}</Text>
            <Text size="sm">{t("schedules.empty.body")}</Text>
          </Stack>
        </Card>
      ) : (
        groups.map((g) => (
          <Card
            key={g.day}
            withBorder
            padding="md"
            component="section"
            aria-label={calendarDate(g.day)}
          >
            <Group gap="xs" mb="sm">
              <Title order={2} fz="h5">
                {calendarDate(g.day)}
              </Title>
              {g.day === today && <Badge>{t("schedules.today")}</Badge>}
              {g.day < today && (
                <Badge variant="light" color="gray">
                  {t("schedules.past")}
                </Badge>
              )}
            </Group>
            <Stack gap="sm">
              {g.items.map((o, i) => (
                <Fragment key={`${o.schedule_id}-${o.key}`}>
                  {i > 0 && <Divider />}
                  <OccurrenceItem
                    occurrence={o}
                    onAction={(action, occurrence) => setChosen({ action, occurrence })}
                  />
                </Fragment>
              ))}
            </Stack>
          </Card>
        ))
      )}
      <FeedSettings />
      <OccurrenceActions chosen={chosen} onClose={() => setChosen(null)} />
    </Stack>
  );
}
