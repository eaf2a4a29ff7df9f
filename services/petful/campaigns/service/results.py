"""A campaign's results for its advertiser and admins: the selected applicants, their posts
and figures, the totals and the CSV (the edge's "report" routes serve them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.rules import ApplicantStatus
from petful.campaigns.rules.applicants import SELECTED_STATUSES
from petful.campaigns.rules.results import CampaignResults, ResultRow, render_results_csv
from petful.campaigns.service.shared import DEFAULT_TZ, manages
from petful.platform.auth_context import Principal, caller_id
from petful.platform.errors import NotFound
from petful.platform.validation import uuid_field


@dataclass(frozen=True)
class RenderedResults:
    results: CampaignResults
    csv: str


async def get_results(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    tz: tzinfo = DEFAULT_TZ,
) -> RenderedResults:
    """The campaign's advertiser or an admin; NOT_FOUND for anyone else."""
    user_id = caller_id(actor)
    c = await repository.get_campaign(session, uuid_field("campaign_id", campaign_id))
    if c is None or not manages(actor, user_id, c):
        raise NotFound("campaign not found")
    applicants = await repository.campaign_applicants(session, c.id)
    rows = [
        ResultRow(
            applicant_id=str(a.id),
            pet_id=str(a.pet_id),
            pet_name=a.pet_name,
            owner_user_id=str(a.owner_user_id),
            status=a.status_enum,
            post_url=a.post_url or "",
            likes=a.likes,
            comments=a.comments,
        )
        for a in applicants
        if a.status_enum in SELECTED_STATUSES
    ]
    results = CampaignResults(
        campaign_id=str(c.id),
        title=c.title,
        company_name=c.company_name,
        phase=c.phase_enum,
        reward_value_krw=c.reward_value_krw,
        rows=rows,
        applicants=sum(a.status_enum is not ApplicantStatus.CANCELLED for a in applicants),
    )
    return RenderedResults(results, render_results_csv(results, generated_at=now, tz=tz))
