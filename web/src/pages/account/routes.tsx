// The account pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

// Pages anyone may open.
export const publicRoutes: RouteObject[] = [
  {
    path: "users/:userId",
    lazy: async () => ({ Component: (await import("./UserPage")).UserPage }),
  },
];

// Pages for signed-in people (under RequireAuth: a visitor goes to /login and comes back).
export const signedInRoutes: RouteObject[] = [
  {
    path: "account",
    lazy: async () => ({ Component: (await import("./AccountPage")).AccountPage }),
  },
  {
    path: "account/reports",
    lazy: async () => ({ Component: (await import("./ReportsPage")).ReportsPage }),
  },
];
