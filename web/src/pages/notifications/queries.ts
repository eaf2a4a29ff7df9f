// The notifications area's queries and changes: one key scheme, so reading, hiding or a new
// notification from the live stream refreshes the bell and every list that shows it.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { isUnread, PAGE_SIZE, updateInPages, type InboxView } from "./rules";
import type { Notification, NotificationPage, UnreadCount } from "./types";

export const notificationKeys = {
  all: ["notifications"] as const,
  unreadCount: () => [...notificationKeys.all, "unread-count"] as const,
  lists: () => [...notificationKeys.all, "list"] as const,
  list: (view: InboxView) => [...notificationKeys.lists(), view] as const,
};

type ListData = InfiniteData<NotificationPage, string>;

/** How many of mine are unread (the bell's badge). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: async () => data(await api.GET("/api/v1/notifications/unread-count")),
    enabled,
  });
}

/** My notifications in `view`, newest first, a page at a time. */
export function useNotificationList(view: InboxView) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(view),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/notifications", {
          params: {
            query: {
              unread: view.unread || undefined,
              category: view.category ?? undefined,
              page_size: PAGE_SIZE,
              cursor: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}

/** Something changed on the platform's side: the bell and the lists ask again. */
export function refreshInbox(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

/** Every cached list with `update` applied to the notification `id` (null: left out; an
 * unread-only list also leaves out what is read now). */
function updateLists(
  queryClient: QueryClient,
  id: string,
  update: (n: Notification) => Notification | null,
): void {
  for (const [key, cached] of queryClient.getQueriesData<ListData>({
    queryKey: notificationKeys.lists(),
  })) {
    if (!cached) continue;
    const view = key[2] as InboxView | undefined;
    queryClient.setQueryData<ListData>(
      key,
      updateInPages(cached, id, (n: Notification) => {
        const next = update(n);
        return next && view?.unread && !isUnread(next) ? null : next;
      }),
    );
  }
}

function lowerCount(queryClient: QueryClient, by: number): void {
  queryClient.setQueryData<UnreadCount>(notificationKeys.unreadCount(), (old) =>
    old ? { count: Math.max(0, old.count - by) } : old,
  );
}

/** Read one: shown read (and the badge one lower) at once, then the platform's answer. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (n: Notification) =>
      data(
        await api.POST("/api/v1/notifications/{notification_id}/read", {
          params: { path: { notification_id: n.id } },
        }),
      ),
    onMutate: async (n) => {
      if (!isUnread(n)) return;
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      lowerCount(queryClient, 1);
      const readAt = new Date().toISOString();
      updateLists(queryClient, n.id, (old) => ({ ...old, read_at: old.read_at ?? readAt }));
    },
    onSettled: () => refreshInbox(queryClient),
  });
}

/** Read them all: every unread one shown read, the badge gone. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => data(await api.POST("/api/v1/notifications/read-all")),
    onSuccess: () => {
      queryClient.setQueryData<UnreadCount>(notificationKeys.unreadCount(), { count: 0 });
    },
    onSettled: () => refreshInbox(queryClient),
  });
}

/** Hide one: gone from the lists (and the badge, if it was unread) at once. The item is
 * gone before the answer comes: what to say then goes here, not to `mutate`. */
export function useHide(said: { onSuccess: () => void; onError: (error: unknown) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    onSuccess: said.onSuccess,
    onError: said.onError,
    mutationFn: async (n: Notification) => {
      await api.DELETE("/api/v1/notifications/{notification_id}", {
        params: { path: { notification_id: n.id } },
      });
      return n;
    },
    onMutate: async (n) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      if (isUnread(n)) lowerCount(queryClient, 1);
      updateLists(queryClient, n.id, () => null);
    },
    onSettled: () => refreshInbox(queryClient),
  });
}
