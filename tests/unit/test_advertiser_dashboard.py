"""The advertiser dashboard's figures (petful.edge.advertisers.dashboard.summarize)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from petful.edge.advertisers.dashboard import summarize
from petful.edge.campaigns.schemas import Campaign

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
DAY = timedelta(days=1)


def campaign(cid: str, phase: str, start: timedelta) -> Campaign:
    """A campaign whose recruitment started `start` from now (the demo seed's shape)."""
    s = NOW + start
    fields: dict[str, Any] = {
        "id": cid,
        "advertiser_user_id": "a",
        "company_name": "펫풀",
        "title": f"체험단 {cid}",
        "product_name": "간식",
        "product_description": "",
        "image_media_ids": [],
        "objective": "",
        "missions": [],
        "keywords": [],
        "hashtags": ["#광고"],
        "requirements": [],
        "product_url": "https://petful.dev",
        "campaign_type": "DELIVERY",
        "target_species": ["DOG"],
        "headcount": 3,
        "reward_description": "",
        "reward_value_krw": 0,
        "recruit_start": s,
        "recruit_end": s + 7 * DAY,
        "announce_at": s + 9 * DAY,
        "activity_start": s + 10 * DAY,
        "activity_end": s + 24 * DAY,
        "post_retention_days": 180,
        "phase": phase,
        "phase_reason": None,
        "applicant_count": 0,
        "selected_count": 0,
        "created_at": None,
        "updated_at": None,
        "submitted_at": None,
        "approved_at": None,
        "images": [],
    }
    return Campaign(**fields)


def test_phases_are_counted_and_waiting_counts_summed() -> None:
    campaigns = [
        campaign("a", "RECRUITING", -2 * DAY),
        campaign("b", "RECRUITING", -20 * DAY),
        campaign("c", "DRAFT", 10 * DAY),
    ]
    figures = summarize(campaigns, {"a": 2, "b": 1}, {"x": 4}, NOW)
    assert figures.campaigns_by_phase == {"RECRUITING": 2, "DRAFT": 1}
    assert (figures.applications_waiting, figures.posts_waiting) == (3, 4)


def test_only_the_coming_weeks_deadlines_of_the_phase_they_end_count() -> None:
    campaigns = [
        # Recruiting since 2 days: its recruitment ends in 5 days, the announcement in 7
        # (a week away exactly: not within it).
        campaign("recruiting", "RECRUITING", -2 * DAY),
        # Selecting: the recruitment end passed; the announcement is in 1 day.
        campaign("selecting", "SELECTING", -8 * DAY),
        # In progress: the activity ends in 4 days.
        campaign("running", "IN_PROGRESS", -20 * DAY),
        # A draft's dates are plans, not deadlines; a cancelled campaign has none.
        campaign("draft", "DRAFT", -2 * DAY),
        campaign("cancelled", "CANCELLED", -2 * DAY),
    ]
    figures = summarize(campaigns, {}, {}, NOW)
    assert [(d.campaign_id, d.kind, d.at - NOW) for d in figures.deadlines] == [
        ("selecting", "announce_at", 1 * DAY),
        ("running", "activity_end", 4 * DAY),
        ("recruiting", "recruit_end", 5 * DAY),
    ]
