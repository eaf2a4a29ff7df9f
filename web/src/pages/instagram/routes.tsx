// The instagram pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

// Pages anyone may open.
export const publicRoutes: RouteObject[] = [];

// Pages for signed-in people (under RequireAuth: a visitor goes to /login and comes back).
export const signedInRoutes: RouteObject[] = [
  {
    path: "instagram",
    lazy: async () => ({ Component: (await import("./InstagramPage")).InstagramPage }),
  },
  {
    // Where Facebook's login dialog sends the person back (linking an account).
    path: "instagram/callback",
    lazy: async () => ({ Component: (await import("./CallbackPage")).CallbackPage }),
  },
  {
    path: "instagram/:accountId",
    lazy: async () => ({ Component: (await import("./AnalyticsPage")).AnalyticsPage }),
  },
  {
    path: "instagram/:accountId/moderation",
    lazy: async () => ({ Component: (await import("./ModerationPage")).ModerationPage }),
  },
];
