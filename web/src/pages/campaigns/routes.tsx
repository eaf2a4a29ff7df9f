// The campaigns pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
// "campaigns/applications" outranks "campaigns/:campaignId" (a static segment wins).
import type { RouteObject } from "react-router";

// Pages anyone may open.
export const publicRoutes: RouteObject[] = [
  {
    path: "campaigns",
    lazy: async () => ({ Component: (await import("./CampaignsPage")).CampaignsPage }),
  },
  {
    path: "campaigns/:campaignId",
    lazy: async () => ({ Component: (await import("./CampaignDetailPage")).CampaignDetailPage }),
  },
];

// Pages for signed-in people (under RequireAuth: a visitor goes to /login and comes back).
export const signedInRoutes: RouteObject[] = [
  {
    path: "campaigns/applications",
    lazy: async () => ({ Component: (await import("./MyApplicationsPage")).MyApplicationsPage }),
  },
];
