// The pets area's queries: one key scheme, so a change refreshes exactly what shows it.
import { useQuery } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { Portfolio } from "./types";

export const petKeys = {
  all: ["pets"] as const,
  list: () => [...petKeys.all, "list"] as const,
  pet: (petId: string) => [...petKeys.all, petId] as const,
  portfolio: (petId: string) => [...petKeys.all, petId, "portfolio"] as const,
  eligibility: (petId: string) => [...petKeys.all, petId, "eligibility"] as const,
  applications: () => ["petstar-applications", "mine"] as const,
};

export function usePets() {
  return useQuery({
    queryKey: petKeys.list(),
    queryFn: async () => data(await api.GET("/api/v1/pets")).items,
  });
}

export function usePet(petId: string) {
  return useQuery({
    queryKey: petKeys.pet(petId),
    queryFn: async () =>
      data(await api.GET("/api/v1/pets/{pet_id}", { params: { path: { pet_id: petId } } })),
  });
}

/** The pet's portfolio with its history, or null while it has none (the API answers 404). */
export function usePortfolio(petId: string) {
  return useQuery({
    queryKey: petKeys.portfolio(petId),
    queryFn: async (): Promise<Portfolio | null> => {
      try {
        return data(
          await api.GET("/api/v1/pets/{pet_id}/portfolio", {
            params: { path: { pet_id: petId } },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useEligibility(petId: string, enabled: boolean) {
  return useQuery({
    queryKey: petKeys.eligibility(petId),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/pets/{pet_id}/petstar-eligibility", {
          params: { path: { pet_id: petId } },
        }),
      ),
    enabled,
  });
}

export function useMyApplications() {
  return useQuery({
    queryKey: petKeys.applications(),
    queryFn: async () => data(await api.GET("/api/v1/me/petstar-applications")).items,
  });
}
