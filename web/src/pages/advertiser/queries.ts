// The advertiser console's API calls as TanStack Query hooks. Every change invalidates the
// console's keys (and the dashboard, whose figures follow from everything else).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, CLIENT_HEADER, data, WEB_CLIENT } from "../../api/client";
import { ApiError } from "../../api/problem";
import { getAccessToken } from "../../auth/tokens";
import { uploadFile } from "../../lib/upload";
import type { ListQuery } from "./rules";
import type { Applicant, Campaign, CampaignIn, Profile, ProfileIn } from "./types";

export const KEYS = {
  all: ["advertiser"] as const,
  profile: ["advertiser", "profile"] as const,
  document: (mediaId: string) => ["advertiser", "document", mediaId] as const,
  dashboard: ["advertiser", "dashboard"] as const,
  campaigns: ["advertiser", "campaigns"] as const,
  campaignList: (query: ListQuery) => ["advertiser", "campaigns", "list", query] as const,
  posts: (petId: string) => ["advertiser", "petstars", petId, "posts"] as const,
  campaign: (id: string) => ["advertiser", "campaigns", id] as const,
  applicants: (id: string) => ["advertiser", "campaigns", id, "applicants"] as const,
  recommendations: (id: string) => ["advertiser", "campaigns", id, "recommendations"] as const,
  report: (id: string) => ["advertiser", "campaigns", id, "report"] as const,
};

// The campaign list's page: the API searches, filters and sorts, the list pages on.
const LIST_PAGE = 20;
// Lists read whole (applicants of one campaign) go 100 a page.
const PAGE = 100;

/** The company profile, or null before the first save (the API's 404). */
export function useProfile() {
  return useQuery({
    queryKey: KEYS.profile,
    queryFn: async (): Promise<Profile | null> => {
      try {
        return data(await api.GET("/api/v1/advertiser/profile"));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** The stored registration certificate as a local URL and its type, for the preview. The
 * document is private: fetched with the token, never linked. */
export function useDocument(mediaId: string | null) {
  return useQuery({
    queryKey: KEYS.document(mediaId ?? ""),
    enabled: Boolean(mediaId),
    staleTime: Infinity,
    queryFn: async () => {
      const blob = await authorizedBlob("/api/v1/advertiser/profile/document");
      return { type: blob.type, blob };
    },
  });
}

/** A GET of a file the API serves only with the token (the document, the CSV report). */
export async function authorizedBlob(path: string): Promise<Blob> {
  const token = getAccessToken();
  const response = await fetch(path, {
    headers: {
      [CLIENT_HEADER]: WEB_CLIENT,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!response.ok) throw new ApiError(response.status, null);
  return response.blob();
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KEYS.all });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProfileIn) =>
      data(await api.PUT("/api/v1/advertiser/profile", { body })),
    onSuccess: (profile) => queryClient.setQueryData(KEYS.profile, profile),
  });
}

export function useProfileUpload(kind: "logo" | "document") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      uploadFile<Profile>({ method: "PUT", path: `/api/v1/advertiser/profile/${kind}`, file }),
    onSuccess: (profile) => queryClient.setQueryData(KEYS.profile, profile),
  });
}

export function useSubmitProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => data(await api.POST("/api/v1/advertiser/profile/submit")),
    onSuccess: (profile) => queryClient.setQueryData(KEYS.profile, profile),
  });
}

export function useDashboard(enabled: boolean) {
  return useQuery({
    queryKey: KEYS.dashboard,
    enabled,
    queryFn: async () => data(await api.GET("/api/v1/advertiser/dashboard")),
  });
}

/** The advertiser's campaigns as the filters ask, a page at a time (newest query wins). */
export function useMyCampaigns(query: ListQuery) {
  return useInfiniteQuery({
    queryKey: KEYS.campaignList(query),
    initialPageParam: "",
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET("/api/v1/advertiser/campaigns", {
          params: { query: { ...query, page_size: LIST_PAGE, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor || undefined,
  });
}

/** Put a finished campaign in the archive (보관함), or bring it back. */
export function useArchive(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (archive: boolean) => {
      const path = "/api/v1/advertiser/campaigns/{campaign_id}/archive" as const;
      const params = { path: { campaign_id: id } };
      return data(archive ? await api.POST(path, { params }) : await api.DELETE(path, { params }));
    },
    onSuccess: refresh,
  });
}

/** A PetStar's recent Instagram posts (the last sync's, newest first). */
export function usePetStarPosts(petId: string, enabled: boolean) {
  return useQuery({
    queryKey: KEYS.posts(petId),
    enabled,
    queryFn: async () =>
      data(
        await api.GET("/api/v1/advertiser/petstars/{pet_id}/instagram-posts", {
          params: { path: { pet_id: petId } },
        }),
      ),
  });
}

export function useMyCampaign(id: string | undefined) {
  return useQuery({
    queryKey: KEYS.campaign(id ?? ""),
    enabled: Boolean(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/advertiser/campaigns/{campaign_id}", {
          params: { path: { campaign_id: id ?? "" } },
        }),
      ),
  });
}

