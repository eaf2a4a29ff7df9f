// The schedules pages' addresses, wired into src/app/router.tsx. Each page is a lazy chunk.
import type { RouteObject } from "react-router";

export const publicRoutes: RouteObject[] = [];

export const signedInRoutes: RouteObject[] = [
  {
    path: "schedules",
    lazy: async () => ({ Component: (await import("./SchedulesPage")).SchedulesPage }),
  },
  {
    path: "schedules/new",
    lazy: async () => ({ Component: (await import("./ScheduleFormPage")).ScheduleNewPage }),
  },
  {
    path: "schedules/:scheduleId/edit",
    lazy: async () => ({ Component: (await import("./ScheduleFormPage")).ScheduleEditPage }),
  },
  {
    path: "reminders",
    lazy: async () => ({ Component: (await import("./RemindersPage")).RemindersPage }),
  },
];
