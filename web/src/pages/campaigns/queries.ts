// The campaigns area's API calls as TanStack Query hooks. Visitors read the public routes,
// signed-in people the full ones; nothing is asked while the session is still unknown
// (right after a load), so a page never fetches both.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { useSession } from "../../auth/useSession";
import { useI18n } from "../../i18n/useI18n";
import type { MessageKey } from "../../i18n/ko";
import { notify } from "../../lib/notify";
import type { Filters } from "./rules";
import type { Applicant, Campaign, CampaignAd } from "./types";

export const KEYS = {
  all: ["campaigns"] as const,
  list: (signedIn: boolean, filters: Filters) =>
    ["campaigns", "list", signedIn ? "member" : "public", filters] as const,
  detail: (signedIn: boolean, id: string) =>
    ["campaigns", "detail", signedIn ? "member" : "public", id] as const,
  applications: (campaignId?: string) =>
    ["campaigns", "applications", campaignId ?? "all"] as const,
  applied: ["campaigns", "applied-campaigns"] as const,
  pets: ["campaigns", "my-pets"] as const,
  invitations: ["campaigns", "invitations"] as const,
  recommended: ["campaigns", "recommended"] as const,
};

const PAGE_SIZE = 12;
// The applied tab holds the campaigns of my applications; one page covers nearly everyone.
const APPLIED_PAGE_SIZE = 100;

/** "signedIn" | "signedOut", or null while the session is being restored. */
export function useSignedIn(): boolean | null {
  const session = useSession();
  return session.status === "unknown" ? null : session.status === "signedIn";
}

/** Whether the signed-in person is a pet owner (role USER): only owners apply. */
export function useIsOwner(): boolean {
  const session = useSession();
  return session.status === "signedIn" && session.user.roles.includes("USER");
}

export function useCampaignList(filters: Filters, signedIn: boolean | null) {
  return useInfiniteQuery({
    queryKey: KEYS.list(signedIn === true, filters),
    enabled: signedIn !== null,
    initialPageParam: null as string | null,
    getNextPageParam: (last: { next_cursor: string | null }) => last.next_cursor,
    queryFn: async ({ pageParam }) => {
      const query = {
        q: filters.q || null,
        sort: filters.sort,
        species: filters.species,
        page_size: PAGE_SIZE,
        cursor: pageParam,
      };
      if (signedIn) {
        return data(
          await api.GET("/api/v1/campaigns", { params: { query: { ...query, tab: filters.tab } } }),
        );
      }
      const tab = filters.tab === "applied" ? "recruiting" : filters.tab;
      return data(
        await api.GET("/api/v1/public/campaigns", { params: { query: { ...query, tab } } }),
      );
    },
  });
}

export function useCampaign(id: string, signedIn: boolean | null) {
  return useQuery<CampaignAd | Campaign>({
    queryKey: KEYS.detail(signedIn === true, id),
    enabled: signedIn !== null,
    queryFn: async () => {
      const path = { params: { path: { campaign_id: id } } };
      return signedIn
        ? data(await api.GET("/api/v1/campaigns/{campaign_id}", path))
        : data(await api.GET("/api/v1/public/campaigns/{campaign_id}", path));
    },
  });
}

/** My applications (one campaign's, when `campaignId` is given), page by page. */
export function useMyApplications(campaignId?: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: KEYS.applications(campaignId),
    enabled,
    initialPageParam: null as string | null,
    getNextPageParam: (last: { next_cursor: string | null }) => last.next_cursor,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/me/campaign-applications", {
          params: {
            query: { campaign_id: campaignId ?? null, page_size: 20, cursor: pageParam },
          },
        }),
      ),
  });
}

/** The campaigns I applied to, by id: their phase and type say what each application allows
 * (the application itself does not carry them). Fetched beside the applications, not after. */
export function useAppliedCampaigns() {
  return useQuery({
    queryKey: KEYS.applied,
    queryFn: async () => {
      const page = data(
        await api.GET("/api/v1/campaigns", {
          params: { query: { tab: "applied", page_size: APPLIED_PAGE_SIZE } },
        }),
      );
      return new Map(page.items.map((c) => [c.id, c]));
    },
  });
}

export function useMyPets(enabled: boolean) {
  return useQuery({
    queryKey: KEYS.pets,
    enabled,
    queryFn: async () => data(await api.GET("/api/v1/pets")).items,
  });
}

export function useInvitations() {
  return useQuery({
    queryKey: KEYS.invitations,
    queryFn: async () => data(await api.GET("/api/v1/me/campaign-invitations")).items,
  });
}

export function useRecommendedCampaigns() {
  return useQuery({
    queryKey: KEYS.recommended,
    queryFn: async () =>
      data(await api.GET("/api/v1/me/recommended-campaigns", { params: { query: { limit: 6 } } }))
        .items,
  });
}

/** After any change to an application: every list and count that shows it. With `done`,
 * the person is told first: the form that asked may be gone once the lists refresh (the
 * campaign was applied to, the post submitted), and only the hook's own callback still runs
 * then. */
function useRefreshApplications(done?: MessageKey) {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  return () => {
    if (done) notify(t, { color: "green", message: t(done) });
    return queryClient.invalidateQueries({ queryKey: KEYS.all });
  };
}

export function useApply(campaignId: string) {
  const refresh = useRefreshApplications("campaigns.apply.done");
  return useMutation({
    mutationFn: async (body: { pet_id: string; note: string }): Promise<Applicant> =>
      data(
        await api.POST("/api/v1/campaigns/{campaign_id}/applications", {
          params: { path: { campaign_id: campaignId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCancelApplication() {
  const refresh = useRefreshApplications();
  return useMutation({
    mutationFn: async (applicantId: string): Promise<Applicant> =>
      data(
        await api.POST("/api/v1/campaign-applications/{applicant_id}/cancel", {
          params: { path: { applicant_id: applicantId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSubmitContent(applicantId: string) {
  const refresh = useRefreshApplications("campaigns.content.done");
  return useMutation({
    mutationFn: async (body: { post_url: string }): Promise<Applicant> =>
      data(
        await api.POST("/api/v1/campaign-applications/{applicant_id}/content", {
          params: { path: { applicant_id: applicantId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}
