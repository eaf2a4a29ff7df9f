// Messages of the instagram pages: Korean first, English with exactly the same keys (tsc checks).
import type { Same } from "../same";

export const ko = {} as const;

export const en: Same<typeof ko> = {};
