// A post's comments: the form, roots newest first with their replies below (one level),
// each with 좋아요, 답글 (roots), 수정 in place, 삭제 after a confirmation and 신고.
import { Box, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState } from "react";

import { api, data } from "../../api/client";
import { useSession } from "../../auth/useSession";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { ReportDialog } from "../../components/ReportDialog";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { Byline, RichText } from "./bits";
import { CommentForm } from "./CommentForm";
import { LikeButton } from "./LikeButton";
import { useCommentLike } from "./likes";
import { ListSkeleton, MoreButton } from "./PostList";
import { communityKeys, useComments } from "./queries";
import { updateComment } from "./rules";
import type { Comment, CommentPage } from "./types";

/** After a comment is added or removed: the list and the post's count. */
function useRefresh(postId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: communityKeys.comments(postId) }),
      queryClient.invalidateQueries({ queryKey: communityKeys.post(postId) }),
    ]);
}

function useCreate(postId: string) {
  const refresh = useRefresh(postId);
  return async (body: string, parentId?: string) => {
    data(
      await api.POST("/api/v1/community/posts/{post_id}/comments", {
        params: { path: { post_id: postId } },
        body: { body, parent_id: parentId ?? null },
      }),
    );
    await refresh();
  };
}

/** What a comment shows instead of its text when it has none to show. */
function Gone({ comment }: { comment: Comment }) {
  const { t } = useI18n();
  if (comment.deleted) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t("community.comment.deleted")}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" fs="italic">
      {t("community.comment.hidden")}
    </Text>
  );
}

