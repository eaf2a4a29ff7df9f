// /community/posts/:postId: the post (its text with links, pictures, tagged pets), 좋아요,
// its menu, and the comments. A deleted or missing post is a 404 with the way back.
import { Alert, Anchor, Badge, Button, Divider, Group, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";

import { ApiError } from "../../api/problem";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { boardLabel } from "./labels";
import { BoardBadge, Byline, RichText } from "./bits";
import { Comments } from "./Comments";
import { Gallery } from "./Gallery";
import { LikeButton } from "./LikeButton";
import { usePostLike } from "./likes";
import { PostMenu } from "./PostMenu";
import { usePost } from "./queries";
import { boardViewParams } from "./rules";
import type { Post } from "./types";

function NotFound() {
  const { t } = useI18n();
  return (
    <Stack maw={560} mx="auto" py="xl" w="100%">
      <PageTitle>{t("community.notFound.title")}</PageTitle>
      <Text>{t("community.notFound.body")}</Text>
      <Button component={Link} to="/community" w="fit-content">
        {t("community.back")}
      </Button>
    </Stack>
  );
}

/** Why others may not see the post (shown to its author and to admins). */
function Status({ post }: { post: Post }) {
  const { t, dateTime } = useI18n();
  if (post.deleted_at) {
    return (
      <Alert color="gray" variant="light" role="status">
        {t("community.post.deletedAdmin", { when: dateTime(post.deleted_at) })}
      </Alert>
    );
  }
  if (post.hidden) {
    return (
      <Alert color="gray" variant="light" role="status">
        {t("community.post.hidden")}
      </Alert>
    );
  }
  return null;
}

function Article({ post }: { post: Post }) {
  const { t, number } = useI18n();
  const like = usePostLike(post.id);
  const board = boardViewParams({ board: post.board, sort: "NEWEST" }).toString();
  return (
    <Stack maw={760} mx="auto" w="100%" gap="md">
      <Anchor component={Link} to={`/community?${board}`} size="sm">
        {t("community.backTo", { board: t(boardLabel(post.board)) })}
      </Anchor>
      <Stack gap={6} component="header">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <BoardBadge board={post.board} />
          <PostMenu post={post} />
        </Group>
        <PageTitle>{post.title}</PageTitle>
        <Byline author={post.author} createdAt={post.created_at ?? ""} editedAt={post.edited_at} />
      </Stack>
      <Status post={post} />
      <RichText text={post.body} />
      {post.images.length ? <Gallery images={post.images} title={post.title} /> : null}
      {post.pets.length ? (
        <Group gap={6} role="group" aria-label={t("community.post.pets")}>
          <Text size="sm" c="dimmed">
            {t("community.post.pets")}
          </Text>
          {post.pets.map((pet) => (
            <Badge key={pet.id} variant="outline" color="petful.8" size="lg" tt="none">
              {pet.name}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Group gap="sm">
        <LikeButton
          liked={post.liked_by_me}
          count={post.like_count}
          disabled={like.isPending}
          onToggle={(liked) => like.mutate(liked)}
        />
        <Text size="sm" c="dimmed">
          {t("community.commentCount", { count: number(post.comment_count) })}
        </Text>
      </Group>
      <Divider />
      <Comments postId={post.id} />
    </Stack>
  );
}

export function PostPage() {
  const { t } = useI18n();
  const { postId = "" } = useParams();
  const post = usePost(postId);
  if (post.isPending) return <PageSkeleton />;
  if (post.isError) {
    // Deleted, hidden, never there, or no post id at all: the same answer for a reader.
    const missing =
      post.error instanceof ApiError && (post.error.status === 404 || post.error.status === 422);
    if (missing) return <NotFound />;
    return (
      <Stack maw={760} mx="auto" w="100%">
        <PageTitle>{t("community.post.title")}</PageTitle>
        <QueryError error={post.error} onRetry={() => void post.refetch()} />
      </Stack>
    );
  }
  return <Article key={post.data.id} post={post.data} />;
}
