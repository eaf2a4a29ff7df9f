// The community area's queries: one key scheme, so a change refreshes what shows it.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { PAGE_SIZE, type SearchView } from "./rules";
import type { PostListQuery } from "./types";

/** A list's filters (the API's own names; no paging). */
export type ListFilter = Omit<PostListQuery, "page_size" | "cursor">;

export const communityKeys = {
  all: ["community"] as const,
  lists: () => [...communityKeys.all, "list"] as const,
  list: (filter: ListFilter) => [...communityKeys.lists(), filter] as const,
  search: (view: SearchView) => [...communityKeys.all, "search", view] as const,
  post: (postId: string) => [...communityKeys.all, "post", postId] as const,
  comments: (postId: string) => [...communityKeys.all, "comments", postId] as const,
};

/** Post summaries, newest (or most popular) first, a page at a time. */
export function usePostList(filter: ListFilter) {
  return useInfiniteQuery({
    queryKey: communityKeys.list(filter),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/community/posts", {
          params: { query: { ...filter, page_size: PAGE_SIZE, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}

/** Search results for `view` (nothing is asked while the words are empty). */
export function useSearch(view: SearchView) {
  return useInfiniteQuery({
    queryKey: communityKeys.search(view),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/community/posts/search", {
          params: {
            query: {
              q: view.q,
              board: view.board ?? undefined,
              page_size: PAGE_SIZE,
              cursor: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
    enabled: view.q.length > 0,
  });
}

export function usePost(postId: string) {
  return useQuery({
    queryKey: communityKeys.post(postId),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/community/posts/{post_id}", {
          params: { path: { post_id: postId } },
        }),
      ),
  });
}

/** Root comments newest first, each with its replies, a page of roots at a time. */
export function useComments(postId: string) {
  return useInfiniteQuery({
    queryKey: communityKeys.comments(postId),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/community/posts/{post_id}/comments", {
          params: {
            path: { post_id: postId },
            query: { page_size: PAGE_SIZE, cursor: pageParam || undefined },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}
