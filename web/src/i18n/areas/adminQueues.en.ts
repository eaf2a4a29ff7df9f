// English messages of the admin console's review queues: exactly the keys of adminQueues.ts (tsc checks).
import type { Same } from "../same";
import type { ko } from "./adminQueues";

export const en: Same<typeof ko> = {
  "adminQueues.title": "Review queues",
};
