// The health pages' queries: one key scheme, so a saved day refreshes its month and reports.
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { Activity } from "./types";

export const activityKeys = {
  all: (petId: string) => ["activity", petId] as const,
  month: (petId: string, year: number, month: number) =>
    [...activityKeys.all(petId), "month", year, month] as const,
  day: (petId: string, date: string) => [...activityKeys.all(petId), "day", date] as const,
  report: (petId: string, from: string, to: string) =>
    [...activityKeys.all(petId), "report", from, to] as const,
};

/** The days of a month that have a record (the calendar's markers). */
export function useMonthDays(petId: string, year: number, month: number) {
  return useQuery({
    queryKey: activityKeys.month(petId, year, month),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/pets/{pet_id}/activities/calendar", {
          params: { path: { pet_id: petId }, query: { year, month } },
        }),
      ).dates,
    enabled: Boolean(petId),
  });
}

/** The day's record, or null while it has none (the API answers 404). */
export function useDay(petId: string, date: string) {
  return useQuery({
    queryKey: activityKeys.day(petId, date),
    queryFn: async (): Promise<Activity | null> => {
      try {
        return data(
          await api.GET("/api/v1/pets/{pet_id}/activities/{date}", {
            params: { path: { pet_id: petId, date } },
          }),
        );
      } catch (error) {
        // No record that day names the date; no such pet names pet_id.
        const noRecord =
          error instanceof ApiError &&
          error.status === 404 &&
          error.fieldErrors.some((e) => e.field === "date");
        if (noRecord) return null;
        throw error;
      }
    },
    enabled: Boolean(petId && date),
  });
}

/** Before a pet is chosen: the first of my pets with its month and `date`'s record in one
 * call (not the pet list, then the month), put where the calendar and the day look. Off
 * when `date` is empty. */
export function useHealthHome(date: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["activity", "home", date] as const,
    queryFn: async () => {
      const home = data(await api.GET("/api/v1/me/health-home", { params: { query: { date } } }));
      if (home.pet_id && home.calendar) {
        const { year, month, dates } = home.calendar;
        queryClient.setQueryData(activityKeys.month(home.pet_id, year, month), dates);
        queryClient.setQueryData(activityKeys.day(home.pet_id, date), home.record ?? null);
      }
      return home.pet_id;
    },
    enabled: Boolean(date),
  });
}

export function useReport(petId: string, from: string, to: string) {
  return useQuery({
    queryKey: activityKeys.report(petId, from, to),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/pets/{pet_id}/health-report", {
          params: { path: { pet_id: petId }, query: { from, to } },
        }),
      ),
  });
}
