// The petstars pages' API calls (all public: `/api/v1/petstars*` needs no token).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { toApiQuery, type Filters } from "./filters";

/** Cards per "더 보기": four rows of three on a desktop. */
export const PAGE_SIZE = 12;
/** How many similar PetStars a profile shows. */
export const SIMILAR_LIMIT = 6;

/** The directory under `filters`, a page at a time (keyset cursors). */
export function useDirectory(filters: Filters) {
  return useInfiniteQuery({
    queryKey: ["petstars", "directory", filters],
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/petstars", {
          params: { query: toApiQuery(filters, PAGE_SIZE, pageParam) },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function usePetStar(petId: string) {
  return useQuery({
    queryKey: ["petstar", petId],
    queryFn: async () =>
      data(await api.GET("/api/v1/petstars/{pet_id}", { params: { path: { pet_id: petId } } })),
  });
}

export function usePetStarPortfolio(petId: string) {
  return useQuery({
    queryKey: ["petstar", petId, "portfolio"],
    queryFn: async () =>
      data(
        await api.GET("/api/v1/petstars/{pet_id}/portfolio", {
          params: { path: { pet_id: petId } },
        }),
      ),
  });
}

export function useSimilarPetStars(petId: string) {
  return useQuery({
    queryKey: ["petstar", petId, "similar", SIMILAR_LIMIT],
    queryFn: async () =>
      data(
        await api.GET("/api/v1/petstars/{pet_id}/similar", {
          params: { path: { pet_id: petId }, query: { limit: SIMILAR_LIMIT } },
        }),
      ),
  });
}
