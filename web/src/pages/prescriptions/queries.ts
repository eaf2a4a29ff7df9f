// The prescriptions area's queries: one key scheme, so a change refreshes what shows it.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { isReading } from "./rules";

export const prescriptionKeys = {
  all: ["prescriptions"] as const,
  list: () => [...prescriptionKeys.all, "list"] as const,
  one: (id: string) => [...prescriptionKeys.all, id] as const,
  photo: (id: string) => [...prescriptionKeys.all, id, "photo"] as const,
};

/** How often a prescription being read is asked for again. */
export const POLL_MS = 1500;

export function usePrescriptions() {
  return useInfiniteQuery({
    queryKey: prescriptionKeys.list(),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/prescriptions", {
          params: { query: { page_size: 20, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    // Uploads being read turn into drafts by themselves: the list follows.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isReading)) ? POLL_MS : false,
  });
}

export function usePrescription(id: string) {
  return useQuery({
    queryKey: prescriptionKeys.one(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/prescriptions/{prescription_id}", {
          params: { path: { prescription_id: id } },
        }),
      ),
    refetchInterval: (query) => (isReading(query.state.data) ? POLL_MS : false),
  });
}

/** The private photo's bytes (an <img> cannot send the access token itself). */
export function usePhoto(id: string) {
  return useQuery({
    queryKey: prescriptionKeys.photo(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/prescriptions/{prescription_id}/photo", {
          params: { path: { prescription_id: id } },
          parseAs: "blob",
        }),
      ),
    staleTime: Infinity,
  });
}
