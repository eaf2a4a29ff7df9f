// Liking posts and comments: shown at once (optimistic), put back if the API refuses, and
// settled to the API's answer (its count includes everyone else's likes meanwhile).
import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { communityKeys } from "./queries";
import { likedCount, updateComment } from "./rules";
import type { Comment, CommentPage, LikeState, Post } from "./types";

type Comments = InfiniteData<CommentPage>;

function withLike<T extends { liked_by_me: boolean; like_count: number }>(
  item: T,
  liked: boolean,
): T {
  return {
    ...item,
    liked_by_me: liked,
    like_count: likedCount(item.like_count, item.liked_by_me, liked),
  };
}

function withState<T extends { liked_by_me: boolean; like_count: number }>(
  item: T,
  state: LikeState,
): T {
  return { ...item, liked_by_me: state.liked, like_count: state.like_count };
}

function mapComments(old: Comments | undefined, id: string, update: (c: Comment) => Comment) {
  if (!old) return old;
  return {
    ...old,
    pages: old.pages.map((page) => ({ ...page, items: updateComment(page.items, id, update) })),
  };
}

export function usePostLike(postId: string) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const key = communityKeys.post(postId);
  return useMutation({
    mutationFn: async (liked: boolean) => {
      const path = { params: { path: { post_id: postId } } };
      const answer = liked
        ? await api.PUT("/api/v1/community/posts/{post_id}/like", path)
        : await api.DELETE("/api/v1/community/posts/{post_id}/like", path);
      return data(answer);
    },
    onMutate: async (liked) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Post>(key);
      if (previous) queryClient.setQueryData<Post>(key, withLike(previous, liked));
      return { previous };
    },
    onError: (error, _liked, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notify(t, { color: "red", message: errorMessage(error, t) });
    },
    onSuccess: (state) =>
      queryClient.setQueryData<Post>(key, (old) => (old ? withState(old, state) : old)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: communityKeys.lists() }),
  });
}

export function useCommentLike(postId: string) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const key = communityKeys.comments(postId);
  return useMutation({
    mutationFn: async ({ id, liked }: { id: string; liked: boolean }) => {
      const path = { params: { path: { comment_id: id } } };
      const answer = liked
        ? await api.PUT("/api/v1/community/comments/{comment_id}/like", path)
        : await api.DELETE("/api/v1/community/comments/{comment_id}/like", path);
      return data(answer);
    },
    onMutate: async ({ id, liked }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Comments>(key);
      queryClient.setQueryData<Comments>(key, (old) =>
        mapComments(old, id, (c) => withLike(c, liked)),
      );
      return { previous };
    },
    onError: (error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notify(t, { color: "red", message: errorMessage(error, t) });
    },
    onSuccess: (state, { id }) =>
      queryClient.setQueryData<Comments>(key, (old) =>
        mapComments(old, id, (c) => withState(c, state)),
      ),
  });
}
