// The admin console's review queues (advertisers, PetStar applications, campaigns,
// reports), under /admin/queues. Admins only, in the app and at the API.
import type { RouteObject } from "react-router";

import { RequireRole } from "../../../components/RequireRole";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    element: <RequireRole role="ADMIN" />,
    children: [],
  },
];
