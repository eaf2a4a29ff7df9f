import { useSyncExternalStore } from "react";

import { getSession, subscribe, type SessionState } from "./tokens";

/** The session as React state: re-renders on sign-in, refresh and sign-out. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
