// The schedules area's queries: one key scheme, so an edit refreshes every window showing it.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import type { ScheduleKind } from "./types";

export const scheduleKeys = {
  all: ["schedules"] as const,
  occurrences: (from: string, to: string, petId: string, kinds: readonly ScheduleKind[]) =>
    [...scheduleKeys.all, "occurrences", from, to, petId, ...kinds] as const,
  schedule: (id: string) => [...scheduleKeys.all, "one", id] as const,
  reminders: () => ["reminders"] as const,
  feed: () => ["calendar-feed"] as const,
};

/** Occurrences of all my pets (or of `petId`) starting in [from, to). */
export function useOccurrences(
  from: string,
  to: string,
  petId: string,
  kinds: readonly ScheduleKind[],
) {
  return useQuery({
    queryKey: scheduleKeys.occurrences(from, to, petId, kinds),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/me/schedules/occurrences", {
          params: {
            query: {
              from,
              to,
              pet_id: petId || undefined,
              kind: kinds.length ? [...kinds] : undefined,
            },
          },
        }),
      ).items,
  });
}

export function useSchedule(id: string) {
  return useQuery({
    queryKey: scheduleKeys.schedule(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/me/schedules/{schedule_id}", {
          params: { path: { schedule_id: id } },
        }),
      ),
    enabled: Boolean(id),
  });
}

export function useReminders() {
  return useInfiniteQuery({
    queryKey: scheduleKeys.reminders(),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/me/reminders", {
          params: { query: { page_size: 20, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useFeed() {
  return useQuery({
    queryKey: scheduleKeys.feed(),
    queryFn: async () => data(await api.GET("/api/v1/me/calendar-feed")),
  });
}
