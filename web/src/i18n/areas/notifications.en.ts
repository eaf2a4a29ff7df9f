// English messages of the notifications area: exactly the keys of notifications.ts (tsc
// checks). A chunk of its own, loaded only when someone switches to English.
import type { Same } from "../same";
import type { ko } from "./notifications";

export const en: Same<typeof ko> = {
  "notifications.title": "Notifications",
  "notifications.bell": "Notifications",
  "notifications.bellUnread": "Notifications, {count} unread",
  "notifications.tabs": "Show",
  "notifications.tab.all": "All",
  "notifications.tab.unread": "Unread",
  "notifications.category.label": "Category",
  "notifications.category.ALL": "All categories",
  "notifications.category.CAMPAIGNS": "Campaigns",
  "notifications.category.COMMUNITY": "Community",
  "notifications.category.HEALTH": "Health",
  "notifications.category.ACCOUNT": "Account",
  "notifications.list": "Notifications",
  "notifications.unread": "Unread",
  "notifications.readAll": "Mark all read",
  "notifications.readAllDone": "Marked {count} notifications read.",
  "notifications.hide": "Hide",
  "notifications.hidden": "Notification hidden.",
  "notifications.more": "More",
  "notifications.empty.all": "No notifications yet",
  "notifications.empty.allBody":
    "Comments, likes and campaign news will show up here when they happen.",
  "notifications.empty.unread": "No unread notifications",
  "notifications.empty.unreadBody": "New ones will show up here first.",
};
