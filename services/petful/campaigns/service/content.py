"""Selection, shipping and content: the advertiser picks applicants and ships products, the
PetStar submits a post, the service checks it against the campaign (again after each sync
of their Instagram account) and the advertiser reviews it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Applicant, Campaign, Submission
from petful.campaigns.rules import ApplicantStatus, Phase
from petful.campaigns.rules.applicants import ApplicantEvent
from petful.campaigns.rules.checklist import ChecklistStatus, PostFacts, content_checklist
from petful.campaigns.rules.fields import (
    CARRIER_MAX,
    TRACKING_MAX,
    normalize_permalink,
    permalink_shortcode,
)
from petful.campaigns.rules.schedule import content_deadline
from petful.campaigns.service.ports import PetPort, PostPort
from petful.campaigns.service.shared import (
    ADVERTISERS_ONLY,
    DEFAULT_GRACE_DAYS,
    ApplicantView,
    announce,
    complete_if_done,
    move_applicant,
    own_campaign,
    owned_by_advertiser,
    owned_by_petstar,
    view,
)
from petful.platform.auth_context import Principal, Role, require_role
from petful.platform.errors import DomainError, FailedPrecondition
from petful.platform.validation import Violations, check_line, check_reason

# --- selection and shipping ------------------------------------------------------------------


async def select_applicant(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str
) -> ApplicantView:
    """APPLIED -> SELECTED during SELECTING, never beyond the headcount (checked under the
    campaign's row lock; the table's check constraint backs it up)."""
    c, a = await owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum is not Phase.SELECTING:
        raise FailedPrecondition("applicants are selected after recruitment closes")
    if a.status_enum is ApplicantStatus.APPLIED and c.selected_count >= c.headcount:
        raise FailedPrecondition(f"the headcount of {c.headcount} is already selected")
    await move_applicant(session, c, a, ApplicantEvent.SELECT, now)
    return await view(session, a)


async def unselect_applicant(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str
) -> ApplicantView:
    c, a = await owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum is not Phase.SELECTING:
        raise FailedPrecondition("the selection can change only until it is announced")
    await move_applicant(session, c, a, ApplicantEvent.UNSELECT, now)
    return await view(session, a)


async def confirm_selection(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str
) -> Campaign:
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c = await own_campaign(session, user_id, campaign_id)
    if c.phase_enum is Phase.SELECTING and c.selected_count == 0:
        raise FailedPrecondition("select at least one applicant before announcing")
    await announce(session, c, now)
    return c


async def ship_applicant(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    applicant_id: str,
    carrier: str,
    tracking_number: str,
) -> ApplicantView:
    v = Violations()
    clean_carrier = v.check("carrier", check_line, carrier, max_len=CARRIER_MAX)
    clean_tracking = v.check("tracking_number", check_line, tracking_number, max_len=TRACKING_MAX)
    v.raise_if_any("the shipment has invalid fields")
    c, a = await owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum not in (Phase.ANNOUNCED, Phase.IN_PROGRESS):
        raise FailedPrecondition("products are shipped after the announcement")
    # Set first: the shipment's event (the PetStar's notification) carries them.
    a.carrier, a.tracking_number, a.shipped_at = clean_carrier, clean_tracking, now
    await move_applicant(session, c, a, ApplicantEvent.SHIP, now)
    await repository.flush(session)
    return await view(session, a)


# --- content ---------------------------------------------------------------------------------


async def submit_content(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    applicant_id: str,
    post_url: str,
    pets: PetPort,
    posts: PostPort,
    tz: tzinfo,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> ApplicantView:
    v = Violations()
    url = v.check("post_url", normalize_permalink, post_url)
    v.raise_if_any("the submission has invalid fields")
    c, a = await owned_by_petstar(session, actor, applicant_id)
    if c.phase_enum not in (Phase.IN_PROGRESS, Phase.REVIEWING):
        raise FailedPrecondition("content is submitted during the activity period")
    if now >= content_deadline(c.schedule, grace_days):
        raise FailedPrecondition("the content deadline has passed")
    await move_applicant(session, c, a, ApplicantEvent.SUBMIT_CONTENT, now)
    a.post_url = url
    await repository.add(
        session, Submission(id=uuid.uuid4(), applicant_id=a.id, url=url, submitted_at=now)
    )
    pet = await pets.get_pet(str(a.pet_id))
    account = pet.instagram_account_id if pet else ""
    username = pet.instagram_username if pet else ""
    await _check_content(session, c, a, account, username, posts, now, tz, grace_days)
    return await view(session, a)


async def _check_content(
    session: AsyncSession,
    c: Campaign,
    a: Applicant,
    account_id: str,
    username: str,
    posts: PostPort,
    now: datetime,
    tz: tzinfo,
    grace_days: int,
) -> None:
    """Check the submitted post against the campaign and store the result for both sides.

    A post the sns service has not seen yet stays PENDING; the next sync of the account
    checks it again (`recheck_account`). Figures of a found post feed the results.
    """
    base: dict[str, Any] = {
        "account_id": account_id,
        "username": username,
        "url": a.post_url,
        "checked_at": now.isoformat(),
        "items": [],
    }
    if not account_id:
        a.checklist = {
            **base,
            "status": ChecklistStatus.UNAVAILABLE.value,
            "reason": "the pet has no linked Instagram account to check against",
        }
    else:
        try:
            post = await posts.find_post(account_id, a.post_url or "")
        except DomainError as e:
            post, reason = None, f"the Instagram service could not answer ({e.title})"
        else:
            reason = "Instagram has not shown this post yet; it is checked again after sync"
        if post is None:
            a.checklist = {**base, "status": ChecklistStatus.PENDING.value, "reason": reason}
        else:
            status, items = content_checklist(
                post,
                tz=tz,
                username=username,
                hashtags=c.hashtags,
                keywords=c.keywords,
                schedule=c.schedule,
                grace_days=grace_days,
            )
            a.checklist = {**base, "status": status.value, "items": items}
            a.likes, a.comments = post.like_count, post.comments_count
    await repository.flush(session)


@dataclass(frozen=True)
class SyncedPosts:
    """The posts a sync of one account carried (`sns.account.synced`), by shortcode, in
    front of the sns read.

    The event carries only the newest posts of sns's metrics window (at most
    `RECENT_POSTS_MAX`), so a submitted post missing from it is still asked of sns: it may
    be older than what the event holds (a post from before the activity period, which the
    check must flag, or a finished campaign's post whose figures the results keep current)
    or simply not on Instagram yet (then sns answers NOT_FOUND and the check stays PENDING).
    """

    recent: Mapping[str, PostFacts]
    sns: PostPort

    async def find_post(self, account_id: str, url: str) -> PostFacts | None:
        found = self.recent.get(permalink_shortcode(url))
        if found is not None:
            return found
        return await self.sns.find_post(account_id, url)


async def recheck_account(
    session: AsyncSession,
    *,
    account_id: str,
    username: str,
    now: datetime,
    posts: PostPort,
    tz: tzinfo,
    grace_days: int,
) -> int:
    """After a sync of account_id: re-check its submitted posts and refresh their figures."""
    applicants = await repository.applicants_checked_on(session, account_id)
    for a in applicants:
        c = await repository.get_campaign(session, a.campaign_id)
        if c is None or not a.post_url:
            continue
        await _check_content(session, c, a, account_id, username, posts, now, tz, grace_days)
    return len(applicants)


async def review_content(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    applicant_id: str,
    approve: bool,
    reason: str = "",
) -> ApplicantView:
    """CONTENT_SUBMITTED -> APPROVED (COMPLETED at once after the activity end) or
    REVISION_REQUESTED with a reason."""
    v = Violations()
    clean_reason = None if approve else v.check("reason", check_reason, reason)
    v.raise_if_any("the review has invalid fields")
    c, a = await owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum not in (Phase.IN_PROGRESS, Phase.REVIEWING):
        raise FailedPrecondition("content is reviewed during the activity and review period")
    pending = await repository.pending_submission(session, a.id)
    event = ApplicantEvent.APPROVE_CONTENT if approve else ApplicantEvent.REQUEST_REVISION
    await move_applicant(session, c, a, event, now, reason=clean_reason)
    if pending is not None:
        pending.decision = a.status
        pending.reason = clean_reason
        pending.decided_at = now
    if approve and c.phase_enum is Phase.REVIEWING:
        await move_applicant(session, c, a, ApplicantEvent.COMPLETE, now)
        await complete_if_done(session, c, now)
    await repository.flush(session)
    return await view(session, a)
