// The instagram area's shapes, straight from the generated API schema.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type Account = Schemas["Account"];
export type AccountWithMetrics = Schemas["AccountWithMetrics"];
export type AccountStatus = Account["status"];
export type AccountChoice = Schemas["AccountChoice"];
export type LinkCompleteIn = Schemas["LinkCompleteIn"];
export type Analytics = Schemas["Analytics"];
export type FollowerMonth = Schemas["FollowerMonth"];
export type MonthlyInsight = Schemas["MonthlyInsight"];
export type TopPost = Schemas["Post"];
export type ModerationSettings = Schemas["ModerationSettingsOut"];
export type ModerationSettingsIn = Schemas["ModerationSettingsIn"];
export type ModerationStats = Schemas["ModerationStats"];
export type LogEntry = Schemas["LogEntry"];
export type Comment = Schemas["CommentOut"];
export type Sentiment = Comment["sentiment"];
export type Pet = Schemas["Pet"];
