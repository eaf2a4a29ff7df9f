// The campaign editor's values and the API's body, both ways (pure, tested): lists are
// edited as text (one item a line, or words), dates as Korea's wall-clock time.
import {
  fromSeoulInput,
  hashtags,
  lines,
  SCHEDULE_FIELDS,
  toSeoulInput,
  words,
  type Schedule,
} from "./rules";
import type { Campaign, CampaignIn, Species } from "./types";

export interface EditorValues extends Schedule {
  title: string;
  product_name: string;
  product_description: string;
  product_url: string;
  image_media_ids: string[];
  objective: string;
  missions: string;
  keywords: string;
  hashtags: string;
  requirements: string;
  campaign_type: "DELIVERY" | "VISIT";
  target_species: Species[];
  headcount: number;
  reward_description: string;
  reward_value_krw: number;
  post_retention_days: number;
}

const DAY_MS = 86_400_000;

/** A new campaign's values: the usual shape of a schedule (recruit a week from tomorrow
 * 10:00, announce two days after, two weeks of activity), to adjust rather than type. */
export function newValues(now: Date): EditorValues {
  const tomorrow = toSeoulInput(new Date(now.getTime() + DAY_MS).toISOString()).slice(0, 10);
  const start = Date.parse(`${tomorrow}T10:00:00+09:00`);
  const at = (days: number) => toSeoulInput(new Date(start + days * DAY_MS).toISOString());
  return {
    title: "",
    product_name: "",
    product_description: "",
    product_url: "",
    image_media_ids: [],
    objective: "",
    missions: "",
    keywords: "",
    hashtags: "#광고",
    requirements: "",
    campaign_type: "DELIVERY",
    target_species: [],
    headcount: 5,
    reward_description: "",
    reward_value_krw: 0,
    post_retention_days: 180,
    recruit_start: at(0),
    recruit_end: at(7),
    announce_at: at(9),
    activity_start: at(10),
    activity_end: at(24),
  };
}

export function valuesOf(c: Campaign): EditorValues {
  return {
    title: c.title,
    product_name: c.product_name,
    product_description: c.product_description,
    product_url: c.product_url,
    image_media_ids: c.image_media_ids,
    objective: c.objective,
    missions: c.missions.join("\n"),
    keywords: c.keywords.join(", "),
    hashtags: c.hashtags.join(" "),
    requirements: c.requirements.join("\n"),
    campaign_type: c.campaign_type,
    target_species: c.target_species,
    headcount: c.headcount,
    reward_description: c.reward_description,
    reward_value_krw: c.reward_value_krw,
    post_retention_days: c.post_retention_days,
    recruit_start: toSeoulInput(c.recruit_start),
    recruit_end: toSeoulInput(c.recruit_end),
    announce_at: toSeoulInput(c.announce_at),
    activity_start: toSeoulInput(c.activity_start),
    activity_end: toSeoulInput(c.activity_end),
  };
}

/** The body to send, or null while a date cannot be read (the form shows which). */
export function bodyOf(v: EditorValues): CampaignIn | null {
  const dates = Object.fromEntries(SCHEDULE_FIELDS.map((f) => [f, fromSeoulInput(v[f])]));
  if (SCHEDULE_FIELDS.some((f) => dates[f] === null)) return null;
  return {
    title: v.title.trim(),
    product_name: v.product_name.trim(),
    product_description: v.product_description,
    product_url: v.product_url.trim(),
    image_media_ids: v.image_media_ids,
    objective: v.objective,
    missions: lines(v.missions),
    keywords: words(v.keywords),
    hashtags: hashtags(v.hashtags),
    requirements: lines(v.requirements),
    campaign_type: v.campaign_type,
    target_species: v.target_species,
    headcount: v.headcount,
    reward_description: v.reward_description,
    reward_value_krw: v.reward_value_krw,
    post_retention_days: v.post_retention_days,
    recruit_start: dates.recruit_start as string,
    recruit_end: dates.recruit_end as string,
    announce_at: dates.announce_at as string,
    activity_start: dates.activity_start as string,
    activity_end: dates.activity_end as string,
  };
}
