"""The clock-driven steps: recruitment closes, the selection is announced, the activity
starts and ends, and the content deadline settles every selected applicant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Campaign
from petful.campaigns.rules import Phase
from petful.campaigns.rules.applicants import OWES_CONTENT, ApplicantEvent
from petful.campaigns.rules.phases import CampaignEvent
from petful.campaigns.rules.schedule import content_deadline, time_step
from petful.campaigns.service.shared import (
    DEFAULT_GRACE_DAYS,
    accept_unreviewed,
    announce,
    complete_approved,
    complete_if_done,
    move_applicant,
    move_campaign,
)
from petful.platform.auth_context import Principal, Role
from petful.platform.errors import DomainError, PermissionDenied, Unauthenticated

AUTO_APPROVED = "approved automatically: not reviewed by the content deadline"


@dataclass
class AdvanceResult:
    campaigns: int = 0
    applicants: int = 0
    # Campaigns whose step failed (rolled back to their savepoint; retried next run).
    failed: list[str] = field(default_factory=list)


def require_scheduler(actor: Principal) -> None:
    """AdvanceDue: admins and internal callers (Celery) only. Not `require_role`: a service
    principal has no account id to return."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user or service")
    if not actor.has_role(Role.ADMIN, Role.SERVICE):
        raise PermissionDenied("only administrators and internal callers may advance campaigns")


async def _advance_one(
    session: AsyncSession, c: Campaign, now: datetime, grace_days: int
) -> int | None:
    """Every step due for c at now (catching up several); None when nothing was due, else
    the number of applicants changed."""
    changed_applicants = 0
    moved = False
    while True:
        event = time_step(c.phase_enum, c.schedule, now)
        if event is CampaignEvent.ANNOUNCE:
            changed_applicants += await announce(session, c, now)
        elif event is CampaignEvent.END_ACTIVITY:
            await move_campaign(session, c, event, now)
            changed_applicants += await complete_approved(session, c, now)
        elif event is not None:
            await move_campaign(session, c, event, now)
        elif c.phase_enum is Phase.REVIEWING:
            if now >= content_deadline(c.schedule, grace_days):
                # The advertiser had the whole grace period to review; a PetStar who
                # posted in time did their part and completes instead of being a no-show.
                changed_applicants += await accept_unreviewed(session, c, now, AUTO_APPROVED)
                for a in await repository.campaign_applicants(
                    session, c.id, statuses=OWES_CONTENT, for_update=True
                ):
                    await move_applicant(session, c, a, ApplicantEvent.MARK_NO_SHOW, now)
                    changed_applicants += 1
            if not await complete_if_done(session, c, now):
                break
        else:
            break
        moved = True
    return changed_applicants if moved or changed_applicants else None


async def advance_due(
    session: AsyncSession,
    now: datetime,
    *,
    grace_days: int = DEFAULT_GRACE_DAYS,
    batch_size: int = 500,
) -> AdvanceResult:
    """Advance every campaign whose next time step is due at now. Idempotent: a second run
    finds nothing due; concurrent runs skip campaigns another run holds (SKIP LOCKED)."""
    result = AdvanceResult()
    for cid in await repository.due_campaign_ids(session, now, limit=batch_size):
        c = await repository.lock_campaign_skip_locked(session, cid)
        if c is None:
            continue
        try:
            # One campaign's inconsistency must not hold every other campaign back.
            async with session.begin_nested():
                changed = await _advance_one(session, c, now, grace_days)
        except DomainError as e:
            result.failed.append(f"{cid}: {e.detail}")
            continue
        if changed is not None:
            result.campaigns += 1
            result.applicants += changed
    return result
