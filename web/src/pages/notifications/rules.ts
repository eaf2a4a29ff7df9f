// Pure rules of the notifications inbox: the view in the address, relative times, where a
// notification may lead, the cache updates after reading or hiding one, and the pieces of
// the live stream (a Server-Sent Events parser, the reconnect delays). Vitest checks them.
import type { Category, Notification } from "./types";

export const CATEGORIES = [
  "CAMPAIGNS",
  "COMMUNITY",
  "HEALTH",
  "ACCOUNT",
] as const satisfies readonly Category[];
export const PAGE_SIZE = 20;
/** Where the list is; the bell links here. */
export const INBOX_PATH = "/notifications";

const isCategory = (value: string | null): value is Category =>
  CATEGORIES.includes(value as Category);

export interface InboxView {
  unread: boolean;
  /** null: every category. */
  category: Category | null;
}

/** The view an address names (anything unknown: everything). */
export function parseInboxView(params: URLSearchParams): InboxView {
  const category = params.get("category");
  return {
    unread: params.get("filter") === "unread",
    category: isCategory(category) ? category : null,
  };
}

/** The query string of a view, defaults left out (one spelling per view). */
export function inboxViewParams({ unread, category }: InboxView): URLSearchParams {
  const params = new URLSearchParams();
  if (unread) params.set("filter", "unread");
  if (category) params.set("category", category);
  return params;
}

/** Where a notification leads: a path of this app (anything else, which the API never
 * sends, leads to the inbox rather than off the site). */
export function deepLink(link: string): string {
  return link.startsWith("/") && !link.startsWith("//") && !link.includes("\\") ? link : INBOX_PATH;
}

export const isUnread = (n: Pick<Notification, "read_at">): boolean => n.read_at === null;

/** The bell's badge: the count, at most "99+". */
export const badgeText = (count: number): string => (count > 99 ? "99+" : String(count));

interface Pages<T> {
  pages: { items: T[] }[];
}

/** Cached list pages with one notification replaced (read) or left out (hidden, or read
 * while the list shows only unread ones). */
export function updateInPages<T extends { id: string }, D extends Pages<T>>(
  data: D,
  id: string,
  update: (n: T) => T | null,
): D {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.flatMap((n) => {
        if (n.id !== id) return [n];
        const next = update(n);
        return next ? [next] : [];
      }),
    })),
  };
}

// --- the live stream ----------------------------------------------------------------------

export interface StreamEvent {
  /** "message" unless the event names itself. */
  event: string;
  data: string;
  /** The event's id (a notification's seq), when it has one. */
  id?: string;
  /** The server's reconnection delay (ms), when it sets one. */
  retry?: number;
}

/**
 * Server-Sent Events, a chunk at a time (chunks split anywhere, even inside a line): the
 * complete events each chunk finishes. Comments (": ping") are skipped; a `retry:` alone
 * is reported as an event of its own with empty data, so the caller sees it.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | undefined;
  private retry: number | undefined;

  push(chunk: string): StreamEvent[] {
    this.buffer += chunk;
    const out: StreamEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      if (end < 0) break;
      // A lone "\r" at the very end may be the first half of "\r\n": wait for more.
      if (this.buffer[end] === "\r" && end === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + (this.buffer.startsWith("\r\n", end) ? 2 : 1));
      const event = this.line(line);
      if (event) out.push(event);
    }
    return out;
  }

  private line(line: string): StreamEvent | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "data") this.data.push(value);
    else if (name === "event") this.event = value;
    else if (name === "id" && !value.includes("\0")) this.id = value;
    else if (name === "retry" && /^\d+$/.test(value)) this.retry = Number(value);
    return null;
  }

  private dispatch(): StreamEvent | null {
    const event: StreamEvent = { event: this.event || "message", data: this.data.join("\n") };
    const hasData = this.data.length > 0;
    if (this.id !== undefined) event.id = this.id;
    if (this.retry !== undefined) event.retry = this.retry;
    this.data = [];
    this.event = "";
    this.id = undefined;
    this.retry = undefined;
    return hasData || event.retry !== undefined || event.id !== undefined ? event : null;
  }
}

/** A notification from an event's data; null for anything that is not one. */
export function parseNotification(data: string): Notification | null {
  try {
    const value: unknown = JSON.parse(data);
    if (
      typeof value === "object" &&
      value !== null &&
      typeof (value as Notification).id === "string" &&
      typeof (value as Notification).seq === "number"
    ) {
      return value as Notification;
    }
  } catch {
    // not JSON: ignored
  }
  return null;
}

export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 60_000;

/** How long to wait before the `attempt`-th reconnect after a failure (0 first): doubling
 * from a second up to a minute, with up to a fifth less at random (`random` in [0, 1)) so
 * many tabs do not come back at once. */
export function reconnectDelay(attempt: number, random: number = Math.random()): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 - 0.2 * random));
}
