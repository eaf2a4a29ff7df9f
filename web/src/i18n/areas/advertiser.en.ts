// English messages of the advertiser console: exactly the keys of advertiser.ts (tsc checks).
import type { Same } from "../same";
import type { ko } from "./advertiser";

export const en: Same<typeof ko> = {
  "advertiser.title": "Advertiser centre",
};
