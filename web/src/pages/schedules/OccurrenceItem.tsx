import { Badge, Button, Group, Menu, Stack, Text } from "@mantine/core";
import { useNavigate } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { KIND_COLORS, kindLabel, leadLabel } from "./labels";
import { koreanDayTime } from "./rules";
import type { Occurrence } from "./types";

export type OccurrenceAction = "move" | "skip" | "endFollowing" | "deleteAll";

interface Props {
  occurrence: Occurrence;
  onAction: (action: OccurrenceAction, occurrence: Occurrence) => void;
}

/** One occurrence: its time, what and for whom, and what may be done with it. */
export function OccurrenceItem({ occurrence: o, onAction }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { time } = koreanDayTime(o.starts_at ?? "");
  const edit = `/schedules/${o.schedule_id}/edit`;
  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      gap="sm"
      data-testid="occurrence"
    >
      <Group gap="sm" align="flex-start" wrap="nowrap" miw={0}>
        <Text
          fw={700}
          style={{ flexShrink: 0, whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}
        >
          {time}
        </Text>
        <Stack gap={2} miw={0}>
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {o.title}
          </Text>
          <Group gap={6}>
            <Badge size="sm" variant="light" color={KIND_COLORS[o.kind] ?? "gray"}>
              {t(kindLabel(o.kind))}
            </Badge>
            <Text size="sm" c="dimmed">
              {o.pet_name}
            </Text>
            {o.medication_name && (
              <Text size="sm" c="dimmed">
                {[o.medication_name, o.dosage].filter(Boolean).join(" ")}
              </Text>
            )}
          </Group>
          <Group gap={6}>
            {o.reminder_enabled && (
              <Badge size="xs" variant="outline" color="gray">
                {t("schedules.item.reminder", { lead: leadLabel(t, o.reminder_lead_minutes) })}
              </Badge>
            )}
            {o.overridden && (
              <Badge size="xs" variant="outline" color="gray">
                {t("schedules.item.changed")}
              </Badge>
            )}
          </Group>
        </Stack>
      </Group>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            size="compact-sm"
            aria-label={t("schedules.item.actionsFor", { title: o.title, time })}
          >
            {t("schedules.item.actions")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t("schedules.item.thisOnly")}</Menu.Label>
          <Menu.Item onClick={() => onAction("move", o)}>{t("schedules.action.move")}</Menu.Item>
          {o.recurring && (
            <Menu.Item onClick={() => onAction("skip", o)}>{t("schedules.action.skip")}</Menu.Item>
          )}
          {o.recurring && (
            <>
              <Menu.Label>{t("schedules.item.following")}</Menu.Label>
              <Menu.Item onClick={() => navigate(`${edit}?from=${o.key}`)}>
                {t("schedules.action.editFollowing")}
              </Menu.Item>
              <Menu.Item onClick={() => onAction("endFollowing", o)}>
                {t("schedules.action.endFollowing")}
              </Menu.Item>
            </>
          )}
          <Menu.Label>{t("schedules.item.whole")}</Menu.Label>
          <Menu.Item onClick={() => navigate(edit)}>{t("schedules.action.editAll")}</Menu.Item>
          <Menu.Item color="red.9" onClick={() => onAction("deleteAll", o)}>
            {t("schedules.action.deleteAll")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
