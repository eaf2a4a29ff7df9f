// The pets pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

// Pages anyone may open.
export const publicRoutes: RouteObject[] = [];

// Pages for signed-in people (under RequireAuth: a visitor goes to /login and comes back).
export const signedInRoutes: RouteObject[] = [
  {
    path: "pets",
    lazy: async () => ({ Component: (await import("./PetsPage")).PetsPage }),
  },
  {
    path: "pets/new",
    lazy: async () => ({ Component: (await import("./PetNewPage")).PetNewPage }),
  },
  {
    path: "pets/:petId",
    lazy: async () => ({ Component: (await import("./PetDetailPage")).PetDetailPage }),
  },
  {
    path: "pets/:petId/edit",
    lazy: async () => ({ Component: (await import("./PetEditPage")).PetEditPage }),
  },
];
