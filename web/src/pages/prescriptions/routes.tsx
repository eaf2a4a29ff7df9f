// The prescriptions pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    path: "prescriptions",
    lazy: async () => ({ Component: (await import("./PrescriptionsPage")).PrescriptionsPage }),
  },
  {
    path: "prescriptions/:prescriptionId",
    lazy: async () => ({ Component: (await import("./PrescriptionPage")).PrescriptionPage }),
  },
];
