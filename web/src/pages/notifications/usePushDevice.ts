// Web push on this browser: our service worker (public/sw.js) registered, the person's
// permission asked, a subscription made with the platform's VAPID key and handed to the API;
// and all of it undone again. The permission is asked first, while the click's user
// activation lasts (browsers ignore a request made later).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import {
  forgetPushDevice,
  refreshPushDevices,
  savePushDevice,
  vapidPublicKey,
} from "./settingsQueries";
import { base64UrlToBytes, canPush, sameKey, subscriptionBody } from "./settingsRules";
import type { PushDevice } from "./types";

/** The service worker: at the site's root, so its scope is the whole app. */
export const SW_URL = "/sw.js";

/** Why this browser did not subscribe (the API's own refusals are ApiErrors). */
export type PushProblemReason = "denied" | "dismissed" | "failed";

export class PushProblem extends Error {
  constructor(readonly reason: PushProblemReason) {
    super(`push: ${reason}`);
    this.name = "PushProblem";
  }
}

/** The browser's permission for notifications ("default": not asked yet). */
function notificationPermission(): NotificationPermission {
  return "Notification" in window ? Notification.permission : "default";
}

async function localSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return registration ? registration.pushManager.getSubscription() : null;
}

async function subscribeHere(onPermission: (p: NotificationPermission) => void): Promise<string> {
  const permission = await Notification.requestPermission();
  onPermission(permission);
  if (permission !== "granted") {
    throw new PushProblem(permission === "denied" ? "denied" : "dismissed");
  }
  const key = base64UrlToBytes(await vapidPublicKey());
  await navigator.serviceWorker.register(SW_URL, { scope: "/" });
  // subscribe() needs an active worker: `ready` waits for it.
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe(); // made with another key: the platform cannot use it
    subscription = null;
  }
  try {
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
  } catch {
    throw new PushProblem("failed"); // the browser's push service did not answer
  }
  const body = subscriptionBody(subscription.toJSON());
  if (!body) throw new PushProblem("failed");
  await savePushDevice(body);
  return subscription.endpoint;
}

async function unsubscribeHere(known: string | null): Promise<void> {
  const subscription = await localSubscription();
  const endpoint = subscription?.endpoint ?? known;
  // The platform first: if it cannot be told, this browser stays subscribed and says so.
  if (endpoint) await forgetPushDevice(endpoint);
  await subscription?.unsubscribe();
}

export type PushStatus = "unsupported" | "checking" | "denied" | "off" | "on";

/** This browser's push state against the API's list of my devices (undefined: not loaded,
 * then this browser's own subscription decides). */
export function usePushDevice(devices: readonly PushDevice[] | undefined) {
  const queryClient = useQueryClient();
  const supported = canPush(navigator, window);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [permission, setPermission] = useState(notificationPermission);

  useEffect(() => {
    if (!supported) return;
    let live = true;
    localSubscription()
      .then((s) => live && setEndpoint(s?.endpoint ?? null))
      .catch(() => undefined)
      .finally(() => live && setChecked(true));
    return () => {
      live = false;
    };
  }, [supported]);

  const turnOn = useMutation({
    mutationFn: () => subscribeHere(setPermission),
    onSuccess: (next) => setEndpoint(next),
    onSettled: () => refreshPushDevices(queryClient),
  });
  const turnOff = useMutation({
    mutationFn: () => unsubscribeHere(endpoint),
    onSuccess: () => setEndpoint(null),
    onSettled: () => refreshPushDevices(queryClient),
  });

  const known = endpoint !== null && (devices?.some((d) => d.endpoint === endpoint) ?? true);
  let status: PushStatus;
  if (!supported) status = "unsupported";
  else if (!checked) status = "checking";
  else if (known) status = "on";
  else if (permission === "denied") status = "denied";
  else status = "off";
  return { status, endpoint: known ? endpoint : null, turnOn, turnOff };
}
