// The advertiser console's addresses (company profile, dashboard, campaigns, applicants,
// running a campaign, results), under /advertiser. Advertisers only, in the app and at the API.
// "campaigns/new" outranks "campaigns/:campaignId" (a static segment wins).
import type { RouteObject } from "react-router";

import { RequireRole } from "../../components/RequireRole";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    element: <RequireRole role="ADVERTISER" />,
    children: [
      {
        path: "advertiser",
        lazy: async () => ({ Component: (await import("./DashboardPage")).DashboardPage }),
      },
      {
        path: "advertiser/profile",
        lazy: async () => ({ Component: (await import("./ProfilePage")).ProfilePage }),
      },
      {
        path: "advertiser/campaigns",
        lazy: async () => ({ Component: (await import("./CampaignListPage")).CampaignListPage }),
      },
      {
        path: "advertiser/campaigns/new",
        lazy: async () => ({
          Component: (await import("./CampaignEditorPage")).CampaignEditorPage,
        }),
      },
      {
        path: "advertiser/campaigns/:campaignId",
        lazy: async () => ({ Component: (await import("./CampaignPage")).CampaignPage }),
      },
      {
        path: "advertiser/campaigns/:campaignId/applicants",
        lazy: async () => ({ Component: (await import("./ApplicantsPage")).ApplicantsPage }),
      },
      {
        path: "advertiser/campaigns/:campaignId/running",
        lazy: async () => ({ Component: (await import("./RunningPage")).RunningPage }),
      },
      {
        path: "advertiser/campaigns/:campaignId/report",
        lazy: async () => ({ Component: (await import("./ReportPage")).ReportPage }),
      },
      {
        path: "advertiser/campaigns/:campaignId/edit",
        lazy: async () => ({
          Component: (await import("./CampaignEditorPage")).CampaignEditorPage,
        }),
      },
    ],
  },
];
