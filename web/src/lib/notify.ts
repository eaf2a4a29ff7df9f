// A notification with a named close button (Mantine leaves it unnamed, which axe reports).
import { notifications, type NotificationData } from "@mantine/notifications";

import type { I18n } from "../i18n/I18nProvider";

export function notify(t: I18n["t"], data: NotificationData): void {
  notifications.show({ ...data, closeButtonProps: { "aria-label": t("common.close") } });
}
