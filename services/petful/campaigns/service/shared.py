"""What every part of the service shares: the state moves (each writes its event in the
same transaction), the lookups with their access rules, and the applicant view."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Applicant, Campaign, Submission
from petful.campaigns.rules import ApplicantStatus, Phase, TransitionError
from petful.campaigns.rules.applicants import (
    ACTIVE_STATUSES,
    SELECTED_STATUSES,
    ApplicantEvent,
    completion_due,
    next_status,
)
from petful.campaigns.rules.phases import PRIVATE_PHASES, CampaignEvent, next_phase
from petful.contracts import campaigns as contract
from petful.platform import outbox
from petful.platform.auth_context import Principal, Role, is_admin, require_role
from petful.platform.errors import FailedPrecondition, NotFound
from petful.platform.validation import uuid_field

SCHEMA = "campaigns"
Clock = Callable[[], datetime]
DEFAULT_GRACE_DAYS = 3
DEFAULT_TZ = ZoneInfo("Asia/Seoul")

# What require_role answers each kind of caller who lacks the role.
ADVERTISERS_ONLY = "only advertisers manage campaigns"
PET_OWNERS_ONLY = "only pet owners apply to campaigns"
ADMINS_ONLY = "only administrators may do this"


def utc_now() -> datetime:
    return datetime.now(UTC)


def optional_caller(actor: Principal) -> uuid.UUID | None:
    """The signed-in caller's id; None for anonymous (and service) callers."""
    if not actor.is_authenticated:
        return None
    try:
        return uuid.UUID(actor.user_id or "")
    except ValueError:
        return None


def conflict(e: TransitionError) -> FailedPrecondition:
    return FailedPrecondition(e.reason)


# --- state moves -----------------------------------------------------------------------------


async def move_campaign(
    session: AsyncSession,
    c: Campaign,
    event: CampaignEvent,
    now: datetime,
    *,
    reason: str | None = None,
) -> None:
    try:
        phase = next_phase(c.phase_enum, event)
    except TransitionError as e:
        raise conflict(e) from None
    c.phase = phase.value
    c.updated_at = now
    if phase in (Phase.REJECTED, Phase.CANCELLED):
        c.phase_reason = reason
    elif phase is Phase.PENDING_REVIEW:
        c.phase_reason = None
    await repository.flush(session)
    payload = contract.CampaignChanged(
        campaign_id=c.id,
        title=c.title,
        advertiser_user_id=c.advertiser_user_id,
        phase=phase.value,
        reason=reason or "",
    )
    await outbox.add_event(session, SCHEMA, contract.CAMPAIGN_BY_PHASE[phase], payload, now=now)


async def applicant_event(
    session: AsyncSession, c: Campaign, a: Applicant, now: datetime, *, reason: str | None = None
) -> None:
    """The event of the status a has just entered (the notification's whole source)."""
    payload = contract.ApplicantChanged(
        campaign_id=c.id,
        campaign_title=c.title,
        company_name=c.company_name,
        advertiser_user_id=c.advertiser_user_id,
        applicant_id=a.id,
        pet_id=a.pet_id,
        pet_name=a.pet_name,
        owner_user_id=a.owner_user_id,
        status=a.status,
        reason=reason or "",
        carrier=a.carrier or "",
        tracking_number=a.tracking_number or "",
    )
    topic = contract.APPLICANT_BY_STATUS[a.status]
    await outbox.add_event(session, SCHEMA, topic, payload, now=now)


async def move_applicant(
    session: AsyncSession,
    c: Campaign,
    a: Applicant,
    event: ApplicantEvent,
    now: datetime,
    *,
    reason: str | None = None,
) -> None:
    try:
        status = next_status(a.status_enum, event, campaign_type=c.type_enum)
    except TransitionError as e:
        raise conflict(e) from None
    was_selected = a.status_enum in SELECTED_STATUSES
    a.status = status.value
    a.updated_at = now
    # The reason of the latest move that had one (a revision request, a cancellation of
    # the campaign, the owner leaving), shown to both sides; new content answers a request.
    if reason is not None:
        a.status_reason = reason
    elif event is ApplicantEvent.SUBMIT_CONTENT:
        a.status_reason = None
    c.selected_count += int(status in SELECTED_STATUSES) - int(was_selected)
    await repository.flush(session)
    await applicant_event(session, c, a, now, reason=reason)


async def cancel_with_applicants(
    session: AsyncSession, c: Campaign, event: CampaignEvent, now: datetime, *, reason: str
) -> None:
    """c -> CANCELLED by event; every unfinished application is cancelled with it, each with
    its event carrying the reason (the applicants' notice)."""
    await move_campaign(session, c, event, now, reason=reason)
    for a in await repository.campaign_applicants(
        session, c.id, statuses=ACTIVE_STATUSES, for_update=True
    ):
        await move_applicant(session, c, a, ApplicantEvent.CAMPAIGN_CANCELLED, now, reason=reason)


async def complete_approved(session: AsyncSession, c: Campaign, now: datetime) -> int:
    """APPROVED -> COMPLETED for every applicant of c; how many."""
    approved = await repository.campaign_applicants(
        session, c.id, statuses=[ApplicantStatus.APPROVED], for_update=True
    )
    for a in approved:
        await move_applicant(session, c, a, ApplicantEvent.COMPLETE, now)
    return len(approved)


