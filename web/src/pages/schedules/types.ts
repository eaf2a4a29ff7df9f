// The schedules area's API shapes, from the generated client.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type Schedule = Schemas["Schedule"];
export type ScheduleIn = Schemas["ScheduleIn"];
export type Occurrence = Schemas["Occurrence"];
export type Reminder = Schemas["Reminder"];
export type CalendarFeed = Schemas["CalendarFeed"];
export type ScheduleKind = ScheduleIn["kind"];
export type SubType = ScheduleIn["sub_type"];
export type Frequency = NonNullable<ScheduleIn["frequency"]>;
export type Weekday = NonNullable<ScheduleIn["weekdays"]>[number];
export type LeadMinutes = NonNullable<ScheduleIn["reminder_lead_minutes"]>;
