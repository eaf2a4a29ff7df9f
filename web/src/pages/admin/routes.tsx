// The admin console's addresses (dashboard, users, audit log, notifications), all under
// /admin. RequireRole refuses anyone but an admin in the app; the API refuses them too.
import type { RouteObject } from "react-router";

import { RequireRole } from "../../components/RequireRole";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    element: <RequireRole role="ADMIN" />,
    children: [
      {
        path: "admin",
        lazy: async () => ({ Component: (await import("./DashboardPage")).DashboardPage }),
      },
      {
        path: "admin/users",
        lazy: async () => ({ Component: (await import("./UsersPage")).UsersPage }),
      },
      {
        path: "admin/users/:userId",
        lazy: async () => ({ Component: (await import("./UserPage")).UserPage }),
      },
      {
        path: "admin/audit",
        lazy: async () => ({ Component: (await import("./AuditLogPage")).AuditLogPage }),
      },
      {
        path: "admin/notifications",
        lazy: async () => ({
          Component: (await import("./NotificationsAdminPage")).NotificationsAdminPage,
        }),
      },
    ],
  },
];
