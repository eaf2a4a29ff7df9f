// The admin console's API shapes, from the generated client (named by their routes, so a
// renamed schema in the edge does not ripple through the pages).
import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Answer<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: infer R };
}
  ? Json<R>
  : never;
type Body<Operation> = Operation extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? NonNullable<B>
  : never;
type Query<Operation> = Operation extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

type UsersPath = paths["/api/v1/admin/users"];
export type UserPage = Answer<UsersPath["get"], 200>;
export type AdminUser = UserPage["items"][number];
export type UserListQuery = Query<UsersPath["get"]>;
export type RoleFilter = NonNullable<UserListQuery["role"]>;
export type StatusFilter = NonNullable<UserListQuery["status"]>;
export type AdminSession = Answer<
  paths["/api/v1/admin/users/{user_id}/sessions"]["get"],
  200
>["items"][number];
export type SuspensionBody = Body<paths["/api/v1/admin/users/{user_id}/suspension"]["post"]>;
export type RoleChangeBody = Body<paths["/api/v1/admin/users/{user_id}/role"]["put"]>;

type AuditPath = paths["/api/v1/admin/audit-log"];
export type AuditPage = Answer<AuditPath["get"], 200>;
export type AuditEntry = AuditPage["items"][number];
export type AuditQuery = Query<AuditPath["get"]>;
export type AuditTargetType = NonNullable<AuditQuery["target_type"]>;

type BroadcastsPath = paths["/api/v1/admin/notifications/broadcasts"];
export type BroadcastDraft = Body<BroadcastsPath["post"]>;
export type Broadcast = Answer<BroadcastsPath["post"], 201>;
export type Audience = BroadcastDraft["audience"];
export type BroadcastPreview = Answer<
  paths["/api/v1/admin/notifications/broadcasts/preview"]["post"],
  200
>;
export type DeadLetterPage = Answer<paths["/api/v1/admin/notifications/dead-letters"]["get"], 200>;
export type DeadLetter = DeadLetterPage["items"][number];
export type DeliveryStats = Answer<paths["/api/v1/admin/notifications/stats"]["get"], 200>;
export type DeliveryCount = DeliveryStats["counts"][number];

export type Dashboard = Answer<paths["/api/v1/admin/dashboard"]["get"], 200>;
export type Phase = Dashboard["campaigns"][number]["phase"];
export type QueueName = keyof Dashboard["queues"];
