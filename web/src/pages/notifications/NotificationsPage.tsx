// /notifications: my inbox, newest first. 전체 / 읽지 않음 and a category in the address
// (?filter=unread&category=COMMUNITY); "더 보기" pages on; opening one marks it read and
// follows its link; "모두 읽음" and 숨기기 per notification. The live stream (mounted in the
// layout) refreshes it as notifications arrive. "알림 설정" in the header leads to the settings.
import {
  Anchor,
  Box,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { useInterval } from "@mantine/hooks";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { formatRelative } from "../../i18n/format";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import {
  useHide,
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
} from "./queries";
import {
  CATEGORIES,
  deepLink,
  inboxViewParams,
  isUnread,
  parseInboxView,
  type InboxView,
} from "./rules";
import { SETTINGS_PATH } from "./settingsRules";
import type { Category, Notification } from "./types";

/** The clock for relative times, read again every minute ("방금 전" becomes "1분 전"). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useInterval(() => setNow(new Date()), 60_000, { autoInvoke: true });
  return now;
}

function ListSkeleton() {
  const { t } = useI18n();
  return (
    <Stack aria-busy="true" aria-label={t("common.loading")}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height={88} />
      ))}
    </Stack>
  );
}

function Item({
  n,
  now,
  onHide,
}: {
  n: Notification;
  now: Date;
  onHide: (n: Notification) => void;
}) {
  const { t, lang, dateTime } = useI18n();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = isUnread(n);
  const href = deepLink(n.link);
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      data-testid="notification"
      data-unread={unread}
      bg={unread ? "petful.0" : undefined}
      style={{
        listStyle: "none",
        borderInlineStart: unread ? "4px solid var(--mantine-color-petful-7)" : undefined,
      }}
    >
      <Group align="flex-start" justify="space-between" wrap="nowrap" gap="sm">
        <Anchor
          component={Link}
          to={href}
          underline="never"
          c="inherit"
          style={{ flex: 1, minWidth: 0 }}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            markRead.mutate(n);
            void navigate(href);
          }}
        >
          <Stack gap={4}>
            <Group gap={8} wrap="nowrap" align="baseline">
              {unread ? (
                <Box
                  aria-hidden="true"
                  w={8}
                  h={8}
                  bg="petful.7"
                  style={{ borderRadius: "50%", flexShrink: 0 }}
                />
              ) : null}
              <Text fw={unread ? 700 : 500} style={{ overflowWrap: "anywhere" }}>
                {unread ? <VisuallyHidden>{t("notifications.unread")}: </VisuallyHidden> : null}
                {n.title}
              </Text>
            </Group>
            {n.body ? (
              <Text size="sm" c="gray.8" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
                {n.body}
              </Text>
            ) : null}
            <Text
              size="xs"
              c="gray.7"
              component="time"
              dateTime={n.created_at}
              title={dateTime(n.created_at)}
            >
              {formatRelative(n.created_at, now, lang)}
            </Text>
          </Stack>
        </Anchor>
        <Button variant="default" size="compact-sm" onClick={() => onHide(n)}>
          {t("notifications.hide")}
        </Button>
      </Group>
    </Paper>
  );
}

function Empty({ unread }: { unread: boolean }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg" data-testid="empty">
      <Stack gap="xs">
        <Text fw={600}>{t(unread ? "notifications.empty.unread" : "notifications.empty.all")}</Text>
        <Text size="sm">
          {t(unread ? "notifications.empty.unreadBody" : "notifications.empty.allBody")}
        </Text>
      </Stack>
    </Card>
  );
}

function List({ view }: { view: InboxView }) {
  const { t } = useI18n();
  const list = useNotificationList(view);
  const now = useNow();
  const hide = useHide({
    onSuccess: () => notify(t, { message: t("notifications.hidden") }),
    onError: (error) => notify(t, { color: "red", message: errorMessage(error, t) }),
  });
  if (list.isPending) return <ListSkeleton />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <Empty unread={view.unread} />;
  return (
    <Stack gap="sm">
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={t("notifications.list")}>
        {items.map((n) => (
          <Item key={n.id} n={n} now={now} onHide={(it) => hide.mutate(it)} />
        ))}
      </Stack>
      {list.hasNextPage ? (
        <Button
          variant="default"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t("notifications.more")}
        </Button>
      ) : null}
    </Stack>
  );
}

export function NotificationsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const view = parseInboxView(params);
  const unreadCount = useUnreadCount(true);
  const readAll = useMarkAllRead();
  const show = (next: InboxView) => setParams(inboxViewParams(next), { replace: true });
  return (
    <Stack maw={720} mx="auto" w="100%">
      <Group justify="space-between" align="flex-start" gap="sm">
        <PageTitle>{t("notifications.title")}</PageTitle>
        <Button component={Link} to={SETTINGS_PATH} variant="default">
          {t("notifications.settings.open")}
        </Button>
      </Group>
      <Group justify="space-between" align="flex-end" gap="sm">
        <SegmentedControl
          value={view.unread ? "unread" : "all"}
          onChange={(value) => show({ ...view, unread: value === "unread" })}
          aria-label={t("notifications.tabs")}
          data={[
            { value: "all", label: t("notifications.tab.all") },
            { value: "unread", label: t("notifications.tab.unread") },
          ]}
        />
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <NativeSelect
            label={t("notifications.category.label")}
            value={view.category ?? ""}
            onChange={(event) =>
              show({ ...view, category: (event.currentTarget.value || null) as Category | null })
            }
            data={[
              { value: "", label: t("notifications.category.ALL") },
              ...CATEGORIES.map((c) => ({ value: c, label: t(`notifications.category.${c}`) })),
            ]}
          />
          <Button
            variant="default"
            disabled={(unreadCount.data?.count ?? 0) === 0}
            loading={readAll.isPending}
            onClick={() =>
              readAll.mutate(undefined, {
                onSuccess: ({ marked }) =>
                  notify(t, { message: t("notifications.readAllDone", { count: marked }) }),
                onError: (error) => notify(t, { color: "red", message: errorMessage(error, t) }),
              })
            }
          >
            {t("notifications.readAll")}
          </Button>
        </Group>
      </Group>
      <section aria-label={t(view.unread ? "notifications.tab.unread" : "notifications.tab.all")}>
        <List key={`${view.unread}-${view.category ?? ""}`} view={view} />
      </section>
    </Stack>
  );
}
