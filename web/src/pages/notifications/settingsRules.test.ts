import { describe, expect, it } from "vitest";

import { ApiError } from "../../api/problem";
import {
  applyChange,
  base64UrlToBytes,
  canPush,
  channelGrid,
  isOvernight,
  isTimeOfDay,
  isUnknownLink,
  quietHoursProblems,
  revertChange,
  sameKey,
  subscriptionBody,
} from "./settingsRules";
import type { NotificationSettings } from "./types";

const settings = (over: Partial<NotificationSettings> = {}): NotificationSettings => ({
  channels: [
    { category: "CAMPAIGNS", channel: "EMAIL", enabled: true },
    { category: "CAMPAIGNS", channel: "PUSH", enabled: true },
    { category: "COMMUNITY", channel: "EMAIL", enabled: true },
    { category: "COMMUNITY", channel: "PUSH", enabled: false },
  ],
  quiet_hours: { enabled: true, start: "22:00", end: "08:00" },
  daily_digest: false,
  time_zone: "Asia/Seoul",
  ...over,
});

describe("the channel grid", () => {
  it("has every category with only the channels the list offers", () => {
    const grid = channelGrid(settings().channels);
    expect(grid.COMMUNITY).toEqual({ EMAIL: true, PUSH: false });
    expect(grid.HEALTH).toEqual({});
    expect(Object.keys(grid)).toEqual(["CAMPAIGNS", "COMMUNITY", "HEALTH", "ACCOUNT"]);
  });

  it("ignores what it does not know", () => {
    const odd = [{ category: "NEWS", channel: "SMS", enabled: false }] as never[];
    expect(channelGrid(odd).CAMPAIGNS).toEqual({});
  });
});

describe("a change shown before its answer, and taken back", () => {
  it("switches the channels it names and adds ones the list lacked", () => {
    const next = applyChange(settings(), {
      channels: [
        { category: "COMMUNITY", channel: "EMAIL", enabled: false },
        { category: "HEALTH", channel: "PUSH", enabled: false },
      ],
    });
    const grid = channelGrid(next.channels);
    expect(grid.COMMUNITY.EMAIL).toBe(false);
    expect(grid.HEALTH.PUSH).toBe(false);
    expect(grid.CAMPAIGNS.EMAIL).toBe(true);
    expect(next.channels).toHaveLength(5);
    expect(next.daily_digest).toBe(false);
  });

  it("sets the digest and quiet hours when named, keeps them otherwise", () => {
    expect(applyChange(settings(), { daily_digest: true }).daily_digest).toBe(true);
    const quiet = { enabled: true, start: "23:00", end: "07:00" };
    expect(applyChange(settings(), { quiet_hours: quiet }).quiet_hours).toEqual(quiet);
    expect(applyChange(settings(), {})).toEqual(settings());
  });

  it("takes back only what the refused change touched", () => {
    const before = settings();
    const refused = { channels: [{ category: "COMMUNITY", channel: "EMAIL", enabled: false }] };
    // Meanwhile another switch went on (its own change, still fine).
    const now = applyChange(applyChange(before, refused as never), { daily_digest: true });
    const back = revertChange(now, before, refused as never);
    expect(channelGrid(back.channels).COMMUNITY.EMAIL).toBe(true);
    expect(back.daily_digest).toBe(true);
  });

  it("takes back a refused digest", () => {
    const before = settings();
    const now = applyChange(before, { daily_digest: true });
    expect(revertChange(now, before, { daily_digest: true }).daily_digest).toBe(false);
  });
});

describe("quiet hours", () => {
  it("are HH:MM from 00:00 to 23:59", () => {
    for (const ok of ["00:00", "07:30", "23:59", "12:05"]) expect(isTimeOfDay(ok)).toBe(true);
    for (const bad of ["24:00", "7:30", "07:60", "0730", "", "07:30:00", " 07:30"]) {
      expect(isTimeOfDay(bad)).toBe(false);
    }
  });

  it("need both times, differing while on", () => {
    expect(quietHoursProblems({ enabled: true, start: "23:00", end: "07:00" })).toEqual({});
    expect(quietHoursProblems({ enabled: true, start: "", end: "25:00" })).toEqual({
      start: "required",
      end: "format",
    });
    expect(quietHoursProblems({ enabled: true, start: "23:00", end: "23:00" })).toEqual({
      end: "same",
    });
    expect(quietHoursProblems({ enabled: false, start: "23:00", end: "23:00" })).toEqual({});
  });

  it("know when they run past midnight", () => {
    expect(isOvernight("22:00", "08:00")).toBe(true);
    expect(isOvernight("13:00", "14:30")).toBe(false);
  });
});

describe("the unsubscribe link", () => {
  it("is unknown on 404 and 422, worth a retry otherwise", () => {
    expect(isUnknownLink(new ApiError(404, null))).toBe(true);
    expect(isUnknownLink(new ApiError(422, null))).toBe(true);
    expect(isUnknownLink(new ApiError(503, null))).toBe(false);
    expect(isUnknownLink(new ApiError(0, null))).toBe(false);
    expect(isUnknownLink(new Error("x"))).toBe(false);
  });
});

describe("web push", () => {
  it("decodes base64url with or without padding", () => {
    expect([...base64UrlToBytes("AQID")]).toEqual([1, 2, 3]);
    expect([...base64UrlToBytes("-_8")]).toEqual([251, 255]);
    expect([...base64UrlToBytes("-_8=")]).toEqual([251, 255]);
    expect([...base64UrlToBytes("AQ")]).toEqual([1]);
    expect(base64UrlToBytes("")).toHaveLength(0);
  });

  it("decodes a VAPID public key to its 65 bytes", () => {
    const key =
      "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U";
    const bytes = base64UrlToBytes(key);
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(4); // an uncompressed P-256 point
  });

  it("refuses what is not base64url", () => {
    expect(() => base64UrlToBytes("a+b/")).toThrow();
    expect(() => base64UrlToBytes("abcde")).toThrow();
    expect(() => base64UrlToBytes("ab c")).toThrow();
  });

  it("knows a subscription made with the same key", () => {
    const key = new Uint8Array([4, 1, 2]);
    expect(sameKey(new Uint8Array([4, 1, 2]).buffer, key)).toBe(true);
    expect(sameKey(new Uint8Array([4, 1, 3]).buffer, key)).toBe(false);
    expect(sameKey(new Uint8Array([4, 1]).buffer, key)).toBe(false);
    expect(sameKey(null, key)).toBe(false);
  });

  it("needs a service worker and the Push API", () => {
    expect(canPush({ serviceWorker: {} }, { PushManager: {} })).toBe(true);
    expect(canPush({}, { PushManager: {} })).toBe(false);
    expect(canPush({ serviceWorker: {} }, {})).toBe(false);
  });

  it("hands the API the endpoint and keys of a subscription", () => {
    const json = {
      endpoint: "https://fcm.googleapis.com/fcm/send/abc",
      expirationTime: null,
      keys: { p256dh: "BNc", auth: "tBH" },
    };
    expect(subscriptionBody(json)).toEqual({
      endpoint: json.endpoint,
      keys: { p256dh: "BNc", auth: "tBH" },
      device: "",
    });
    expect(subscriptionBody({ endpoint: json.endpoint })).toBeNull();
    expect(subscriptionBody({ keys: json.keys })).toBeNull();
  });
});
