// Every page and its address. Pages load on demand (one chunk each), so the landing page
// downloads only what it shows. A new page: a component in src/pages, a route here, and
// for a signed-in page, a place under the RequireAuth route.
import { createBrowserRouter } from "react-router";

import { AppLayout } from "../components/AppLayout";
import { RequireAuth } from "../components/RequireAuth";
import { RouteError } from "../components/RouteError";
import { PageSkeleton } from "../components/Skeletons";
import { LandingPage } from "../pages/LandingPage";

export const router = createBrowserRouter([
  {
    path: "/",
    Component: AppLayout,
    // While the first page's code loads (a deep link): its shape, not a blank screen.
    HydrateFallback: PageSkeleton,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, Component: LandingPage },
          {
            path: "login",
            lazy: async () => ({ Component: (await import("../pages/LoginPage")).LoginPage }),
          },
          {
            path: "signup",
            lazy: async () => ({ Component: (await import("../pages/SignUpPage")).SignUpPage }),
          },
          {
            path: "password-reset",
            lazy: async () => ({
              Component: (await import("../pages/PasswordResetPage")).PasswordResetPage,
            }),
          },
          {
            Component: RequireAuth,
            children: [
              {
                path: "account",
                lazy: async () => ({
                  Component: (await import("../pages/AccountPage")).AccountPage,
                }),
              },
            ],
          },
          {
            path: "*",
            lazy: async () => ({ Component: (await import("../pages/NotFoundPage")).NotFoundPage }),
          },
        ],
      },
    ],
  },
]);
