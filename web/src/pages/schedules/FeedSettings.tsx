import {
  Alert,
  Button,
  Card,
  CopyButton,
  Group,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { ConfirmModal } from "../../components/ConfirmModal";
import { FormAlert } from "../../components/FormAlert";
import { QueryError } from "../../components/QueryError";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { useI18n } from "../../i18n/useI18n";
import { scheduleKeys, useFeed } from "./queries";

/** The private calendar address: turned on (shown once, to copy), replaced, or revoked. */
export function FeedSettings() {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const feed = useFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const enable = useMutation({
    mutationFn: async () => data(await api.POST("/api/v1/me/calendar-feed")),
    onSuccess: (made) => {
      setUrl(made.url ?? null);
      queryClient.setQueryData(scheduleKeys.feed(), { ...made, url: null });
    },
  });
  const revoke = useMutation({
    mutationFn: async () => {
      await api.DELETE("/api/v1/me/calendar-feed");
    },
    onSuccess: () => {
      setUrl(null);
      setConfirming(false);
      queryClient.setQueryData(scheduleKeys.feed(), {
        enabled: false,
        url: null,
        created_at: null,
      });
      notify(t, { color: "green", message: t("schedules.feed.revoked") });
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="feed-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="feed-title">
          {t("schedules.feed.title")}
        </Title>
        <Text size="sm">{t("schedules.feed.body")}</Text>
        {feed.isPending ? (
          <Skeleton height={36} aria-label={t("common.loading")} />
        ) : feed.isError ? (
          <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
        ) : (
          <>
            {url ? (
              <Stack gap="xs">
                <Alert color="yellow" variant="light">
                  {t("schedules.feed.onceOnly")}
                </Alert>
                <TextInput
                  label={t("schedules.feed.url")}
                  value={url}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                />
                <Group>
                  <CopyButton value={url}>
                    {({ copied, copy }) => (
                      <Button onClick={copy} color={copied ? "teal" : undefined}>
                        {copied ? t("schedules.feed.copied") : t("schedules.feed.copy")}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Stack>
            ) : feed.data.enabled ? (
              <Text size="sm" c="dimmed">
                {t("schedules.feed.onSince", { when: dateTime(feed.data.created_at ?? "") })}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t("schedules.feed.off")}
              </Text>
            )}
            <FormAlert message={enable.isError ? errorMessage(enable.error, t) : null} />
            <Group>
              <Button
                variant={feed.data.enabled ? "default" : "filled"}
                loading={enable.isPending}
                onClick={() => enable.mutate()}
              >
                {feed.data.enabled ? t("schedules.feed.renew") : t("schedules.feed.enable")}
              </Button>
              {feed.data.enabled && (
                <Button variant="default" onClick={() => setConfirming(true)}>
                  {t("schedules.feed.revoke")}
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t("schedules.feed.revoke")}
        body={t("schedules.feed.revokeBody")}
        confirmLabel={t("schedules.feed.revoke")}
        onConfirm={() => revoke.mutate()}
        onClose={() => setConfirming(false)}
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error, t) : null}
        danger
      />
    </Card>
  );
}
