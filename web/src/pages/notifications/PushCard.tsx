// Push on this device ("이 기기에서 푸시 알림 받기" / 끄기), why it cannot be turned on when it
// cannot (no support, blocked, not allowed, the push service failed), and every browser of
// mine that gets pushes, each of which can be removed.
import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { forgetPushDevice, refreshPushDevices, usePushDevices } from "./settingsQueries";
import type { PushDevice } from "./types";
import { PushProblem, usePushDevice } from "./usePushDevice";

function Devices({
  thisEndpoint,
  onRemoveThis,
}: {
  thisEndpoint: string | null;
  onRemoveThis: () => void;
}) {
  const { t, date } = useI18n();
  const queryClient = useQueryClient();
  const devices = usePushDevices();
  const remove = useMutation({
    mutationFn: async (device: PushDevice) => {
      await forgetPushDevice(device.endpoint);
      return device;
    },
    onSuccess: (device) =>
      notify(t, { message: t("notifications.push.removed", { device: device.device }) }),
    onError: (error) =>
      notify(t, {
        color: "red",
        message: t("notifications.push.notOff", { reason: errorMessage(error, t) }),
      }),
    onSettled: () => refreshPushDevices(queryClient),
  });
  if (devices.isPending) return null;
  if (devices.isError) {
    return <QueryError error={devices.error} onRetry={() => void devices.refetch()} />;
  }
  const items = devices.data.items;
  return (
    <Stack gap="xs" component="section" aria-labelledby="push-devices">
      <Title order={3} size="h5" id="push-devices">
        {t("notifications.push.devices")}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t("notifications.push.noDevices")}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0}>
          {items.map((device) => {
            const here = device.endpoint === thisEndpoint;
            return (
              <Paper
                key={device.id}
                component="li"
                withBorder
                p="sm"
                style={{ listStyle: "none" }}
                data-testid="push-device"
              >
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                        {device.device}
                      </Text>
                      {here ? (
                        <Badge variant="light" color="petful.9">
                          {t("notifications.push.thisDevice")}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="gray.7">
                      {t("notifications.push.since", { date: date(device.created_at) })}
                    </Text>
                  </Stack>
                  <Button
                    variant="default"
                    size="compact-sm"
                    aria-label={t("notifications.push.removeNamed", { device: device.device })}
                    loading={remove.isPending && remove.variables?.id === device.id}
                    onClick={() => (here ? onRemoveThis() : remove.mutate(device))}
                  >
                    {t("notifications.push.remove")}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

export function PushCard() {
  const { t } = useI18n();
  const devices = usePushDevices();
  const push = usePushDevice(devices.data?.items);
  const { status, turnOn, turnOff } = push;
  // Why the last try did not work, when the browser said so (denied shows as the status).
  const problem =
    turnOn.error instanceof PushProblem && turnOn.error.reason !== "denied"
      ? turnOn.error.reason
      : null;
  const on = () =>
    turnOn.mutate(undefined, {
      onSuccess: () => notify(t, { color: "green", message: t("notifications.push.turnedOn") }),
      onError: (error) => {
        if (error instanceof PushProblem) return; // shown in the card
        notify(t, {
          color: "red",
          message: t("notifications.push.notOn", { reason: errorMessage(error, t) }),
        });
      },
    });
  const off = () =>
    turnOff.mutate(undefined, {
      onSuccess: () => notify(t, { message: t("notifications.push.turnedOff") }),
      onError: (error) =>
        notify(t, {
          color: "red",
          message: t("notifications.push.notOff", { reason: errorMessage(error, t) }),
        }),
    });
  const why =
    status === "unsupported"
      ? t("notifications.push.unsupported")
      : status === "denied"
        ? t("notifications.push.denied")
        : problem
          ? t(`notifications.push.${problem}`)
          : null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="settings-push">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-push">
          {t("notifications.push.title")}
        </Title>
        <Text size="sm">{t("notifications.push.lead")}</Text>
        {why ? (
          <Alert color="yellow" variant="light" data-testid="push-problem" data-status={status}>
            {why}
          </Alert>
        ) : null}
        {status === "on" ? (
          <Group justify="space-between" gap="sm" data-testid="push-on">
            <Text fw={600}>{t("notifications.push.on")}</Text>
            <Button variant="default" loading={turnOff.isPending} onClick={off}>
              {t("notifications.push.turnOff")}
            </Button>
          </Group>
        ) : (
          <Group>
            <Button
              onClick={on}
              loading={turnOn.isPending || status === "checking"}
              disabled={status === "unsupported" || status === "denied"}
              data-status={status}
            >
              {t("notifications.push.turnOn")}
            </Button>
          </Group>
        )}
        {status === "unsupported" ? null : (
          <Devices thisEndpoint={push.endpoint} onRemoveThis={off} />
        )}
      </Stack>
    </Card>
  );
}
