// /community/me: 내가 쓴 글 and 좋아요한 글, the tab in the address (?tab=liked).
import { Anchor, Button, SegmentedControl, Stack } from "@mantine/core";
import { Link, useSearchParams } from "react-router";

import { useSession } from "../../auth/useSession";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/useI18n";
import { EmptyState, PostList } from "./PostList";

type Tab = "written" | "liked";

export function MyPostsPage() {
  const { t } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get("tab") === "liked" ? "liked" : "written";
  const myId = session.status === "signedIn" ? session.user.id : "";
  return (
    <Stack maw={960} mx="auto" w="100%">
      <PageTitle>{t("community.mine.title")}</PageTitle>
      <Anchor component={Link} to="/community" size="sm" mt={-8}>
        {t("community.back")}
      </Anchor>
      <SegmentedControl
        fullWidth
        value={tab}
        onChange={(value) => setParams(value === "liked" ? { tab: "liked" } : {})}
        aria-label={t("community.mine.tabs")}
        data={[
          { value: "written", label: t("community.mine.written") },
          { value: "liked", label: t("community.mine.liked") },
        ]}
      />
      <section aria-label={t(tab === "liked" ? "community.mine.liked" : "community.mine.written")}>
        {tab === "liked" ? (
          <PostList
            key="liked"
            filter={{ liked: true }}
            empty={
              <EmptyState
                title={t("community.empty.liked")}
                body={t("community.empty.likedBody")}
              />
            }
          />
        ) : myId ? (
          <PostList
            key="written"
            filter={{ author_id: myId }}
            empty={
              <EmptyState
                title={t("community.empty.written")}
                action={
                  <Button component={Link} to="/community/write">
                    {t("community.write")}
                  </Button>
                }
              />
            }
          />
        ) : null}
      </section>
    </Stack>
  );
}
