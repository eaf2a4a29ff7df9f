"""The advertiser's campaign fields as received, and their checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from petful.campaigns.rules import CampaignType, fields
from petful.campaigns.rules.schedule import SCHEDULE_FIELDS, Schedule, schedule_violations
from petful.platform.validation import Violations, check_line, check_text

OBJECTIVE_MAX = 1000


@dataclass(frozen=True)
class CampaignInput:
    """The advertiser's fields as received; `validate_campaign` checks and normalises them."""

    title: str = ""
    product_name: str = ""
    product_description: str = ""
    image_media_ids: Sequence[str] = ()
    objective: str = ""
    missions: Sequence[str] = ()
    keywords: Sequence[str] = ()
    hashtags: Sequence[str] = ()
    requirements: Sequence[str] = ()
    product_url: str = ""
    campaign_type: str = ""  # DELIVERY | VISIT
    target_species: Sequence[str] = ()
    headcount: int = 0
    reward_description: str = ""
    reward_value_krw: int = 0
    recruit_start: datetime | None = None
    recruit_end: datetime | None = None
    announce_at: datetime | None = None
    activity_start: datetime | None = None
    activity_end: datetime | None = None
    post_retention_days: int = 0


EDITABLE_FIELDS = (
    "title",
    "product_name",
    "product_description",
    "image_media_ids",
    "objective",
    "missions",
    "keywords",
    "hashtags",
    "requirements",
    "product_url",
    "campaign_type",
    "target_species",
    "headcount",
    "reward_description",
    "reward_value_krw",
    *SCHEDULE_FIELDS,
    "post_retention_days",
)


def validate_campaign(
    data: CampaignInput, *, previous_hashtags: Sequence[str] | None = None
) -> dict[str, Any]:
    """Every field checked at once (InvalidArgument names each bad one); the dates must be
    in order (being in the future is checked at submission)."""
    v = Violations()
    clean: dict[str, Any] = {
        "title": v.check("title", check_line, data.title, max_len=fields.TITLE_MAX),
        "product_name": v.check(
            "product_name", check_line, data.product_name, max_len=fields.PRODUCT_NAME_MAX
        ),
        "product_description": v.check(
            "product_description",
            check_text,
            data.product_description,
            max_len=fields.TEXT_MAX,
            required=True,
        ),
        "image_media_ids": v.check("image_media_ids", fields.check_media_ids, data.image_media_ids),
        "objective": v.check("objective", check_text, data.objective, max_len=OBJECTIVE_MAX),
        "missions": v.check("missions", fields.check_items, data.missions),
        "keywords": v.check(
            "keywords", fields.check_items, data.keywords, max_len=fields.KEYWORD_MAX
        ),
        "hashtags": v.check(
            "hashtags", fields.check_hashtags, data.hashtags, previous=previous_hashtags
        ),
        "requirements": v.check("requirements", fields.check_items, data.requirements),
        "product_url": v.check("product_url", fields.check_product_url, data.product_url),
        "target_species": v.check("target_species", fields.check_species, data.target_species),
        "headcount": v.check("headcount", fields.check_headcount, data.headcount),
        "reward_description": v.check(
            "reward_description",
            check_text,
            data.reward_description,
            max_len=fields.TEXT_MAX,
            required=True,
        ),
        "reward_value_krw": v.check(
            "reward_value_krw", fields.check_reward_value, data.reward_value_krw
        ),
        "post_retention_days": v.check(
            "post_retention_days", fields.check_retention_days, data.post_retention_days
        ),
    }
    if not clean["missions"] and clean["missions"] is not None:
        v.add("missions", "must name at least one mission")
    kind = data.campaign_type.strip().upper()
    if kind not in CampaignType.__members__:
        v.add("campaign_type", "must be DELIVERY or VISIT")
    clean["campaign_type"] = kind
    dates_ok = True
    for name in SCHEDULE_FIELDS:
        value = getattr(data, name)
        if value is None:
            v.add(name, "is required")
            dates_ok = False
        elif value.tzinfo is None:
            v.add(name, "must carry a time zone")
            dates_ok = False
        clean[name] = value
    if dates_ok:
        schedule = Schedule(**{n: clean[n] for n in SCHEDULE_FIELDS})
        for name, reason in schedule_violations(schedule, now=None):
            v.add(name, reason)
    v.raise_if_any("the campaign has invalid fields")
    return clean
