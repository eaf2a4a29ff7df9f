// The admin console's review queues (advertisers, PetStar applications, campaigns,
// reports), under /admin/queues. Admins only, in the app and at the API.
import type { RouteObject } from "react-router";

import { RequireRole } from "../../../components/RequireRole";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    element: <RequireRole role="ADMIN" />,
    children: [
      {
        path: "admin/queues",
        lazy: async () => ({ Component: (await import("./QueuesPage")).QueuesPage }),
      },
      {
        path: "admin/queues/advertisers",
        lazy: async () => ({ Component: (await import("./AdvertisersPage")).AdvertisersPage }),
      },
      {
        path: "admin/queues/petstars",
        lazy: async () => ({ Component: (await import("./PetStarsPage")).PetStarsPage }),
      },
      {
        path: "admin/queues/campaigns",
        lazy: async () => ({ Component: (await import("./CampaignsPage")).CampaignsPage }),
      },
      {
        path: "admin/queues/reports",
        lazy: async () => ({ Component: (await import("./ReportsPage")).ReportsPage }),
      },
    ],
  },
];
