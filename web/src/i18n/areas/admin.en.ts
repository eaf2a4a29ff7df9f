// English messages of the admin console (dashboard, users, audit log, notifications): exactly the keys of admin.ts (tsc checks).
import type { Same } from "../same";
import type { ko } from "./admin";

export const en: Same<typeof ko> = {
  "admin.title": "Admin console",
};
