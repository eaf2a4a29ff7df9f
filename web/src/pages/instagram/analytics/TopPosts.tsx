import { Anchor, Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useId } from "react";

import { useI18n } from "../../../i18n/useI18n";
import type { TopPost } from "../types";

/** The posts with the most likes, each linking to Instagram. */
export function TopPosts({ posts }: { posts: TopPost[] }) {
  const { t, date, number } = useI18n();
  const id = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb="sm">
        {t("instagram.analytics.topPosts")}
      </Title>
      {posts.length === 0 ? (
        <Text size="sm" ta="center" py="lg">
          {t("instagram.analytics.topPostsEmpty")}
        </Text>
      ) : (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
          {posts.map((post, i) => (
            <li key={post.ig_media_id}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Text fw={800} fz="lg" c="petful.7" w={24} aria-hidden>
                  {i + 1}
                </Text>
                <Stack gap={2} miw={0}>
                  <Anchor
                    href={post.permalink}
                    target="_blank"
                    rel="noopener noreferrer"
                    lineClamp={2}
                  >
                    {post.caption || t("instagram.analytics.untitledPost")}
                    <VisuallyHidden> {t("instagram.analytics.opensInstagram")}</VisuallyHidden>
                  </Anchor>
                  <Group gap="sm">
                    <Text size="xs" c="dimmed">
                      {post.posted_at ? date(post.posted_at) : ""}
                    </Text>
                    <Text size="xs">
                      {t("instagram.analytics.postFigures", {
                        likes: number(post.like_count),
                        comments: number(post.comments_count),
                      })}
                    </Text>
                    {post.paid_partnership ? (
                      <Badge size="xs" variant="outline" color="dark">
                        {t("instagram.analytics.sponsored")}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
