// The review queues' queries: one key scheme, so a decision refreshes its queue and the
// index's waiting counts at once.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, data } from "../../../api/client";
import type { components } from "../../../api/schema";
import {
  COUNT_PAGE_SIZE,
  PAGE_SIZE,
  type AdvertiserDecision,
  type AdvertiserStatusFilter,
  type ApplicationDecision,
  type ApplicationStateFilter,
  type CampaignDecision,
  type ReportDecision,
  type ReportView,
} from "./rules";

export type Profile = components["schemas"]["Profile"];
export type Application = components["schemas"]["Application"];
export type Campaign = components["schemas"]["Campaign"];
export type QueuedReport = components["schemas"]["QueuedReport"];

export const queueKeys = {
  all: ["admin", "queues"] as const,
  advertisers: (status: AdvertiserStatusFilter) =>
    [...queueKeys.all, "advertisers", status] as const,
  document: (userId: string) => [...queueKeys.all, "document", userId] as const,
  petstars: (state: ApplicationStateFilter) => [...queueKeys.all, "petstars", state] as const,
  campaigns: () => [...queueKeys.all, "campaigns"] as const,
  reports: (view: ReportView) => [...queueKeys.all, "reports", view] as const,
  counts: () => [...queueKeys.all, "counts"] as const,
};

/** Pages of a queue, `next_cursor` leading to the next. */
function pages<T>(
  key: readonly unknown[],
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>,
) {
  return {
    queryKey: key,
    initialPageParam: "",
    queryFn: ({ pageParam }: { pageParam: string }) => fetchPage(pageParam || undefined),
    getNextPageParam: (page: { next_cursor?: string | null }) => page.next_cursor || undefined,
  };
}

export function useAdvertiserQueue(status: AdvertiserStatusFilter) {
  return useInfiniteQuery(
    pages(queueKeys.advertisers(status), async (cursor) =>
      data(
        await api.GET("/api/v1/admin/advertisers", {
          params: { query: { status, page_size: PAGE_SIZE, cursor } },
        }),
      ),
    ),
  );
}

/** The business document's bytes and type (an <img> or a new tab cannot send the admin's
 *  token itself). Asked only when the admin opens it. */
export function useBusinessDocument(userId: string, enabled: boolean) {
  return useQuery({
    queryKey: queueKeys.document(userId),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/admin/advertisers/{user_id}/document", {
          params: { path: { user_id: userId } },
          parseAs: "blob",
        }),
      ) as Blob,
    enabled,
    staleTime: Infinity,
  });
}

export function usePetStarQueue(state: ApplicationStateFilter) {
  return useInfiniteQuery(
    pages(queueKeys.petstars(state), async (cursor) =>
      data(
        await api.GET("/api/v1/admin/petstar-applications", {
          params: { query: { state, page_size: PAGE_SIZE, cursor } },
        }),
      ),
    ),
  );
}

export function useCampaignQueue() {
  return useInfiniteQuery(
    pages(queueKeys.campaigns(), async (cursor) =>
      data(
        await api.GET("/api/v1/admin/campaigns/review-queue", {
          params: { query: { page_size: PAGE_SIZE, cursor } },
        }),
      ),
    ),
  );
}

export function useReportQueue(view: ReportView) {
  return useInfiniteQuery(
    pages(queueKeys.reports(view), async (cursor) =>
      data(
        await api.GET("/api/v1/admin/reports", {
          params: {
            query: {
              status: view.status,
              target_type: view.target === "ALL" ? undefined : view.target,
              page_size: PAGE_SIZE,
              cursor,
            },
          },
        }),
      ),
    ),
  );
}