function CommentItem({
  comment,
  postId,
  onReply,
}: {
  comment: Comment;
  postId: string;
  /** Roots only: open the reply form under this comment's replies. */
  onReply?: () => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const queryClient = useQueryClient();
  const refresh = useRefresh(postId);
  const like = useCommentLike(postId);
  const [editing, setEditing] = useState(false);
  const [confirming, confirm] = useDisclosure(false);
  const [reporting, report] = useDisclosure(false);
  const remove = useMutation({
    mutationFn: async () => {
      await api.DELETE("/api/v1/community/comments/{comment_id}", {
        params: { path: { comment_id: comment.id } },
      });
    },
    onSuccess: async () => {
      confirm.close();
      notify(t, { color: "green", message: t("community.comment.deletedDone") });
      await refresh();
    },
  });
  const edit = async (body: string) => {
    const saved = data(
      await api.PATCH("/api/v1/community/comments/{comment_id}", {
        params: { path: { comment_id: comment.id } },
        body: { body },
      }),
    );
    queryClient.setQueryData<InfiniteData<CommentPage>>(communityKeys.comments(postId), (old) =>
      old
        ? {
            ...old,
            pages: old.pages.map((page) => ({
              ...page,
              // The answer has no replies of its own: the root keeps the ones shown.
              items: updateComment(page.items, comment.id, (c) => ({
                ...saved,
                replies: c.replies,
              })),
            })),
          }
        : old,
    );
  };
  const mine = session.status === "signedIn" && session.user.id === comment.author.id;
  const gone = comment.deleted || (comment.hidden && !comment.body);
  if (comment.deleted) {
    return (
      <Box data-testid="comment" py={4}>
        <Gone comment={comment} />
      </Box>
    );
  }
  return (
    <Box data-testid="comment">
      <Stack gap={6}>
        <Byline
          author={comment.author}
          createdAt={comment.created_at ?? ""}
          editedAt={comment.edited_at}
          avatar={28}
        />
        {editing ? (
          <CommentForm
            label={t("community.comment.editLabel")}
            submitLabel={t("common.save")}
            initial={comment.body}
            save={edit}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
            autoFocus
          />
        ) : gone ? (
          <Gone comment={comment} />
        ) : (
          <>
            <RichText text={comment.body} size="sm" />
            {comment.hidden ? (
              <Text size="xs" c="dimmed">
                {t("community.comment.hiddenOwn")}
              </Text>
            ) : null}
          </>
        )}
        {editing || gone ? null : (
          <Group gap={4} wrap="wrap">
            <LikeButton
              size="compact-sm"
              liked={comment.liked_by_me}
              count={comment.like_count}
              disabled={like.isPending && like.variables?.id === comment.id}
              onToggle={(liked) => like.mutate({ id: comment.id, liked })}
            />
            {onReply ? (
              <Button size="compact-sm" variant="subtle" color="dark" onClick={onReply}>
                {t("community.comment.reply")}
              </Button>
            ) : null}
            {comment.can_edit ? (
              <Button
                size="compact-sm"
                variant="subtle"
                color="dark"
                onClick={() => setEditing(true)}
              >
                {t("common.edit")}
              </Button>
            ) : null}
            {comment.can_delete ? (
              <Button
                size="compact-sm"
                variant="subtle"
                color="dark"
                onClick={() => {
                  remove.reset();
                  confirm.open();
                }}
              >
                {t("community.delete.button")}
              </Button>
            ) : null}
            {mine ? null : (
              <Button size="compact-sm" variant="subtle" color="dark" onClick={report.open}>
                {t("community.report")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t("community.comment.deleteTitle")}
        body={t(
          comment.replies.length
            ? "community.comment.deleteBodyReplies"
            : "community.comment.deleteBody",
        )}
        confirmLabel={t("community.delete.button")}
        onConfirm={() => remove.mutate()}
        onClose={confirm.close}
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error, t) : null}
        danger
      />
      <ReportDialog
        opened={reporting}
        onClose={report.close}
        target={{
          type: "COMMENT",
          id: comment.id,
          name: t("community.comment.reportName", { nickname: comment.author.nickname }),
        }}
      />
    </Box>
  );
}

/** A root comment, its replies, and the reply form when asked for. */
function Thread({ root, postId }: { root: Comment; postId: string }) {
  const { t } = useI18n();
  const create = useCreate(postId);
  const [replying, setReplying] = useState(false);
  return (
    <Stack gap="sm" data-testid="thread">
      <CommentItem
        comment={root}
        postId={postId}
        onReply={root.deleted ? undefined : () => setReplying(true)}
      />
      {root.replies.length || replying ? (
        <Stack
          gap="sm"
          pl="md"
          ml={6}
          style={{ borderLeft: "2px solid var(--mantine-color-gray-3)" }}
          data-testid="replies"
        >
          {root.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} postId={postId} />
          ))}
          {replying ? (
            <CommentForm
              label={t("community.comment.replyLabel", { nickname: root.author.nickname })}
              submitLabel={t("community.comment.replySubmit")}
              save={(body) => create(body, root.id)}
              onDone={() => setReplying(false)}
              onCancel={() => setReplying(false)}
              autoFocus
            />
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function Comments({ postId }: { postId: string }) {
  const { t, number } = useI18n();
  const comments = useComments(postId);
  const create = useCreate(postId);
  const roots = comments.data?.pages.flatMap((page) => page.items) ?? [];
  const total = comments.data?.pages[0]?.total ?? 0;
  return (
    <Stack component="section" aria-labelledby="comments-title" gap="md">
      <Title order={2} size="h4" id="comments-title">
        {t("community.comment.title", { count: number(total) })}
      </Title>
      <CommentForm
        label={t("community.comment.label")}
        submitLabel={t("community.comment.submit")}
        save={(body) => create(body)}
      />
      {comments.isPending ? (
        <ListSkeleton />
      ) : comments.isError ? (
        <QueryError error={comments.error} onRetry={() => void comments.refetch()} />
      ) : roots.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("community.comment.empty")}
        </Text>
      ) : (
        <Stack gap="lg">
          {roots.map((root) => (
            <Thread key={root.id} root={root} postId={postId} />
          ))}
          <MoreButton
            hasMore={comments.hasNextPage}
            loading={comments.isFetchingNextPage}
            onMore={() => void comments.fetchNextPage()}
            label={t("community.comment.more")}
          />
        </Stack>
      )}
    </Stack>
  );
}
