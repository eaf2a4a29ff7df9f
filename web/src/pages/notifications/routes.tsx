// The notifications area's addresses, wired into src/app/router.tsx (lazy chunks). The inbox
// and its settings need a signed-in member; a mail's unsubscribe link works without one.
import type { RouteObject } from "react-router";

export const publicRoutes: RouteObject[] = [
  {
    path: "unsubscribe/:token",
    lazy: async () => ({ Component: (await import("./UnsubscribePage")).UnsubscribePage }),
  },
];

export const signedInRoutes: RouteObject[] = [
  {
    path: "notifications",
    lazy: async () => ({ Component: (await import("./NotificationsPage")).NotificationsPage }),
  },
  {
    path: "notifications/settings",
    lazy: async () => ({
      Component: (await import("./NotificationSettingsPage")).NotificationSettingsPage,
    }),
  },
];
