// The live inbox: while someone is signed in, the platform's Server-Sent Events stream of
// their notifications, read with fetch() (EventSource cannot send the bearer token). Each
// event refreshes the bell and the lists. The stream ends when the access token expires (the
// session has refreshed it by then): the hook reconnects with the current token and the
// last event's id, so nothing is missed; after a failure it waits longer each time. It stops
// on sign-out; a 401 waits for the app to refresh the session.
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { CLIENT_HEADER, WEB_CLIENT } from "../../api/client";
import { getAccessToken } from "../../auth/tokens";
import { useSession } from "../../auth/useSession";
import { refreshInbox } from "./queries";
import { parseNotification, reconnectDelay, SseParser } from "./rules";

export const STREAM_PATH = "/api/v1/notifications/stream";
/** What the stream is doing: "off" while signed out or waiting to start, "open" while
 * events can arrive, "waiting" between connections. */
export type StreamState = "off" | "connecting" | "open" | "waiting";

// The server's own `retry:` (3 s) unless it says otherwise: after a normal end.
const DEFAULT_RETRY_MS = 3_000;
// The first connection waits until the page has finished loading (no request for this
// long): a stream held open from the start would keep the page "loading" for tools that
// wait for the network to go quiet, and the page's own requests come first anyway.
const QUIET_MS = 1_500;
const QUIET_POLL_MS = 250;
// Events come in bursts (a backlog after reconnecting): one refresh per burst.
const BATCH_MS = 100;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

function lastResourceEnd(): number {
  let last = 0;
  for (const entry of performance.getEntriesByType("resource")) {
    last = Math.max(last, (entry as PerformanceResourceTiming).responseEnd);
  }
  return last;
}

/** Resolves once the page has loaded and nothing was fetched for QUIET_MS. */
async function pageQuiet(queryClient: QueryClient, signal: AbortSignal): Promise<void> {
  let quietSince = performance.now();
  while (!signal.aborted) {
    await sleep(QUIET_POLL_MS, signal);
    const now = performance.now();
    const busy =
      document.readyState !== "complete" ||
      queryClient.isFetching() > 0 ||
      queryClient.isMutating() > 0;
    quietSince = busy ? now : Math.max(quietSince, lastResourceEnd());
    if (now - quietSince >= QUIET_MS) return;
  }
}

interface Connection {
  signal: AbortSignal;
  queryClient: QueryClient;
  setState: (state: StreamState) => void;
}

async function run({ signal, queryClient, setState }: Connection): Promise<void> {
  let lastId: string | null = null;
  let failures = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const refreshSoon = () => {
    pending ??= setTimeout(() => {
      pending = null;
      if (!signal.aborted) void refreshInbox(queryClient);
    }, BATCH_MS);
  };
  signal.addEventListener("abort", () => {
    if (pending) clearTimeout(pending);
  });

  await pageQuiet(queryClient, signal);
  while (!signal.aborted) {
    const token = getAccessToken();
    if (!token) return; // signed out
    setState("connecting");
    let wait: number;
    try {
      const headers: Record<string, string> = {
        Accept: "text/event-stream",
        Authorization: `Bearer ${token}`,
        [CLIENT_HEADER]: WEB_CLIENT,
      };
      if (lastId !== null) headers["Last-Event-ID"] = lastId;
      const response = await fetch(STREAM_PATH, { headers, signal, cache: "no-store" });
      if (response.status === 401) {
        await response.body?.cancel();
        // The token ran out (a sleeping laptop). The stream never refreshes the session
        // itself: a refresh racing the app's own would reuse a rotated refresh token and
        // end the session. It retries with whatever token the app holds by then.
        throw new Error("notification stream: 401");
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        // A position the platform no longer knows: start from now.
        if (response.status === 422) lastId = null;
        throw new Error(`notification stream: ${response.status}`);
      }
      setState("open");
      failures = 0;
      // Started from now: whatever came between the page's load and this, ask once.
      if (lastId === null) refreshSoon();
      wait = DEFAULT_RETRY_MS;
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) {
          if (event.retry !== undefined) wait = event.retry;
          if (event.id) lastId = event.id;
          if (event.event === "notification" && parseNotification(event.data)) refreshSoon();
        }
      }
    } catch {
      if (signal.aborted) return;
      wait = reconnectDelay(failures);
      failures += 1;
    }
    if (signal.aborted) return;
    setState("waiting");
    await sleep(wait, signal);
  }
}

/** Keeps the inbox live while signed in (mount once, in the signed-in shell). */
export function useNotificationStream(): StreamState {
  const session = useSession();
  const userId = session.status === "signedIn" ? session.user.id : null;
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ userId: string; state: StreamState } | null>(null);

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    const { signal } = controller;
    void run({
      signal,
      queryClient,
      setState: (next) => {
        if (!signal.aborted) setState({ userId, state: next });
      },
    });
    return () => controller.abort();
  }, [userId, queryClient]);

  return userId && state?.userId === userId ? state.state : "off";
}
