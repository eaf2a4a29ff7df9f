// The instagram area's API calls as TanStack Query hooks, under one key scheme: everything
// about one account lives under KEYS.account(id), so a sync or a moderation refreshes it all.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";

import { api, data } from "../../api/client";
import type {
  Account,
  AccountWithMetrics,
  LinkCompleteIn,
  ModerationSettingsIn,
  Sentiment,
} from "./types";

export const KEYS = {
  all: ["instagram"] as const,
  accounts: ["instagram", "accounts"] as const,
  account: (id: string) => ["instagram", "account", id] as const,
  detail: (id: string) => ["instagram", "account", id, "detail"] as const,
  analytics: (id: string) => ["instagram", "account", id, "analytics"] as const,
  settings: (id: string) => ["instagram", "account", id, "moderation"] as const,
  stats: (id: string) => ["instagram", "account", id, "moderation-stats"] as const,
  log: (id: string) => ["instagram", "account", id, "moderation-log"] as const,
  comments: (id: string, sentiment: Sentiment | null) =>
    ["instagram", "account", id, "comments", sentiment ?? "ALL"] as const,
  pets: ["instagram", "my-pets"] as const,
};
// The pets area's keys start with "pets": a link to a pet changes what its pages show.
const PETS_AREA = ["pets"] as const;

const PAGE_SIZE = 20;
const COMMENTS_PAGE_SIZE = 10;
const path = (id: string) => ({ params: { path: { account_id: id } } });

export function useAccounts() {
  return useQuery({
    queryKey: KEYS.accounts,
    queryFn: async () => data(await api.GET("/api/v1/sns/accounts")).items,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: KEYS.detail(id),
    queryFn: async () => data(await api.GET("/api/v1/sns/accounts/{account_id}", path(id))),
  });
}

export function useAnalytics(id: string) {
  return useQuery({
    queryKey: KEYS.analytics(id),
    queryFn: async () =>
      data(await api.GET("/api/v1/sns/accounts/{account_id}/analytics", path(id))),
  });
}

export function useModerationSettings(id: string) {
  return useQuery({
    queryKey: KEYS.settings(id),
    queryFn: async () =>
      data(await api.GET("/api/v1/sns/accounts/{account_id}/moderation", path(id))),
  });
}

export function useModerationStats(id: string) {
  return useQuery({
    queryKey: KEYS.stats(id),
    queryFn: async () =>
      data(await api.GET("/api/v1/sns/accounts/{account_id}/moderation/stats", path(id))),
  });
}

const nextCursor = (last: { next_cursor?: string | null }) => last.next_cursor ?? null;

export function useModerationLog(id: string) {
  return useInfiniteQuery({
    queryKey: KEYS.log(id),
    initialPageParam: "",
    getNextPageParam: nextCursor,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/sns/accounts/{account_id}/moderation/log", {
          params: { path: { account_id: id }, query: { page_size: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
  });
}

export function useComments(id: string, sentiment: Sentiment | null) {
  return useInfiniteQuery({
    queryKey: KEYS.comments(id, sentiment),
    initialPageParam: "",
    getNextPageParam: nextCursor,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/sns/accounts/{account_id}/comments", {
          params: {
            path: { account_id: id },
            query: { sentiment, page_size: COMMENTS_PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
  });
}

export function useMyPets() {
  return useQuery({
    queryKey: KEYS.pets,
    queryFn: async () => data(await api.GET("/api/v1/pets")).items,
  });
}

/** After an account changed: its row in the list, and everything shown about it. */
function accountChanged(queryClient: QueryClient, account: Account) {
  queryClient.setQueryData(KEYS.detail(account.id), account);
  queryClient.setQueryData<AccountWithMetrics[]>(KEYS.accounts, (list) =>
    list?.map((item) => (item.id === account.id ? { ...item, ...account } : item)),
  );
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: KEYS.accounts }),
    queryClient.invalidateQueries({ queryKey: KEYS.account(account.id) }),
  ]);
}

export function useSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      data(await api.POST("/api/v1/sns/accounts/{account_id}/sync", path(id))),
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}

/** Start linking through Facebook Login: the address of Facebook's login dialog. */
export function useStartLink() {
  return useMutation({
    mutationFn: async (redirectUri: string) =>
      data(await api.POST("/api/v1/sns/link/start", { body: { redirect_uri: redirectUri } }))
        .authorize_url,
  });
}

/** Finish linking with what Facebook sent back (or, the second time, the chosen account). */
export function useCompleteLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LinkCompleteIn) =>
      data(await api.POST("/api/v1/sns/link/complete", { body })),
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}

export function useUnlink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      data(await api.DELETE("/api/v1/sns/accounts/{account_id}", path(id))),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEYS.all }),
        queryClient.invalidateQueries({ queryKey: PETS_AREA }),
      ]),
  });
}

export interface PetLinkChange {
  accountId: string;
  /** The pet it serves now (undefined: none) and the one it should serve (null: none). */
  from: string | undefined;
  to: string | null;
}

/** Connect an account to another pet (or to none): the old link goes first, because an
 * account serves one pet at most. */
export function usePetLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ accountId, from, to }: PetLinkChange) => {
      if (from) {
        data(
          await api.DELETE("/api/v1/pets/{pet_id}/instagram", {
            params: { path: { pet_id: from } },
          }),
        );
      }
      if (to) {
        data(
          await api.PUT("/api/v1/pets/{pet_id}/instagram", {
            params: { path: { pet_id: to } },
            body: { account_id: accountId },
          }),
        );
      }
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEYS.pets }),
        queryClient.invalidateQueries({ queryKey: PETS_AREA }),
      ]),
  });
}

export function useSaveModeration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ModerationSettingsIn) =>
      data(await api.PUT("/api/v1/sns/accounts/{account_id}/moderation", { ...path(id), body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEYS.settings(id), saved);
    },
  });
}

export type CommentAction = "hide" | "unhide" | "delete";

export function useModerateComment(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ commentId, action }: { commentId: string; action: CommentAction }) => {
      const route = {
        hide: "/api/v1/sns/comments/{comment_id}/hide",
        unhide: "/api/v1/sns/comments/{comment_id}/unhide",
        delete: "/api/v1/sns/comments/{comment_id}/delete",
      } as const;
      return data(await api.POST(route[action], { params: { path: { comment_id: commentId } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEYS.account(accountId) }),
  });
}
