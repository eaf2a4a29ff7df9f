// The health pages' addresses (the daily activity log and its reports), wired into
// src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

// Pages anyone may open: none (health data is the owner's alone).
export const publicRoutes: RouteObject[] = [];

// Pages for signed-in people (under RequireAuth: a visitor goes to /login and comes back).
export const signedInRoutes: RouteObject[] = [
  {
    path: "health",
    lazy: async () => ({ Component: (await import("./HealthHomePage")).HealthHomePage }),
  },
  {
    path: "health/:petId/report",
    lazy: async () => ({ Component: (await import("./ReportPage")).ReportPage }),
  },
  {
    path: "health/:petId/:date",
    lazy: async () => ({ Component: (await import("./DayPage")).DayPage }),
  },
];