/** Create (no id yet) or replace a campaign. */
export function useSaveCampaign(id: string | undefined) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (body: CampaignIn): Promise<Campaign> =>
      id
        ? data(
            await api.PUT("/api/v1/advertiser/campaigns/{campaign_id}", {
              params: { path: { campaign_id: id } },
              body,
            }),
          )
        : data(await api.POST("/api/v1/advertiser/campaigns", { body })),
    onSuccess: (campaign) => {
      queryClient.setQueryData(KEYS.campaign(campaign.id), campaign);
      void refresh();
    },
  });
}

/** A campaign action that answers with the campaign (submit, cancel, confirm selection). */
export function useCampaignAction(id: string, action: "submit" | "cancel" | "confirm-selection") {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (reason?: string): Promise<Campaign> => {
      const path = { params: { path: { campaign_id: id } } };
      if (action === "submit") {
        return data(await api.POST("/api/v1/advertiser/campaigns/{campaign_id}/submit", path));
      }
      if (action === "cancel") {
        return data(
          await api.POST("/api/v1/advertiser/campaigns/{campaign_id}/cancel", {
            ...path,
            body: { reason: reason ?? "" },
          }),
        );
      }
      return data(
        await api.POST("/api/v1/advertiser/campaigns/{campaign_id}/confirm-selection", path),
      );
    },
    onSuccess: (campaign) => {
      queryClient.setQueryData(KEYS.campaign(campaign.id), campaign);
      void refresh();
    },
  });
}

export function useApplicants(id: string) {
  return useQuery({
    queryKey: KEYS.applicants(id),
    queryFn: async () => {
      const all: Applicant[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Applicant[]; next_cursor: string | null } = data(
          await api.GET("/api/v1/advertiser/campaigns/{campaign_id}/applicants", {
            params: { path: { campaign_id: id }, query: { page_size: PAGE, cursor } },
          }),
        );
        all.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      return all;
    },
  });
}

export function useRecommendations(id: string) {
  return useQuery({
    queryKey: KEYS.recommendations(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/campaigns/{campaign_id}/recommendations", {
          params: { path: { campaign_id: id }, query: { limit: 6 } },
        }),
      ).items,
  });
}

export function useInvite(campaignId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (body: { pet_id: string; message: string }) =>
      data(
        await api.POST("/api/v1/advertiser/campaigns/{campaign_id}/invitations", {
          params: { path: { campaign_id: campaignId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

type ApplicantAction = "select" | "unselect" | "approve-content";

/** An action on one applicant that needs nothing more than its id. */
export function useApplicantAction(action: ApplicantAction) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (applicantId: string): Promise<Applicant> => {
      const path = { params: { path: { applicant_id: applicantId } } };
      if (action === "select") {
        return data(await api.POST("/api/v1/advertiser/applicants/{applicant_id}/select", path));
      }
      if (action === "unselect") {
        return data(await api.POST("/api/v1/advertiser/applicants/{applicant_id}/unselect", path));
      }
      return data(
        await api.POST("/api/v1/advertiser/applicants/{applicant_id}/approve-content", path),
      );
    },
    onSuccess: refresh,
  });
}

export function useShip(applicantId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (body: { carrier: string; tracking_number: string }) =>
      data(
        await api.POST("/api/v1/advertiser/applicants/{applicant_id}/shipment", {
          params: { path: { applicant_id: applicantId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRequestRevision(applicantId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (reason: string) =>
      data(
        await api.POST("/api/v1/advertiser/applicants/{applicant_id}/request-revision", {
          params: { path: { applicant_id: applicantId } },
          body: { reason },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: KEYS.report(id),
    queryFn: async () =>
      data(
        await api.GET("/api/v1/advertiser/campaigns/{campaign_id}/report", {
          params: { path: { campaign_id: id } },
        }),
      ),
  });
}
