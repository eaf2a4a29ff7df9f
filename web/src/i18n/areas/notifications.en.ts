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
  "notifications.settings.open": "Notification settings",
  "notifications.settings.title": "Notification settings",
  "notifications.settings.toInbox": "Back to notifications",
  "notifications.settings.lead":
    "Choose per category whether you also get emails and pushes. Changes save right away.",
  "notifications.settings.channels": "How you get them",
  "notifications.settings.channel.EMAIL": "Email",
  "notifications.settings.channel.PUSH": "Push",
  "notifications.settings.channelSwitch": "{category} {channel}",
  "notifications.settings.hint.CAMPAIGNS":
    "Invitations, selection results, shipping, content reviews, PetStar reviews",
  "notifications.settings.hint.COMMUNITY": "Comments and likes on your posts, report outcomes",
  "notifications.settings.hint.HEALTH": "Schedule and medication reminders",
  "notifications.settings.hint.ACCOUNT": "Advertiser approval, Instagram link, account status",
  "notifications.settings.notSaved": "Your settings were not saved. {reason}",
  "notifications.settings.inboxNote":
    "Your notifications list always keeps everything, whatever you choose here.",
  "notifications.settings.securityNote":
    "Security emails such as verification codes and password resets are always sent at once.",
  "notifications.quiet.title": "Quiet hours",
  "notifications.quiet.lead":
    "Pushes and emails that come up during these hours wait and are sent when they end.",
  "notifications.quiet.enabled": "Use quiet hours",
  "notifications.quiet.start": "Start",
  "notifications.quiet.end": "End",
  "notifications.quiet.summary": "Every day from {start} to {end}",
  "notifications.quiet.summaryOvernight": "Every day from {start} to {end} the next morning",
  "notifications.quiet.off": "No quiet hours: notifications are sent at any time.",
  "notifications.quiet.timeZone": "Times are Korean time ({zone}).",
  "notifications.quiet.healthNote":
    "Health reminders come at the time set on the schedule, even during quiet hours.",
  "notifications.quiet.save": "Save quiet hours",
  "notifications.quiet.saved": "Quiet hours saved.",
  "notifications.quiet.required": "Enter a time.",
  "notifications.quiet.format": "Enter a time between 00:00 and 23:59.",
  "notifications.quiet.same":
    "With the same start and end there are no quiet hours. To stop using them, turn the switch off.",
  "notifications.digest.title": "Community digest",
  "notifications.digest.label": "Community emails once a day",
  "notifications.digest.hint": "Get community emails gathered into one a day (at 8 am).",
  "notifications.digest.emailOff": "Community emails are off, so no digest is sent either for now.",
  "notifications.push.title": "Push on this device",
  "notifications.push.lead":
    "Pushes go to every device you turn them on for. Which categories push is set above.",
  "notifications.push.turnOn": "Get push notifications on this device",
  "notifications.push.turnOff": "Turn off",
  "notifications.push.on": "This device gets push notifications.",
  "notifications.push.turnedOn": "Push notifications are on for this device.",
  "notifications.push.turnedOff": "Push notifications are off for this device.",
  "notifications.push.unsupported":
    "This browser does not support push notifications. Recent Chrome, Edge and Firefox do; on iPhone and iPad, add PetFul to your home screen first.",
  "notifications.push.denied":
    "Notifications from PetFul are blocked in this browser. Allow them in the site settings next to the address bar, then try again.",
  "notifications.push.dismissed":
    "Push notifications need your permission. Press again and allow them.",
  "notifications.push.failed":
    "This device could not be registered with its push service. Please try again shortly.",
  "notifications.push.notOn": "Push notifications were not turned on. {reason}",
  "notifications.push.notOff": "Push notifications were not turned off. {reason}",
  "notifications.push.devices": "Devices that get pushes",
  "notifications.push.noDevices": "No device gets push notifications yet.",
  "notifications.push.thisDevice": "This device",
  "notifications.push.since": "Since {date}",
  "notifications.push.remove": "Remove",
  "notifications.push.removeNamed": "Stop pushes to {device}",
  "notifications.push.removed": "{device} no longer gets pushes.",
  "notifications.unsubscribe.title": "Unsubscribe",
  "notifications.unsubscribe.question": "Stop {category} notification emails?",
  "notifications.unsubscribe.detail":
    "We will no longer email you about {category}. Your notifications list and pushes stay as they are.",
  "notifications.unsubscribe.confirm": "Unsubscribe",
  "notifications.unsubscribe.done": "We no longer send {category} notification emails.",
  "notifications.unsubscribe.doneDetail":
    "You can turn them back on in the notification settings at any time, once you log in.",
  "notifications.unsubscribe.toSettings": "Go to notification settings",
  "notifications.unsubscribe.unknown": "This unsubscribe link does not work",
  "notifications.unsubscribe.unknownDetail":
    "The link is cut off or wrong. Open it from the email again, or log in and turn emails off in the notification settings.",
};
