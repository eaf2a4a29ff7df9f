// The advertiser console's addresses (company profile, dashboard, campaigns, applicants,
// running a campaign, results), under /advertiser. Advertisers only, in the app and at the API.
import type { RouteObject } from "react-router";

import { RequireRole } from "../../components/RequireRole";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    element: <RequireRole role="ADVERTISER" />,
    children: [],
  },
];
