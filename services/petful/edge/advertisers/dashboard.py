"""The advertiser's dashboard figures, gathered at the edge from the campaigns service.

An advertiser runs a handful of campaigns at a time, so the edge reads all of them (page by
page) and counts the applicants waiting on the advertiser per campaign with the service's
own status filter, instead of a dedicated RPC. The summing and the week's deadlines are
pure (`summarize`), so they are tested without a server.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel

from petful.edge import clients
from petful.edge.advertisers.schemas import ProfileStatus
from petful.edge.campaigns.schemas import Campaign, Phase, applicant_status_value
from petful.pb.campaigns.v1 import campaigns_pb2 as pb

DeadlineKind = Literal["recruit_end", "announce_at", "activity_end"]

# Which applicants wait for the advertiser in which phases: applications to choose from
# while recruiting or selecting, posts to review while the activity runs or is reviewed.
APPLICATIONS_PHASES = frozenset({"RECRUITING", "SELECTING"})
POSTS_PHASES = frozenset({"IN_PROGRESS", "REVIEWING"})
# A deadline belongs to the phase that ends at it: past that phase it is no longer news.
DEADLINE_PHASES: dict[DeadlineKind, frozenset[str]] = {
    "recruit_end": frozenset({"RECRUITING"}),
    "announce_at": frozenset({"RECRUITING", "SELECTING"}),
    "activity_end": frozenset({"ANNOUNCED", "IN_PROGRESS"}),
}
WEEK = timedelta(days=7)
_PAGE = 100


class Deadline(BaseModel):
    campaign_id: str
    title: str
    kind: DeadlineKind
    at: datetime


class CampaignFigures(BaseModel):
    campaigns_by_phase: dict[Phase, int]
    applications_waiting: int
    posts_waiting: int
    # The next seven days' deadlines, soonest first.
    deadlines: list[Deadline]


class Dashboard(CampaignFigures):
    """What an approved advertiser sees first: the company and its campaigns' figures."""

    user_id: str
    company_name: str
    status: ProfileStatus


def summarize(
    campaigns: Sequence[Campaign], waiting: dict[str, int], posts: dict[str, int], now: datetime
) -> CampaignFigures:
    """The figures of `campaigns`, given the per-campaign counts of applications and posts
    waiting (by campaign id) and the time now."""
    deadlines = [
        Deadline(campaign_id=c.id, title=c.title, kind=kind, at=at)
        for c in campaigns
        for kind, phases in DEADLINE_PHASES.items()
        if c.phase in phases and (at := getattr(c, kind)) is not None and now <= at < now + WEEK
    ]
    return CampaignFigures(
        campaigns_by_phase=dict(Counter(c.phase for c in campaigns)),
        applications_waiting=sum(waiting.values()),
        posts_waiting=sum(posts.values()),
        deadlines=sorted(deadlines, key=lambda d: d.at),
    )


async def _my_campaigns() -> list[Campaign]:
    """Every campaign of the advertiser, the archived ones too (they count in the phases)."""
    out: list[Campaign] = []
    for archived in (False, True):
        cursor = ""
        while True:
            r = await clients.campaigns().ListMyCampaigns(
                pb.ListMyCampaignsRequest(page_size=_PAGE, cursor=cursor, archived=archived)
            )
            out.extend(Campaign.from_pb(c) for c in r.items)
            if not r.next_cursor:
                break
            cursor = r.next_cursor
    return out


async def _count_applicants(campaign_id: str, status: str) -> int:
    count = 0
    cursor = ""
    while True:
        r = await clients.campaigns().ListApplicants(
            pb.ListApplicantsRequest(
                campaign_id=campaign_id,
                status=applicant_status_value(status),
                page_size=_PAGE,
                cursor=cursor,
            )
        )
        count += len(r.items)
        if not r.next_cursor:
            return count
        cursor = r.next_cursor


async def campaign_figures(now: datetime) -> CampaignFigures:
    campaigns = await _my_campaigns()
    waiting = {
        c.id: await _count_applicants(c.id, "APPLIED")
        for c in campaigns
        if c.phase in APPLICATIONS_PHASES
    }
    posts = {
        c.id: await _count_applicants(c.id, "CONTENT_SUBMITTED")
        for c in campaigns
        if c.phase in POSTS_PHASES
    }
    return summarize(campaigns, waiting, posts, now)
