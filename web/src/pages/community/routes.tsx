// The community pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
// Every page needs an account: the API lets only signed-in members read the community.
import type { RouteObject } from "react-router";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    path: "community",
    lazy: async () => ({ Component: (await import("./BoardsPage")).BoardsPage }),
  },
  {
    path: "community/search",
    lazy: async () => ({ Component: (await import("./SearchPage")).SearchPage }),
  },
  {
    path: "community/me",
    lazy: async () => ({ Component: (await import("./MyPostsPage")).MyPostsPage }),
  },
  {
    path: "community/write",
    lazy: async () => ({ Component: (await import("./WritePage")).WritePage }),
  },
  {
    path: "community/posts/:postId",
    lazy: async () => ({ Component: (await import("./PostPage")).PostPage }),
  },
  {
    path: "community/posts/:postId/edit",
    lazy: async () => ({ Component: (await import("./WritePage")).EditPage }),
  },
];
