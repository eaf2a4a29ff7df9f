// The notifications inbox's address, wired into src/app/router.tsx (a lazy chunk). Only a
// signed-in member has notifications.
import type { RouteObject } from "react-router";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    path: "notifications",
    lazy: async () => ({ Component: (await import("./NotificationsPage")).NotificationsPage }),
  },
];
