// The health pages' API shapes, from the generated client types.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type Activity = Schemas["Activity"];
export type ActivityIn = Schemas["ActivityIn"];
export type ActivityPatch = Schemas["ActivityPatch"];
export type MealChangeIn = Schemas["MealChangeIn"];
export type ActivityLevel = ActivityIn["activity_level"];
export type MealType = Schemas["MealIn"]["meal_type"];
export type HealthReport = Schemas["HealthReport"];
export type ReportDay = Schemas["ReportDay"];
export type ReportScores = Schemas["ReportScores"];
