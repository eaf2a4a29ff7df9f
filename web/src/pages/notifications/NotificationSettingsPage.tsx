// /notifications/settings: where my notifications go besides the inbox. Per category an
// email and a push switch, each saved at once (shown switched at once, switched back with a
// notice if the API refuses); the community digest, also at once; quiet hours, a form saved
// with its button (the API's field errors beside the fields); and push on this device.
import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Flex,
  Group,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link } from "react-router";

import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { formProblem } from "../../lib/formProblem";
import { notify } from "../../lib/notify";
import { PushCard } from "./PushCard";
import { CATEGORIES, INBOX_PATH } from "./rules";
import { useNotificationSettings, useSaveQuietHours, useToggleSetting } from "./settingsQueries";
import { channelGrid, CHANNELS, isOvernight, quietHoursProblems } from "./settingsRules";
import type { NotificationSettings, QuietHours } from "./types";

// The API names quiet hours' fields "quiet_hours.start" and so on; the form has them bare.
// Its one reason for refusing a time (not HH:MM, 00:00-23:59) is said in the person's language.
const QUIET_PROBLEM = {
  rename: {
    "quiet_hours.enabled": "enabled",
    "quiet_hours.start": "start",
    "quiet_hours.end": "end",
  },
  known: { start: "notifications.quiet.format", end: "notifications.quiet.format" },
  knownStatus: 422,
} as const;

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Channels({ settings }: { settings: NotificationSettings }) {
  const { t } = useI18n();
  const toggle = useToggleSetting();
  const grid = channelGrid(settings.channels);
  return (
    <Section id="settings-channels" title={t("notifications.settings.channels")}>
      <Stack gap={0}>
        {CATEGORIES.map((category, i) => {
          const name = t(`notifications.category.${category}`);
          return (
            <Flex
              key={category}
              role="group"
              aria-labelledby={`channels-${category}`}
              data-testid={`channels-${category}`}
              direction={{ base: "column", xs: "row" }}
              justify="space-between"
              align={{ base: "stretch", xs: "center" }}
              gap="xs"
              py="sm"
              style={i > 0 ? { borderTop: "1px solid var(--mantine-color-gray-3)" } : undefined}
            >
              <Box style={{ minWidth: 0 }}>
                <Text fw={600} id={`channels-${category}`}>
                  {name}
                </Text>
                <Text size="sm" c="gray.7">
                  {t(`notifications.settings.hint.${category}`)}
                </Text>
              </Box>
              <Group gap="xl" wrap="nowrap" style={{ flexShrink: 0 }}>
                {CHANNELS.filter((channel) => channel in grid[category]).map((channel) => {
                  const label = t(`notifications.settings.channel.${channel}`);
                  return (
                    <Switch
                      key={channel}
                      label={label}
                      aria-label={t("notifications.settings.channelSwitch", {
                        category: name,
                        channel: label,
                      })}
                      checked={grid[category][channel] ?? false}
                      onChange={(event) =>
                        toggle.mutate({
                          channels: [{ category, channel, enabled: event.currentTarget.checked }],
                        })
                      }
                    />
                  );
                })}
              </Group>
            </Flex>
          );
        })}
      </Stack>
      <Text size="sm" c="gray.7" mt="xs">
        {t("notifications.settings.securityNote")}
      </Text>
    </Section>
  );
}

function Digest({ settings }: { settings: NotificationSettings }) {
  const { t } = useI18n();
  const toggle = useToggleSetting();
  const emailOn = channelGrid(settings.channels).COMMUNITY.EMAIL;
  return (
    <Section id="settings-digest" title={t("notifications.digest.title")}>
      <Switch
        label={t("notifications.digest.label")}
        description={t("notifications.digest.hint")}
        checked={settings.daily_digest}
        onChange={(event) => toggle.mutate({ daily_digest: event.currentTarget.checked })}
      />
      {!emailOn ? (
        <Text size="sm" c="gray.7" mt="xs" data-testid="digest-email-off">
          {t("notifications.digest.emailOff")}
        </Text>
      ) : null}
    </Section>
  );
}

function QuietHoursForm({ saved, zone }: { saved: QuietHours; zone: string }) {
  const { t } = useI18n();
  const save = useSaveQuietHours();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<QuietHours>({
    initialValues: saved,
    validate: (values) => {
      const problems = quietHoursProblems(values);
      return {
        start: problems.start ? t(`notifications.quiet.${problems.start}`) : null,
        end: problems.end ? t(`notifications.quiet.${problems.end}`) : null,
      };
    },
  });
  const { enabled, start, end } = form.values;
  const valid = Object.keys(quietHoursProblems(form.values)).length === 0;
  const submit = (values: QuietHours) => {
    setMessage(null);
    save.mutate(values, {
      onSuccess: (settings) => {
        form.setInitialValues(settings.quiet_hours);
        form.setValues(settings.quiet_hours);
        form.resetDirty(settings.quiet_hours);
        notify(t, { color: "green", message: t("notifications.quiet.saved") });
      },
      onError: (error) => setMessage(formProblem(form, error, t, QUIET_PROBLEM)),
    });
  };
  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Stack gap="sm">
        <Switch
          label={t("notifications.quiet.enabled")}
          {...form.getInputProps("enabled", { type: "checkbox" })}
        />
        <Group grow gap="sm" align="flex-start">
          <TextInput
            type="time"
            label={t("notifications.quiet.start")}
            required
            disabled={!enabled}
            {...form.getInputProps("start")}
          />
          <TextInput
            type="time"
            label={t("notifications.quiet.end")}
            required
            disabled={!enabled}
            {...form.getInputProps("end")}
          />
        </Group>
        <Text size="sm" data-testid="quiet-summary">
          {!enabled
            ? t("notifications.quiet.off")
            : valid
              ? t(
                  isOvernight(start, end)
                    ? "notifications.quiet.summaryOvernight"
                    : "notifications.quiet.summary",
                  { start, end },
                )
              : null}
        </Text>
        <Text size="sm" c="gray.7">
          {t("notifications.quiet.timeZone", { zone })} {t("notifications.quiet.healthNote")}
        </Text>
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t("notifications.quiet.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SettingsSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      <Skeleton height={300} />
      <Skeleton height={120} />
      <Skeleton height={220} />
    </Stack>
  );
}

export function NotificationSettingsPage() {
  const { t } = useI18n();
  const settings = useNotificationSettings();
  return (
    <Stack maw={720} mx="auto" w="100%">
      <Box>
        <Anchor component={Link} to={INBOX_PATH} size="sm">
          ← {t("notifications.settings.toInbox")}
        </Anchor>
        <PageTitle>{t("notifications.settings.title")}</PageTitle>
        <Text>{t("notifications.settings.lead")}</Text>
      </Box>
      <Alert variant="light" color="petful" data-testid="inbox-note">
        {t("notifications.settings.inboxNote")}
      </Alert>
      {settings.isPending ? <SettingsSkeleton /> : null}
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      {settings.isSuccess ? (
        <>
          <Channels settings={settings.data} />
          <Digest settings={settings.data} />
          <Section id="settings-quiet" title={t("notifications.quiet.title")}>
            <Text size="sm" mb="sm">
              {t("notifications.quiet.lead")}
            </Text>
            <QuietHoursForm saved={settings.data.quiet_hours} zone={settings.data.time_zone} />
          </Section>
        </>
      ) : null}
      <PushCard />
    </Stack>
  );
}
