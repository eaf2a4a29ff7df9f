// The notifications area's API shapes, from the generated client (named by their routes, so
// a renamed schema in the edge does not ripple through the pages).
import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Answer<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: infer R };
}
  ? Json<R>
  : never;

type ListPath = paths["/api/v1/notifications"];

export type NotificationPage = Answer<ListPath["get"], 200>;
/** One notification (also the `data` of a stream event). */
export type Notification = NotificationPage["items"][number];
export type UnreadCount = Answer<paths["/api/v1/notifications/unread-count"]["get"], 200>;
export type ReadAll = Answer<paths["/api/v1/notifications/read-all"]["post"], 200>;
export type NotificationListQuery = NonNullable<ListPath["get"]["parameters"]["query"]>;
export type Category = NonNullable<NotificationListQuery["category"]>;

// --- settings, unsubscribe links, web push --------------------------------------------------

type SettingsPath = paths["/api/v1/notifications/settings"];
type Body<Operation> = Operation extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? NonNullable<B>
  : never;

/** Where my notifications go besides the inbox (which always gets them). */
export type NotificationSettings = Answer<SettingsPath["get"], 200>;
/** What to change (what is left out stays). */
export type SettingsChange = Body<SettingsPath["patch"]>;
/** One category on one channel, on or off. */
export type ChannelSetting = NotificationSettings["channels"][number];
export type Channel = ChannelSetting["channel"];
export type QuietHours = NotificationSettings["quiet_hours"];

/** Which category's mail an unsubscribe link stops. */
export type UnsubscribeLink = Answer<paths["/api/v1/public/unsubscribe/{token}"]["get"], 200>;

type PushPath = paths["/api/v1/notifications/push/subscriptions"];
export type PushDevices = Answer<PushPath["get"], 200>;
/** One browser of mine that gets pushes (the DOM has its own `PushSubscription`). */
export type PushDevice = PushDevices["items"][number];
export type NewPushDevice = Body<PushPath["put"]>;
export type VapidKey = Answer<paths["/api/v1/notifications/push/key"]["get"], 200>;