async def accept_unreviewed(session: AsyncSession, c: Campaign, now: datetime, why: str) -> int:
    """Posts submitted but never reviewed count as delivered: each is approved (its
    submission records why) and completed. The number of applicants completed."""
    waiting = await repository.campaign_applicants(
        session, c.id, statuses=[ApplicantStatus.CONTENT_SUBMITTED], for_update=True
    )
    for a in waiting:
        submission = await repository.pending_submission(session, a.id)
        if submission is not None:
            submission.decision = ApplicantStatus.APPROVED.value
            submission.reason = why
            submission.decided_at = now
        await move_applicant(session, c, a, ApplicantEvent.APPROVE_CONTENT, now)
        await move_applicant(session, c, a, ApplicantEvent.COMPLETE, now)
    return len(waiting)


async def announce(session: AsyncSession, c: Campaign, now: datetime) -> int:
    """SELECTING -> ANNOUNCED; every applicant not selected becomes NOT_SELECTED."""
    await move_campaign(session, c, CampaignEvent.ANNOUNCE, now)
    rest = await repository.campaign_applicants(
        session, c.id, statuses=[ApplicantStatus.APPLIED], for_update=True
    )
    for a in rest:
        await move_applicant(session, c, a, ApplicantEvent.ANNOUNCE, now)
    return len(rest)


async def complete_if_done(session: AsyncSession, c: Campaign, now: datetime) -> bool:
    """REVIEWING -> COMPLETED once no selected applicant owes anything."""
    statuses = [a.status_enum for a in await repository.campaign_applicants(session, c.id)]
    if c.phase_enum is Phase.REVIEWING and completion_due(statuses):
        await move_campaign(session, c, CampaignEvent.COMPLETE, now)
        return True
    return False


# --- lookups ---------------------------------------------------------------------------------


async def own_campaign(
    session: AsyncSession, user_id: uuid.UUID, campaign_id: str, *, admin_ok: bool = False
) -> Campaign:
    """The campaign locked for update; NOT_FOUND unless user_id owns it (or admin_ok)."""
    cid = uuid_field("campaign_id", campaign_id)
    c = await repository.get_campaign(session, cid, for_update=True)
    if c is None or (c.advertiser_user_id != user_id and not admin_ok):
        raise NotFound("campaign not found")
    return c


def can_see(actor: Principal, c: Campaign) -> bool:
    """Public once approved; drafts only for their advertiser and admins."""
    if c.approved_at is not None and c.phase_enum not in PRIVATE_PHASES:
        return True
    return is_admin(actor) or optional_caller(actor) == c.advertiser_user_id


def manages(actor: Principal, user_id: uuid.UUID, c: Campaign) -> bool:
    """An admin, or the campaign's own advertiser (their applicants, their results)."""
    return is_admin(actor) or (c.advertiser_user_id == user_id and actor.has_role(Role.ADVERTISER))


async def locked_pair(session: AsyncSession, applicant_id: str) -> tuple[Campaign, Applicant]:
    """The applicant's campaign, then the applicant, both locked (campaign first)."""
    aid = uuid_field("applicant_id", applicant_id)
    found = await repository.get_applicant(session, aid)
    if found is None:
        raise NotFound("application not found")
    c = await repository.get_campaign(session, found.campaign_id, for_update=True)
    a = await repository.get_applicant(session, aid, for_update=True)
    if c is None or a is None:
        raise NotFound("application not found")
    return c, a


async def owned_by_advertiser(
    session: AsyncSession, actor: Principal, applicant_id: str
) -> tuple[Campaign, Applicant]:
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c, a = await locked_pair(session, applicant_id)
    if c.advertiser_user_id != user_id:
        raise NotFound("application not found")
    return c, a


async def owned_by_petstar(
    session: AsyncSession, actor: Principal, applicant_id: str
) -> tuple[Campaign, Applicant]:
    user_id = require_role(actor, Role.USER, message=PET_OWNERS_ONLY)
    c, a = await locked_pair(session, applicant_id)
    if a.owner_user_id != user_id:
        raise NotFound("application not found")
    return c, a


# --- the applicant view ----------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantView:
    applicant: Applicant
    campaign_title: str
    submissions: list[Submission] = field(default_factory=list)
    # The pet's record over every campaign: applications COMPLETED and NO_SHOW.
    pet_completed: int = 0
    pet_no_shows: int = 0


async def views(session: AsyncSession, applicants: Sequence[Applicant]) -> list[ApplicantView]:
    titles = await repository.campaign_titles(session, {a.campaign_id for a in applicants})
    subs = await repository.submissions_of(session, [a.id for a in applicants])
    track = await repository.pet_track_records(session, {a.pet_id for a in applicants})
    return [
        ApplicantView(
            a,
            titles.get(a.campaign_id, ""),
            subs[a.id],
            *track.get(a.pet_id, (0, 0)),
        )
        for a in applicants
    ]


async def view(session: AsyncSession, a: Applicant) -> ApplicantView:
    return (await views(session, [a]))[0]