/** What waits in each queue: a first page of up to 100, and whether more follow. */
export function useWaitingCounts() {
  const size = { page_size: COUNT_PAGE_SIZE };
  return useQuery({
    queryKey: queueKeys.counts(),
    queryFn: async () => {
      const [advertisers, petstars, campaigns, reports] = await Promise.all([
        api.GET("/api/v1/admin/advertisers", {
          params: { query: { status: "PENDING", ...size } },
        }),
        api.GET("/api/v1/admin/petstar-applications", {
          params: { query: { state: "IN_REVIEW", ...size } },
        }),
        api.GET("/api/v1/admin/campaigns/review-queue", { params: { query: size } }),
        api.GET("/api/v1/admin/reports", { params: { query: { status: "OPEN", ...size } } }),
      ]);
      const count = (page: { items: unknown[]; next_cursor?: string | null }) => ({
        items: page.items.length,
        hasMore: Boolean(page.next_cursor),
      });
      return {
        advertisers: count(data(advertisers)),
        petstars: count(data(petstars)),
        campaigns: count(data(campaigns)),
        reports: count(data(reports)),
      };
    },
  });
}

/** A decision: once the API has it, every queue and count is asked again (a decision on a
 *  report closes the other reports about the same target too). */
export function useDecision<V>(decide: (vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decide,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueKeys.all }),
  });
}

// --- the API calls of each decision -------------------------------------------------------

export interface Decided {
  id: string;
  reason: string;
}

export const decide = {
  advertiser: async ({ id, reason, decision }: Decided & { decision: AdvertiserDecision }) => {
    const path = { params: { path: { user_id: id } } };
    switch (decision) {
      case "approve":
        return data(await api.POST("/api/v1/admin/advertisers/{user_id}/approve", path));
      case "reinstate":
        return data(await api.POST("/api/v1/admin/advertisers/{user_id}/reinstate", path));
      case "reject":
        return data(
          await api.POST("/api/v1/admin/advertisers/{user_id}/reject", {
            ...path,
            body: { reason },
          }),
        );
      case "restrict":
        return data(
          await api.POST("/api/v1/admin/advertisers/{user_id}/restrict", {
            ...path,
            body: { reason },
          }),
        );
    }
  },
  application: async ({
    id,
    reason,
    decision,
  }: Decided & { decision: Exclude<ApplicationDecision, "revoke"> }) => {
    const path = { params: { path: { application_id: id } } };
    if (decision === "approve") {
      return data(
        await api.POST("/api/v1/admin/petstar-applications/{application_id}/approve", path),
      );
    }
    return data(
      await api.POST("/api/v1/admin/petstar-applications/{application_id}/reject", {
        ...path,
        body: { reason },
      }),
    );
  },
  revokePetStar: async ({ id, reason }: Decided) =>
    data(
      await api.POST("/api/v1/admin/pets/{pet_id}/revoke-petstar", {
        params: { path: { pet_id: id } },
        body: { reason },
      }),
    ),
  campaign: async ({ id, reason, decision }: Decided & { decision: CampaignDecision }) => {
    const path = { params: { path: { campaign_id: id } } };
    if (decision === "approve") {
      return data(await api.POST("/api/v1/admin/campaigns/{campaign_id}/approve", path));
    }
    const url =
      decision === "reject"
        ? "/api/v1/admin/campaigns/{campaign_id}/reject"
        : "/api/v1/admin/campaigns/{campaign_id}/cancel";
    return data(await api.POST(url, { ...path, body: { reason } }));
  },
  report: async ({
    id,
    reason,
    decision,
    suspendUntil,
  }: Decided & { decision: ReportDecision; suspendUntil: string | null }) => {
    const path = { params: { path: { report_id: id } } };
    if (decision === "DISMISS") {
      return data(
        await api.POST("/api/v1/admin/reports/{report_id}/dismiss", { ...path, body: { reason } }),
      );
    }
    return data(
      await api.POST("/api/v1/admin/reports/{report_id}/resolve", {
        ...path,
        body: {
          reason,
          action: decision,
          suspend_until: decision === "SUSPEND_AUTHOR" ? suspendUntil : null,
        },
      }),
    );
  },
};
