// The header's bell: a link to the inbox with the unread count as a badge. Its name says
// the count ("알림 3개 읽지 않음"); `data-stream` tells whether the live stream is open.
import { ActionIcon, Badge, Box } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../i18n/useI18n";
import { useUnreadCount } from "../pages/notifications/queries";
import { badgeText, INBOX_PATH } from "../pages/notifications/rules";
import type { StreamState } from "../pages/notifications/useNotificationStream";

function BellIcon() {
  return (
    <svg
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell({ stream }: { stream: StreamState }) {
  const { t } = useI18n();
  const unread = useUnreadCount(true);
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell");
  return (
    <Box pos="relative" style={{ flexShrink: 0 }}>
      <ActionIcon
        component={Link}
        to={INBOX_PATH}
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        data-stream={stream}
      >
        <BellIcon />
      </ActionIcon>
      {/* Beside the link, not in it: its name already says the count. */}
      {count > 0 ? (
        <Badge
          aria-hidden="true"
          data-testid="notification-badge"
          size="xs"
          color="red.9"
          variant="filled"
          pos="absolute"
          top={-4}
          right={-6}
          px={4}
          style={{ pointerEvents: "none" }}
        >
          {badgeText(count)}
        </Badge>
      ) : null}
    </Box>
  );
}
