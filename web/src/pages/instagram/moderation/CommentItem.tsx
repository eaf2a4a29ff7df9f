import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { useI18n } from "../../../i18n/useI18n";
import { errorMessage } from "../../../lib/errorMessage";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { ToneBadge } from "../ToneBadge";
import { useModerateComment, type CommentAction } from "../queries";
import type { Comment } from "../types";
import { useNotify } from "../useNotify";
import { ReasonText } from "./ReasonText";

const SENTIMENT_COLOR = { POSITIVE: "teal", NEUTRAL: "gray", NEGATIVE: "red" } as const;

/** One synced comment: what it says, how it feels, and hide / unhide / delete. */
export function CommentItem({ accountId, comment }: { accountId: string; comment: Comment }) {
  const { t, dateTime } = useI18n();
  const moderate = useModerateComment(accountId);
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const who = comment.username;
  const run = (action: CommentAction) =>
    moderate.mutate(
      { commentId: comment.id, action },
      {
        onSuccess: () => {
          setConfirming(false);
          notify(t(`instagram.comments.${action}Done`, { username: who }));
        },
        onError: (error) => notify(errorMessage(error, t), "red"),
      },
    );
  const color = SENTIMENT_COLOR[comment.sentiment];
  return (
    <Stack
      component="li"
      gap={4}
      py="sm"
      pl={comment.parent_ig_comment_id ? "lg" : 0}
      style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}
    >
      <Group gap="xs" wrap="wrap">
        <Text fw={700} size="sm">
          @{who}
        </Text>
        {comment.parent_ig_comment_id ? (
          <Text size="xs" c="dimmed">
            {t("instagram.comments.reply")}
          </Text>
        ) : null}
        <ToneBadge size="sm" color={color}>
          {t(`instagram.sentiment.${comment.sentiment}`)}
        </ToneBadge>
        {comment.state !== "VISIBLE" ? (
          <Badge size="sm" variant="outline" color="dark">
            {t(`instagram.comments.state.${comment.state}`)}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {comment.text}
      </Text>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed">
          {comment.posted_at ? dateTime(comment.posted_at) : ""}
          {comment.moderation_reason ? (
            <>
              {" · "}
              <ReasonText reason={comment.moderation_reason} />
            </>
          ) : null}
        </Text>
        {comment.state !== "DELETED" ? (
          <Group gap={4}>
            {comment.state === "VISIBLE" ? (
              <Button
                size="compact-sm"
                variant="default"
                loading={moderate.isPending}
                aria-label={t("instagram.comments.hideOf", { username: who })}
                onClick={() => run("hide")}
              >
                {t("instagram.comments.hide")}
              </Button>
            ) : (
              <Button
                size="compact-sm"
                variant="default"
                loading={moderate.isPending}
                aria-label={t("instagram.comments.unhideOf", { username: who })}
                onClick={() => run("unhide")}
              >
                {t("instagram.comments.unhide")}
              </Button>
            )}
            <Button
              size="compact-sm"
              variant="default"
              c="red.8"
              aria-label={t("instagram.comments.deleteOf", { username: who })}
              onClick={() => setConfirming(true)}
            >
              {t("instagram.comments.delete")}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ConfirmModal
        opened={confirming}
        title={t("instagram.comments.deleteTitle")}
        body={t("instagram.comments.deleteBody", { text: comment.text })}
        danger
        confirmLabel={t("instagram.comments.delete")}
        pending={moderate.isPending}
        onConfirm={() => run("delete")}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
