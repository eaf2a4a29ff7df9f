// Linking through Facebook Login, the parts without React: where Facebook sends the person
// back, what the app remembers in this tab while they are at Facebook, what came back, and
// what a failed completion means. Vitest checks them.
import { ApiError } from "../../api/problem";
import type { AccountChoice } from "./types";

/** The page Facebook sends the person back to (the edge accepts nothing else). */
export const CALLBACK_PATH = "/instagram/callback";
const STORAGE_KEY = "petful.instagram.link";
const HOME = "/instagram";

export function callbackUrl(origin: string): string {
  return origin + CALLBACK_PATH;
}

/** What the app remembers across the trip to Facebook (sessionStorage: this tab only). */
export interface PendingLink {
  state: string;
  /** Where the person started (the way back when linking fails). */
  returnTo: string;
  /** Reconnecting: the account to link again, so Facebook's user need not choose. */
  igUserId?: string;
}

export function stateOf(authorizeUrl: string): string {
  return new URL(authorizeUrl).searchParams.get("state") ?? "";
}

/** Only a path of this app, so nothing stored can send the person elsewhere. */
export function safeReturn(path: string | undefined): string {
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith(CALLBACK_PATH)
    ? path
    : HOME;
}

export function remember(storage: Pick<Storage, "setItem">, link: PendingLink): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(link));
}

/** The link this tab started with state, if any (a link started elsewhere has none). */
export function recall(storage: Pick<Storage, "getItem">, state: string): PendingLink | null {
  try {
    const found = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null") as PendingLink | null;
    return found && state && found.state === state ? found : null;
  } catch {
    return null;
  }
}

export function forget(storage: Pick<Storage, "removeItem">): void {
  storage.removeItem(STORAGE_KEY);
}

/** What Facebook's dialog put in the callback page's address. */
export type Callback =
  | { kind: "code"; state: string; code: string }
  | { kind: "error"; state: string; error: string }
  | { kind: "invalid"; state: "" };

export function readCallback(search: string): Callback {
  const params = new URLSearchParams(search);
  const state = params.get("state") ?? "";
  const error = params.get("error");
  const code = params.get("code");
  if (state && error) return { kind: "error", state, error };
  if (state && code) return { kind: "code", state, code };
  return { kind: "invalid", state: "" };
}

/** What a failed completion means to the person. */
export type Failure =
  | { kind: "choose"; choices: AccountChoice[] }
  | { kind: "cancelled" }
  | { kind: "expired" }
  | { kind: "refused" }
  | { kind: "other" };

export const CANCELLED_TYPE = "https://petful.dev/problems/instagram-link-cancelled";

export function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiError)) return { kind: "other" };
  const problem = error.problem as (ApiError["problem"] & { choices?: AccountChoice[] }) | null;
  if (problem?.type === CANCELLED_TYPE) return { kind: "cancelled" };
  if (error.status !== 422) return { kind: "other" };
  if (problem?.choices?.length) return { kind: "choose", choices: problem.choices };
  const fields = new Set(error.fieldErrors.map((e) => e.field));
  if (fields.has("state")) return { kind: "expired" };
  if (fields.has("code")) return { kind: "refused" };
  return { kind: "other" };
}
