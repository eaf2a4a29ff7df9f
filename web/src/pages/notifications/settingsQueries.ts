// The notification settings' queries and changes, the unsubscribe link's, and my push
// devices'. Their keys live apart from the inbox's (["notifications", …]): the live stream
// refreshes the inbox on every notification and must not refetch settings mid-change.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { applyChange, isUnknownLink, revertChange } from "./settingsRules";
import type { NewPushDevice, NotificationSettings, QuietHours, SettingsChange } from "./types";

export const settingsKeys = {
  settings: ["notification-settings"] as const,
  /** Every change of the settings (switches and quiet hours), to see if others are pending. */
  change: ["notification-settings", "change"] as const,
  unsubscribe: (token: string) => ["notification-unsubscribe", token] as const,
  pushDevices: ["notification-push", "devices"] as const,
};

async function patchSettings(change: SettingsChange): Promise<NotificationSettings> {
  return data(await api.PATCH("/api/v1/notifications/settings", { body: change }));
}

/** Only the last of several changes in flight settles the cache: an earlier answer does not
 * know the later changes yet and would flip their switches back for a moment. */
const lastChange = (queryClient: QueryClient) =>
  queryClient.isMutating({ mutationKey: settingsKeys.change }) === 1;

/** My settings (every category on both channels, quiet hours, the digest). */
export function useNotificationSettings() {
  return useQuery({
    queryKey: settingsKeys.settings,
    queryFn: async () => data(await api.GET("/api/v1/notifications/settings")),
  });
}

/** A switch (channels or the digest), saved at once: shown switched before the answer,
 * switched back with a notice if the API refuses. */
export function useToggleSetting() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const key = settingsKeys.settings;
  return useMutation({
    mutationKey: settingsKeys.change,
    mutationFn: patchSettings,
    onMutate: async (change: SettingsChange) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<NotificationSettings>(key);
      if (before) queryClient.setQueryData(key, applyChange(before, change));
      return { before };
    },
    onError: (error, change, context) => {
      const before = context?.before;
      if (before) {
        queryClient.setQueryData<NotificationSettings>(key, (now) =>
          now ? revertChange(now, before, change) : now,
        );
      }
      notify(t, {
        color: "red",
        message: t("notifications.settings.notSaved", { reason: errorMessage(error, t) }),
      });
    },
    onSuccess: (settings) => {
      if (lastChange(queryClient)) queryClient.setQueryData(key, settings);
    },
  });
}

/** Quiet hours, saved with the form's button (the form shows the field errors). */
export function useSaveQuietHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: settingsKeys.change,
    mutationFn: (quiet_hours: QuietHours) => patchSettings({ quiet_hours }),
    onSuccess: (settings) => {
      if (lastChange(queryClient)) queryClient.setQueryData(settingsKeys.settings, settings);
      else
        queryClient.setQueryData<NotificationSettings>(settingsKeys.settings, (now) =>
          now ? { ...now, quiet_hours: settings.quiet_hours } : now,
        );
    },
  });
}

// --- the unsubscribe link -------------------------------------------------------------------

/** Which category a mail's unsubscribe link stops (no sign-in: the token is the proof). */
export function useUnsubscribeLink(token: string) {
  return useQuery({
    queryKey: settingsKeys.unsubscribe(token),
    queryFn: async () =>
      data(await api.GET("/api/v1/public/unsubscribe/{token}", { params: { path: { token } } })),
    // An unknown link stays unknown; only a network or server failure is worth a retry.
    retry: (count, error) => !isUnknownLink(error) && count < 2,
    staleTime: Infinity,
  });
}

/** Stop the link's category by email (again: no change). */
export function useUnsubscribe(token: string) {
  return useMutation({
    mutationFn: async () =>
      data(await api.POST("/api/v1/public/unsubscribe/{token}", { params: { path: { token } } })),
  });
}

// --- web push -------------------------------------------------------------------------------

/** The browsers of mine that get pushes, the most recent first. */
export function usePushDevices() {
  return useQuery({
    queryKey: settingsKeys.pushDevices,
    queryFn: async () => data(await api.GET("/api/v1/notifications/push/subscriptions")),
  });
}

/** The install's VAPID public key (asked for when a browser subscribes). */
export async function vapidPublicKey(): Promise<string> {
  return data(await api.GET("/api/v1/notifications/push/key")).public_key;
}

/** Tell the platform about this browser's subscription (create or update by endpoint). */
export async function savePushDevice(body: NewPushDevice): Promise<void> {
  await api.PUT("/api/v1/notifications/push/subscriptions", { body });
}

/** Stop pushing to one of my browsers; one the platform no longer has (404) is gone too. */
export async function forgetPushDevice(endpoint: string): Promise<void> {
  try {
    await api.DELETE("/api/v1/notifications/push/subscriptions", { body: { endpoint } });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}

export function refreshPushDevices(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: settingsKeys.pushDevices });
}
