// /community/write (a new post, ?board= chosen) and /community/posts/:postId/edit.
import { Button, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { notify } from "../../lib/notify";
import { PostForm, type PostBody } from "./PostForm";
import { communityKeys, usePost } from "./queries";
import { parseBoardView } from "./rules";
import type { Post } from "./types";
import { savedImage } from "./useDraftImages";

/** Keep what was saved where it shows: the post's page at once, the lists when next seen. */
function useSaved() {
  const queryClient = useQueryClient();
  return (post: Post) => {
    queryClient.setQueryData(communityKeys.post(post.id), post);
    void queryClient.invalidateQueries({ queryKey: communityKeys.lists() });
    return post;
  };
}

export function WritePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const saved = useSaved();
  const { board } = parseBoardView(params);
  const create = async (body: PostBody) => {
    const post = data(await api.POST("/api/v1/community/posts", { body }));
    notify(t, { color: "green", message: t("community.form.created") });
    return saved(post);
  };
  return (
    <Stack maw={760} mx="auto" w="100%">
      <PageTitle>{t("community.form.newTitle")}</PageTitle>
      <PostForm
        initial={{ board: board ?? "INFORMATION", title: "", body: "", pet_ids: [] }}
        submitLabel={t("community.form.submit")}
        cancelTo={board ? `/community?board=${board}` : "/community"}
        save={create}
      />
    </Stack>
  );
}

function EditForm({ post }: { post: Post }) {
  const { t } = useI18n();
  const saved = useSaved();
  const update = async (body: PostBody) => {
    const next = data(
      await api.PUT("/api/v1/community/posts/{post_id}", {
        params: { path: { post_id: post.id } },
        body,
      }),
    );
    notify(t, { color: "green", message: t("community.form.updated") });
    return saved(next);
  };
  return (
    <PostForm
      initial={{
        board: post.board,
        title: post.title,
        body: post.body,
        pet_ids: post.pets.map((pet) => pet.id),
      }}
      initialImages={post.images.map(savedImage)}
      tagged={post.pets}
      submitLabel={t("common.save")}
      cancelTo={`/community/posts/${post.id}`}
      save={update}
    />
  );
}

export function EditPage() {
  const { t } = useI18n();
  const { postId = "" } = useParams();
  const post = usePost(postId);
  if (post.isPending) return <PageSkeleton />;
  const missing = post.error instanceof ApiError && post.error.status === 404;
  return (
    <Stack maw={760} mx="auto" w="100%">
      <PageTitle>{t("community.form.editTitle")}</PageTitle>
      {post.isError && !missing ? (
        <QueryError error={post.error} onRetry={() => void post.refetch()} />
      ) : post.isError || !post.data.can_edit ? (
        <Stack align="flex-start">
          <Text>{t(missing ? "community.notFound.body" : "community.form.notYours")}</Text>
          <Button component={Link} to="/community" variant="default">
            {t("community.back")}
          </Button>
        </Stack>
      ) : (
        <EditForm post={post.data} />
      )}
    </Stack>
  );
}
