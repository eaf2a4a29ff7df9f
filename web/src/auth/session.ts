// Signing in and out, and keeping the session alive without the user noticing: the access
// token is refreshed a minute before it expires, when the tab comes back after a while, and
// once on page load (the httpOnly refresh cookie survives a reload, memory does not).
import { api, data, setRefresher } from "../api/client";
import { ApiError } from "../api/problem";
import { MIN_DELAY_MS, refreshDelay, RefreshScheduler } from "./scheduler";
import * as tokens from "./tokens";

const scheduler = new RefreshScheduler(() => void refreshSession());

function accept(pair: tokens.Tokens): void {
  tokens.signedIn(pair);
  const session = tokens.getSession();
  if (session.status === "signedIn") scheduler.schedule(session.expiresAt);
}

// Rotating a refresh token twice revokes the whole session (reuse detection), so only one
// refresh runs at a time: one per page (this promise) and one per browser (a Web Lock
// shared by every tab, which all send the same cookie).
let inFlight: Promise<boolean> | null = null;

async function oneTabAtATime<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? locks.request("petful-session-refresh", task) : task();
}

async function refreshNow(): Promise<boolean> {
  try {
    accept(data(await api.POST("/api/v1/auth/refresh")));
    return true;
  } catch (error) {
    const session = tokens.getSession();
    if (error instanceof ApiError && error.kind !== "client" && session.status === "signedIn") {
      // The platform did not answer: keep the session and try again shortly.
      scheduler.schedule(session.expiresAt);
      return false;
    }
    scheduler.stop();
    tokens.signedOut();
    return false;
  }
}

/** Trade the refresh cookie for a new access token; false when signed out (or unreachable). */
export function refreshSession(): Promise<boolean> {
  inFlight ??= oneTabAtATime(refreshNow).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

export async function logIn(email: string, password: string): Promise<tokens.User> {
  const pair = data(await api.POST("/api/v1/auth/login", { body: { email, password } }));
  accept(pair);
  return pair.user;
}

export async function logOut(): Promise<void> {
  scheduler.stop();
  try {
    await api.POST("/api/v1/auth/logout");
  } finally {
    // Signed out here whatever the platform said: the token is gone from memory.
    tokens.signedOut();
  }
}

/** Once, before the app renders: restore the session and keep it fresh. */
export function startSession(): void {
  setRefresher(refreshSession);
  void refreshSession();
  document.addEventListener("visibilitychange", () => {
    const session = tokens.getSession();
    // Timers of hidden tabs are throttled: on return, refresh if the token is (nearly) due.
    if (document.visibilityState === "visible" && session.status === "signedIn") {
      if (refreshDelay(session.expiresAt, Date.now()) <= MIN_DELAY_MS) void refreshSession();
    }
  });
}
