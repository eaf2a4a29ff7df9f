// Every page and its address. Pages load on demand (one chunk each), so the landing page
// downloads only what it shows. Each area of the app (src/pages/<area>/) lists its own
// routes in its routes.tsx: public ones and signed-in ones (under RequireAuth).
import { createBrowserRouter } from "react-router";

import { AppLayout } from "../components/AppLayout";
import { RequireAuth } from "../components/RequireAuth";
import { RouteError } from "../components/RouteError";
import { PageSkeleton } from "../components/Skeletons";
import { LandingPage } from "../pages/LandingPage";
import * as account from "../pages/account/routes";
import * as petstars from "../pages/petstars/routes";
import * as pets from "../pages/pets/routes";
import * as campaigns from "../pages/campaigns/routes";
import * as instagram from "../pages/instagram/routes";
import * as activity from "../pages/activity/routes";
import * as schedules from "../pages/schedules/routes";
import * as prescriptions from "../pages/prescriptions/routes";
import * as community from "../pages/community/routes";
import * as notifications from "../pages/notifications/routes";
import * as advertiser from "../pages/advertiser/routes";
import * as admin from "../pages/admin/routes";
import * as adminQueues from "../pages/admin/queues/routes";

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
          ...account.publicRoutes,
          ...petstars.publicRoutes,
          ...pets.publicRoutes,
          ...campaigns.publicRoutes,
          ...instagram.publicRoutes,
          ...activity.publicRoutes,
          ...schedules.publicRoutes,
          ...prescriptions.publicRoutes,
          ...community.publicRoutes,
          ...notifications.publicRoutes,
          ...advertiser.publicRoutes,
          ...admin.publicRoutes,
          ...adminQueues.publicRoutes,
          {
            Component: RequireAuth,
            children: [
              ...account.signedInRoutes,
              ...petstars.signedInRoutes,
              ...pets.signedInRoutes,
              ...campaigns.signedInRoutes,
              ...instagram.signedInRoutes,
              ...activity.signedInRoutes,
              ...schedules.signedInRoutes,
              ...prescriptions.signedInRoutes,
              ...community.signedInRoutes,
              ...notifications.signedInRoutes,
              ...advertiser.signedInRoutes,
              ...admin.signedInRoutes,
              ...adminQueues.signedInRoutes,
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
