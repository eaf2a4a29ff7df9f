// A post in a list: the whole card links to the post. Two shapes: a row with a small
// thumbnail (information, questions, every board), and for 자랑 a tile led by its picture.
import {
  AspectRatio,
  Box,
  Card,
  Group,
  Image,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

import { useI18n } from "../../i18n/useI18n";
import { BoardBadge, Byline, Highlighted } from "./bits";
import type { PostSummary } from "./types";

function Counts({ post }: { post: PostSummary }) {
  const { t, number } = useI18n();
  return (
    <Text span size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }} data-testid="counts">
      {t("community.counts", {
        likes: number(post.like_count),
        comments: number(post.comment_count),
      })}
    </Text>
  );
}

/** A row: board, title, preview, author and counts, the first picture on the right.
 * `title` and `preview` replace the plain ones (search results' highlighted fragments). */
export function PostCard({
  post,
  showBoard = false,
  title,
  preview,
}: {
  post: PostSummary;
  showBoard?: boolean;
  title?: ReactNode;
  preview?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      withBorder
      padding="md"
      component={Link}
      to={`/community/posts/${post.id}`}
      data-testid="post-card"
    >
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            {showBoard ? <BoardBadge board={post.board} /> : null}
            <Title order={3} size="h5" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
              {title ?? post.title}
            </Title>
          </Group>
          {post.preview || preview ? (
            <Text size="sm" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
              {preview ?? post.preview}
            </Text>
          ) : null}
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Byline
              author={post.author}
              createdAt={post.created_at ?? ""}
              editedAt={post.edited_at}
              link={false}
              avatar={24}
            />
            <Counts post={post} />
          </Group>
        </Stack>
        {post.thumbnail_url ? (
          <Box pos="relative" style={{ flexShrink: 0 }}>
            <Image src={post.thumbnail_url} alt="" w={72} h={72} fit="cover" radius="sm" />
            {post.image_count > 1 ? (
              <Text
                span
                size="xs"
                c="white"
                bg="dark.7"
                px={4}
                pos="absolute"
                bottom={4}
                right={4}
                style={{ borderRadius: 4 }}
              >
                <span aria-hidden="true">+{post.image_count - 1}</span>
                <VisuallyHidden>
                  {t("community.imageCount", { count: post.image_count })}
                </VisuallyHidden>
              </Text>
            ) : null}
          </Box>
        ) : null}
      </Group>
    </Card>
  );
}

/** A 자랑 tile: the picture first, then the title, author and counts. */
export function ShowOffCard({ post }: { post: PostSummary }) {
  const { t } = useI18n();
  return (
    <Card
      withBorder
      padding="sm"
      component={Link}
      to={`/community/posts/${post.id}`}
      data-testid="post-card"
    >
      <Card.Section>
        <AspectRatio ratio={1}>
          {post.thumbnail_url ? (
            <Image src={post.thumbnail_url} alt="" fit="cover" />
          ) : (
            <Box bg="petful.0" aria-hidden="true" />
          )}
        </AspectRatio>
      </Card.Section>
      <Stack gap={4} mt="sm">
        <Title order={3} size="h6" lineClamp={1} style={{ overflowWrap: "anywhere" }}>
          {post.title}
        </Title>
        <Byline
          author={post.author}
          createdAt={post.created_at ?? ""}
          editedAt={post.edited_at}
          link={false}
          avatar={20}
        />
        <Counts post={post} />
        {post.image_count > 1 ? (
          <Text size="xs" c="dimmed">
            {t("community.imageCount", { count: post.image_count })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** A search result: the row, with the matched terms highlighted in title and snippet. */
export function SearchHitCard({
  post,
  titleHighlight,
  bodyHighlight,
}: {
  post: PostSummary;
  titleHighlight: string;
  bodyHighlight: string;
}) {
  return (
    <PostCard
      post={post}
      showBoard
      title={titleHighlight ? <Highlighted fragment={titleHighlight} /> : undefined}
      preview={bodyHighlight ? <Highlighted fragment={bodyHighlight} /> : undefined}
    />
  );
}
