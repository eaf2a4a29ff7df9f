import { describe, expect, it } from "vitest";

import {
  badgeText,
  deepLink,
  inboxViewParams,
  parseInboxView,
  parseNotification,
  reconnectDelay,
  SseParser,
  updateInPages,
} from "./rules";

describe("the inbox view in the address", () => {
  it("reads the filter and a category, and defaults what it does not know", () => {
    expect(parseInboxView(new URLSearchParams("filter=unread&category=COMMUNITY"))).toEqual({
      unread: true,
      category: "COMMUNITY",
    });
    expect(parseInboxView(new URLSearchParams("filter=all&category=NEWS"))).toEqual({
      unread: false,
      category: null,
    });
  });

  it("writes one spelling per view", () => {
    expect(inboxViewParams({ unread: false, category: null }).toString()).toBe("");
    expect(inboxViewParams({ unread: true, category: "HEALTH" }).toString()).toBe(
      "filter=unread&category=HEALTH",
    );
  });
});

describe("links and the badge", () => {
  it("follows paths of the app only", () => {
    expect(deepLink("/community/posts/1")).toBe("/community/posts/1");
    expect(deepLink("//evil.example/x")).toBe("/notifications");
    expect(deepLink("https://evil.example/")).toBe("/notifications");
    expect(deepLink("/\\evil.example")).toBe("/notifications");
    expect(deepLink("")).toBe("/notifications");
  });

  it("caps the badge", () => {
    expect(badgeText(3)).toBe("3");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
  });
});

describe("cached pages", () => {
  const data = {
    pages: [
      {
        items: [
          { id: "a", n: 1 },
          { id: "b", n: 2 },
        ],
        next_cursor: "x",
      },
      { items: [{ id: "c", n: 3 }], next_cursor: null },
    ],
    pageParams: ["", "x"],
  };

  it("replaces or drops one notification", () => {
    const read = updateInPages(data, "c", (n) => ({ ...n, n: 30 }));
    expect(read.pages[1]?.items).toEqual([{ id: "c", n: 30 }]);
    expect(read.pages[0]).toBe(read.pages[0]);
    const hidden = updateInPages(data, "a", () => null);
    expect(hidden.pages[0]?.items.map((n) => n.id)).toEqual(["b"]);
    expect(hidden.pages[0]?.next_cursor).toBe("x");
    expect(hidden.pageParams).toEqual(["", "x"]);
  });
});

describe("the event stream parser", () => {
  it("reads events split anywhere, skipping pings", () => {
    const parser = new SseParser();
    const stream = 'retry: 3000\n\n: ping\n\nid: 7\nevent: notification\ndata: {"a":1}\n\n';
    const events = [];
    for (const char of stream) events.push(...parser.push(char));
    expect(events).toEqual([
      { event: "message", data: "", retry: 3000 },
      { event: "notification", data: '{"a":1}', id: "7" },
    ]);
  });

  it("joins data lines and understands CRLF and CR", () => {
    const parser = new SseParser();
    expect(parser.push("data: one\r\ndata: two\r")).toEqual([]);
    expect(parser.push("\n\r\n")).toEqual([{ event: "message", data: "one\ntwo" }]);
    // A lone CR at the end may be half a CRLF: the line ends once the next character comes.
    expect(parser.push("data:x\r\r")).toEqual([]);
    expect(parser.push("data: y")).toEqual([{ event: "message", data: "x" }]);
  });

  it("keeps an unfinished event for the next chunk", () => {
    const parser = new SseParser();
    expect(parser.push("id: 1\nevent: notification\ndata: {")).toEqual([]);
    expect(parser.push("}\n\n")).toEqual([{ event: "notification", data: "{}", id: "1" }]);
  });

  it("takes notifications only", () => {
    expect(parseNotification('{"id":"n1","seq":4,"title":"t"}')).toMatchObject({ seq: 4 });
    expect(parseNotification("{oops")).toBeNull();
    expect(parseNotification('{"id":1}')).toBeNull();
    expect(parseNotification("null")).toBeNull();
  });
});

describe("reconnecting", () => {
  it("doubles from a second up to a minute, a little less at random", () => {
    expect(reconnectDelay(0, 0)).toBe(1_000);
    expect(reconnectDelay(1, 0)).toBe(2_000);
    expect(reconnectDelay(3, 0)).toBe(8_000);
    expect(reconnectDelay(10, 0)).toBe(60_000);
    expect(reconnectDelay(0, 0.5)).toBe(900);
    expect(reconnectDelay(20, 0.999)).toBeGreaterThanOrEqual(48_000);
  });
});
