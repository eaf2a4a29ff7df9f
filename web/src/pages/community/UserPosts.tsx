// A member's public posts, on their profile page (account/UserPage). Reading the community
// needs an account, so the profile shows them to signed-in visitors only.
import { Stack, Text, Title } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { PostList } from "./PostList";

export function UserPosts({ userId, nickname }: { userId: string; nickname: string }) {
  const { t } = useI18n();
  return (
    <Stack component="section" aria-labelledby="user-posts-title" gap="sm">
      <Title order={2} size="h4" id="user-posts-title">
        {t("community.user.title", { nickname })}
      </Title>
      <PostList
        filter={{ author_id: userId }}
        empty={
          <Text size="sm" c="dimmed">
            {t("community.user.empty")}
          </Text>
        }
      />
    </Stack>
  );
}
