// A PetStar's recent Instagram posts, opened from an applicant's card: what the last sync
// brought (at most 50, newest first) with their figures and a link to each on Instagram.
import { Anchor, Badge, Button, Group, Modal, Skeleton, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { usePetStarPosts } from "./queries";

function PostList({ petId }: { petId: string }) {
  const { t, dateTime, number } = useI18n();
  const posts = usePetStarPosts(petId, true);
  if (posts.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t("common.loading")}>
        <Skeleton height={60} />
        <Skeleton height={60} />
      </Stack>
    );
  }
  if (posts.isError) return <QueryError error={posts.error} onRetry={() => posts.refetch()} />;
  const { items, synced_at } = posts.data;
  return (
    <Stack gap="sm">
      <Text size="sm" c="gray.7">
        {synced_at
          ? t("advertiser.posts.synced", { date: dateTime(synced_at), count: items.length })
          : t("advertiser.posts.neverSynced")}
      </Text>
      {items.length === 0 && synced_at ? <Text>{t("advertiser.posts.none")}</Text> : null}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((post) => (
          <li key={post.permalink}>
            <Stack gap={2} py={6} style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" fw={600}>
                  {post.posted_at ? dateTime(post.posted_at) : "–"}
                </Text>
                <Text size="sm">
                  {t("advertiser.posts.figures", {
                    likes: number(post.like_count),
                    comments: number(post.comments_count),
                  })}
                </Text>
                {post.paid_partnership ? (
                  <Badge size="sm" variant="outline" color="gray.7">
                    {t("advertiser.posts.paid")}
                  </Badge>
                ) : null}
              </Group>
              {post.caption ? (
                <Text size="sm" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
                  {post.caption}
                </Text>
              ) : null}
              <Anchor href={post.permalink} target="_blank" rel="noopener noreferrer" size="sm">
                {t("advertiser.posts.open")}
              </Anchor>
            </Stack>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

export function PetStarPostsButton({ petId, name }: { petId: string; name: string }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={() => setOpened(true)}
        aria-label={t("advertiser.posts.openOf", { name })}
      >
        {t("advertiser.posts.button")}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t("advertiser.posts.title", { name })}
        size="lg"
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        {opened ? <PostList petId={petId} /> : null}
      </Modal>
    </>
  );
}
