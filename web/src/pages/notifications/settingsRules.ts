// Pure rules of the notification settings, the unsubscribe page and web push: the channel
// list as a grid, a change applied to (and taken back from) the cached settings, quiet
// hours checked as the API checks them, and the bytes web push needs. Vitest checks them.
import { ApiError } from "../../api/problem";
import { CATEGORIES } from "./rules";
import type {
  Category,
  Channel,
  ChannelSetting,
  NewPushDevice,
  NotificationSettings,
  QuietHours,
  SettingsChange,
} from "./types";

/** The settings page (the inbox and the unsubscribe page link here). */
export const SETTINGS_PATH = "/notifications/settings";
export const CHANNELS = ["EMAIL", "PUSH"] as const satisfies readonly Channel[];

/** The switches a category has: only the channels the platform offers for it (health
 * reminders never mail), each on or off. */
export type ChannelGrid = Record<Category, Partial<Record<Channel, boolean>>>;

/** Every category with the channels the list offers for it (a category the list does not
 * name has none). */
export function channelGrid(channels: readonly ChannelSetting[]): ChannelGrid {
  const grid = Object.fromEntries(CATEGORIES.map((c) => [c, {}])) as ChannelGrid;
  for (const { category, channel, enabled } of channels) {
    if (grid[category] && (CHANNELS as readonly string[]).includes(channel)) {
      grid[category][channel] = enabled;
    }
  }
  return grid;
}

function withChannels(
  channels: readonly ChannelSetting[],
  changed: readonly ChannelSetting[],
): ChannelSetting[] {
  const same = (a: ChannelSetting, b: ChannelSetting) =>
    a.category === b.category && a.channel === b.channel;
  const kept = channels.map((c) => changed.find((d) => same(c, d)) ?? c);
  return [...kept, ...changed.filter((d) => !channels.some((c) => same(c, d)))];
}

/** The settings as they will be once `change` is saved (shown before the answer comes). */
export function applyChange(
  settings: NotificationSettings,
  change: SettingsChange,
): NotificationSettings {
  return {
    ...settings,
    channels: change.channels
      ? withChannels(settings.channels, change.channels)
      : settings.channels,
    quiet_hours: change.quiet_hours ?? settings.quiet_hours,
    daily_digest: change.daily_digest ?? settings.daily_digest,
  };
}

/** `change` taken back from `current` (the API refused it): what it touched returns to
 * how it was `before`; what other changes did since stays. */
export function revertChange(
  current: NotificationSettings,
  before: NotificationSettings,
  change: SettingsChange,
): NotificationSettings {
  const grid = channelGrid(before.channels);
  return applyChange(current, {
    channels: change.channels?.map((c) => ({ ...c, enabled: grid[c.category][c.channel] ?? true })),
    quiet_hours: change.quiet_hours ? before.quiet_hours : undefined,
    daily_digest: change.daily_digest == null ? undefined : before.daily_digest,
  });
}

// --- quiet hours ----------------------------------------------------------------------------

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM", 00:00-23:59 (what the API takes). */
export const isTimeOfDay = (value: string): boolean => HH_MM.test(value);

export type TimeProblem = "required" | "format" | "same";

/** What is wrong with quiet hours before they are sent, by field. Start equal to end would
 * be no quiet time at all: the switch says that, so the times must differ while it is on. */
export function quietHoursProblems({
  enabled,
  start,
  end,
}: QuietHours): Partial<Record<"start" | "end", TimeProblem>> {
  const problems: Partial<Record<"start" | "end", TimeProblem>> = {};
  for (const [field, value] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (!value) problems[field] = "required";
    else if (!isTimeOfDay(value)) problems[field] = "format";
  }
  if (enabled && !problems.start && !problems.end && start === end) problems.end = "same";
  return problems;
}

/** Whether quiet hours run past midnight (22:00-08:00 ends the next morning). */
export const isOvernight = (start: string, end: string): boolean => start > end;

// --- the unsubscribe link -------------------------------------------------------------------

/** The link is unknown (404) or could never be one (422: too long): not worth a retry. */
export function isUnknownLink(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 422);
}

// --- web push -------------------------------------------------------------------------------

/** Bytes of base64url (padding optional), as PushManager.subscribe's applicationServerKey
 * wants the VAPID public key. Throws on anything that is not base64url. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value) || value.replace(/=+$/, "").length % 4 === 1) {
    throw new Error("not base64url");
  }
  const base64 = value.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether an existing subscription was made with `key` (a new VAPID key needs a new one). */
export function sameKey(existing: ArrayBuffer | null, key: Uint8Array): boolean {
  if (existing === null) return false;
  const bytes = new Uint8Array(existing);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

/** Whether this browser can take web push at all (a service worker and the Push API;
 * both need a secure context, so plain http elsewhere than localhost has neither). */
export function canPush(navigator: object, window: object): boolean {
  return "serviceWorker" in navigator && "PushManager" in window;
}

/** What the API needs from the browser's PushSubscription.toJSON() (null: it lacks the
 * keys, which a push service always gives). The device's name: "" lets the API make one
 * from the User-Agent. */
export function subscriptionBody(json: PushSubscriptionJSON): NewPushDevice | null {
  const { endpoint, keys } = json;
  if (!endpoint || !keys?.p256dh || !keys.auth) return null;
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, device: "" };
}
