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
