// The petstars pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

// Pages anyone may open: the directory and a PetStar's profile (the API's
// /api/v1/petstars* routes are public).
export const publicRoutes: RouteObject[] = [
  {
    path: "petstars",
    lazy: async () => ({ Component: (await import("./DirectoryPage")).DirectoryPage }),
  },
  {
    path: "petstars/:petId",
    lazy: async () => ({ Component: (await import("./ProfilePage")).ProfilePage }),
  },
];

// Pages for signed-in people (under RequireAuth: a visitor goes to /login and comes back).
export const signedInRoutes: RouteObject[] = [];
