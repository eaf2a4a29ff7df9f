// The admin console's queries and changes: one key scheme, so an action on an account
// refreshes its detail, its sessions, the user list and the audit log that records it.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { PAGE_SIZE, type AuditView, type UserView } from "./rules";
import type { BroadcastDraft, RoleChangeBody, SuspensionBody } from "./types";

export const adminKeys = {
  all: ["admin"] as const,
  dashboard: () => [...adminKeys.all, "dashboard"] as const,
  users: () => [...adminKeys.all, "users"] as const,
  userList: (view: UserView) => [...adminKeys.users(), "list", view] as const,
  user: (id: string) => [...adminKeys.users(), "detail", id] as const,
  sessions: (id: string) => [...adminKeys.users(), "sessions", id] as const,
  audit: (view: AuditView) => [...adminKeys.all, "audit", view] as const,
  deadLetters: () => [...adminKeys.all, "dead-letters"] as const,
  broadcasts: () => [...adminKeys.all, "broadcasts"] as const,
  stats: () => [...adminKeys.all, "delivery-stats"] as const,
};

/** The platform at a glance (accounts, campaigns, queues, the last 30 days). */
export function useDashboard() {
  return useQuery({
    queryKey: adminKeys.dashboard(),
    queryFn: async () => data(await api.GET("/api/v1/admin/dashboard")),
  });
}

// --- users ---------------------------------------------------------------------------------

export function useUserList(view: UserView) {
  return useInfiniteQuery({
    queryKey: adminKeys.userList(view),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/admin/users", {
          params: {
            query: {
              q: view.q || undefined,
              role: view.role ?? undefined,
              status: view.status ?? undefined,
              page_size: PAGE_SIZE,
              cursor: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: adminKeys.user(id),
    queryFn: async () =>
      data(await api.GET("/api/v1/admin/users/{user_id}", { params: { path: { user_id: id } } })),
  });
}

export function useSessions(id: string) {
  return useQuery({
    queryKey: adminKeys.sessions(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/admin/users/{user_id}/sessions", {
          params: { path: { user_id: id } },
        }),
      ),
  });
}

/** After an action on an account: it, its sessions, every list and the audit log. */
function refreshAccount(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: adminKeys.all });
}

export function useSuspend(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SuspensionBody) =>
      data(
        await api.POST("/api/v1/admin/users/{user_id}/suspension", {
          params: { path: { user_id: id } },
          body,
        }),
      ),
    onSuccess: (user) => {
      queryClient.setQueryData(adminKeys.user(id), user);
      return refreshAccount(queryClient);
    },
  });
}

/** A new role; the API signs the member out everywhere (their tokens carry the role). */
export function useChangeRole(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RoleChangeBody) =>
      data(
        await api.PUT("/api/v1/admin/users/{user_id}/role", {
          params: { path: { user_id: id } },
          body,
        }),
      ),
    onSuccess: (user) => {
      queryClient.setQueryData(adminKeys.user(id), user);
      return refreshAccount(queryClient);
    },
  });
}

export function useReinstate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      data(
        await api.DELETE("/api/v1/admin/users/{user_id}/suspension", {
          params: { path: { user_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: (user) => {
      queryClient.setQueryData(adminKeys.user(id), user);
      return refreshAccount(queryClient);
    },
  });
}

/** Sign the account out everywhere (`sessionId` null) or on one device. */
export function useRevokeSessions(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ sessionId, reason }: { sessionId: string | null; reason: string }) => {
      if (sessionId === null) {
        return data(
          await api.POST("/api/v1/admin/users/{user_id}/sessions/revoke", {
            params: { path: { user_id: id } },
            body: { reason },
          }),
        ).revoked;
      }
      await api.DELETE("/api/v1/admin/users/{user_id}/sessions/{session_id}", {
        params: { path: { user_id: id, session_id: sessionId } },
        body: { reason },
      });
      return 1;
    },
    onSuccess: () => refreshAccount(queryClient),
  });
}

// --- the audit log -------------------------------------------------------------------------

export function useAuditLog(view: AuditView) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(view),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/admin/audit-log", {
          params: {
            query: {
              target_type: view.target_type ?? undefined,
              action: view.action ?? undefined,
              target_id: view.target_id ?? undefined,
              actor_id: view.actor_id ?? undefined,
              page_size: PAGE_SIZE,
              cursor: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}

// --- notifications -------------------------------------------------------------------------

export function useDeadLetters() {
  return useInfiniteQuery({
    queryKey: adminKeys.deadLetters(),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/admin/notifications/dead-letters", {
          params: { query: { page_size: PAGE_SIZE, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}

export function useRetryDeadLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      data(
        await api.POST("/api/v1/admin/notifications/dead-letters/{dead_letter_id}/retry", {
          params: { path: { dead_letter_id: id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.deadLetters() }),
  });
}

/** The latest announcements with their progress; asked again while one is still going out. */
export function useBroadcasts() {
  return useQuery({
    queryKey: adminKeys.broadcasts(),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/admin/notifications/broadcasts", {
          params: { query: { page_size: 5 } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.items.some((b) => b.status === "QUEUED" || b.status === "SENDING")
        ? 2_000
        : false,
  });
}

export function usePreviewBroadcast() {
  return useMutation({
    mutationFn: async (body: BroadcastDraft) =>
      data(await api.POST("/api/v1/admin/notifications/broadcasts/preview", { body })),
  });
}

/** Send an announcement. The key makes a repeated click (or a retry after a lost answer)
 * one announcement, not two. */
export function useSendBroadcast() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, key }: { body: BroadcastDraft; key: string }) =>
      data(
        await api.POST("/api/v1/admin/notifications/broadcasts", {
          params: { header: { "idempotency-key": key } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.broadcasts() }),
        queryClient.invalidateQueries({ queryKey: adminKeys.stats() }),
      ]),
  });
}

export function useDeliveryStats() {
  return useQuery({
    queryKey: adminKeys.stats(),
    queryFn: async () => data(await api.GET("/api/v1/admin/notifications/stats")),
  });
}
