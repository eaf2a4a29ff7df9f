// A member's public profile (/users/:userId): the nickname and picture anyone may see
// (GET /api/v1/users/{id}/public), and 신고하기 for signed-in members other than oneself;
// for signed-in visitors, the member's community posts too.
import { Avatar, Card, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";

import { api, data } from "../../api/client";
import { useSession } from "../../auth/useSession";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { ReportButton } from "../../components/ReportDialog";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { UserPosts } from "../community/UserPosts";
import { pictureUrl } from "./me";

export function UserPage() {
  const { t } = useI18n();
  const { userId = "" } = useParams();
  const session = useSession();
  const profile = useQuery({
    queryKey: ["users", userId, "public"],
    queryFn: async () =>
      data(
        await api.GET("/api/v1/users/{user_id}/public", { params: { path: { user_id: userId } } }),
      ),
  });
  if (profile.isPending) return <PageSkeleton />;
  if (profile.isError) {
    return (
      <Stack maw={600} mx="auto">
        <PageTitle>{t("error.title")}</PageTitle>
        <QueryError error={profile.error} onRetry={() => profile.refetch()} />
      </Stack>
    );
  }
  const user = profile.data;
  const self = session.status === "signedIn" && session.user.id === user.id;
  return (
    <Stack maw={600} mx="auto">
      <PageTitle>{user.nickname}</PageTitle>
      <Card withBorder padding="lg">
        <Group justify="space-between" wrap="wrap">
          <Group>
            <Avatar
              src={pictureUrl(user)}
              alt={t("account.picture.alt", { nickname: user.nickname })}
              size={72}
              radius={72}
            >
              {user.nickname.slice(0, 1)}
            </Avatar>
            <Text fw={700} fz="lg">
              {user.nickname}
            </Text>
          </Group>
          {self ? null : (
            <ReportButton target={{ type: "USER", id: user.id, name: user.nickname }} />
          )}
        </Group>
        {self ? (
          <Text size="sm" c="dimmed" mt="md">
            {t("account.user.self")}
          </Text>
        ) : null}
      </Card>
      {session.status === "signedIn" ? (
        <UserPosts userId={user.id} nickname={user.nickname} />
      ) : null}
    </Stack>
  );
}
