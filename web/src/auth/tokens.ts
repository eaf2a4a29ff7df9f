// The signed-in session, in memory only: never in localStorage or a readable cookie, so a
// script injected into the page finds no token that outlives it. A reload starts signed out
// and the refresh cookie (httpOnly, only /api/v1/auth sees it) signs it back in.
import type { components } from "../api/schema";

export type User = components["schemas"]["User"];
export type Tokens = components["schemas"]["Tokens"];

export type SessionState =
  | { status: "unknown" } // the page just loaded: the refresh cookie is being tried
  | { status: "signedOut" }
  | { status: "signedIn"; accessToken: string; expiresAt: number; user: User };

let state: SessionState = { status: "unknown" };
const listeners = new Set<() => void>();

export function getSession(): SessionState {
  return state;
}

export function getAccessToken(): string | null {
  return state.status === "signedIn" ? state.accessToken : null;
}

function set(next: SessionState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

export function signedIn(tokens: Tokens, now: number = Date.now()): void {
  // Without an expiry from the server, assume the platform's default (15 minutes).
  const expiresAt = tokens.access_expires_at
    ? Date.parse(tokens.access_expires_at)
    : now + 15 * 60_000;
  set({ status: "signedIn", accessToken: tokens.access_token, expiresAt, user: tokens.user });
}

export function updateUser(user: User): void {
  if (state.status === "signedIn") set({ ...state, user });
}

export function signedOut(): void {
  set({ status: "signedOut" });
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
