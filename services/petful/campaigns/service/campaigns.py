"""Campaigns: the advertiser writes, submits and cancels them; admins review them; anyone
browses the public ones."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Campaign
from petful.campaigns.rules import Phase, Species, TransitionError
from petful.campaigns.rules.browsing import (
    TAB_PHASES,
    Sort,
    Tab,
    decode_popular_cursor,
    encode_popular_cursor,
)
from petful.campaigns.rules.fields import check_search
from petful.campaigns.rules.phases import CampaignEvent, check_edit, next_phase
from petful.campaigns.rules.schedule import schedule_violations
from petful.campaigns.service.campaign_input import (
    EDITABLE_FIELDS,
    CampaignInput,
    validate_campaign,
)
from petful.campaigns.service.images import check_images
from petful.campaigns.service.ports import AdvertiserPort
from petful.campaigns.service.shared import (
    ADMINS_ONLY,
    ADVERTISERS_ONLY,
    can_see,
    cancel_with_applicants,
    conflict,
    move_campaign,
    own_campaign,
)
from petful.platform.auth_context import Principal, Role, caller_id, is_admin, require_role
from petful.platform.errors import FailedPrecondition, NotFound, PermissionDenied
from petful.platform.paging import (
    Page,
    check_page_size,
    decode_cursor,
    encode_cursor,
    page_of,
    paging,
)
from petful.platform.validation import (
    Violations,
    check_idempotency_key,
    check_reason,
    uuid_field,
)


async def _require_approved(advertisers: AdvertiserPort, user_id: uuid.UUID) -> str:
    """The advertiser's company name, once the advertisers service approved the profile."""
    approval = await advertisers.approval(str(user_id))
    if not approval.approved:
        raise PermissionDenied("your advertiser account is not approved yet")
    return approval.company_name


# --- the advertiser ---------------------------------------------------------------------------


async def create_campaign(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: CampaignInput,
    advertisers: AdvertiserPort,
    idempotency_key: str = "",
) -> Campaign:
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    v = Violations()
    key = v.check("idempotency_key", check_idempotency_key, idempotency_key)
    v.raise_if_any()
    if key:
        existing = await repository.by_idempotency_key(session, user_id, key)
        if existing is not None:
            return existing
    clean = validate_campaign(data)
    company = await _require_approved(advertisers, user_id)
    await check_images(session, user_id, clean["image_media_ids"])
    c = Campaign(
        id=uuid.uuid4(),
        advertiser_user_id=user_id,
        company_name=company,
        phase=Phase.DRAFT.value,
        phase_reason=None,
        applicant_count=0,
        selected_count=0,
        created_at=now,
        updated_at=now,
        idempotency_key=key or None,
        **clean,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, c)
    except IntegrityError:
        # A concurrent create with the same key won: answer with its campaign.
        existing = await repository.by_idempotency_key(session, user_id, key)
        if existing is None:
            raise
        return existing
    return c


async def update_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, data: CampaignInput
) -> Campaign:
    """Replace the fields. DRAFT/REJECTED: anything; RECRUITING: non-material fields only."""
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c = await own_campaign(session, user_id, campaign_id)
    try:
        check_edit(c.phase_enum, ())  # phases that allow no edit at all, first
    except TransitionError as e:
        raise conflict(e) from None
    clean = validate_campaign(data, previous_hashtags=c.hashtags)
    await check_images(session, c.advertiser_user_id, clean["image_media_ids"])
    changed = {name for name in EDITABLE_FIELDS if getattr(c, name) != clean[name]}
    try:
        check_edit(c.phase_enum, changed)
    except TransitionError as e:
        raise conflict(e) from None
    for name in changed:
        setattr(c, name, clean[name])
    c.updated_at = now
    await repository.flush(session)
    return c


async def submit_campaign(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    advertisers: AdvertiserPort,
) -> Campaign:
    """DRAFT/REJECTED -> PENDING_REVIEW; every date must still be in the future."""
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    company = await _require_approved(advertisers, user_id)
    c = await own_campaign(session, user_id, campaign_id)
    try:
        next_phase(c.phase_enum, CampaignEvent.SUBMIT)
    except TransitionError as e:
        raise conflict(e) from None
    violations = schedule_violations(c.schedule, now=now)
    if violations:
        v = Violations()
        for name, reason in violations:
            v.add(name, reason)
        v.raise_if_any("the campaign's dates must all be in the future")
    c.company_name = company
    c.submitted_at = now
    await move_campaign(session, c, CampaignEvent.SUBMIT, now)
    return c


async def cancel_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, reason: str
) -> Campaign:
    """The advertiser before the announcement, an admin any time before the end. Every
    unfinished application is cancelled with it."""
    user_id = caller_id(actor)
    admin = is_admin(actor)
    if not admin:
        require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    v = Violations()
    clean_reason = v.check("reason", check_reason, reason)
    v.raise_if_any("the cancellation has invalid fields")
    c = await own_campaign(session, user_id, campaign_id, admin_ok=admin)
    event = CampaignEvent.CANCEL_BY_ADMIN if admin else CampaignEvent.CANCEL_BY_ADVERTISER
    await cancel_with_applicants(session, c, event, now, reason=clean_reason)
    return c


# --- browsing ----------------------------------------------------------------------------------


async def get_campaign(session: AsyncSession, *, actor: Principal, campaign_id: str) -> Campaign:
    """Public once approved; drafts only for their advertiser and admins."""
    c = await repository.get_campaign(session, uuid_field("campaign_id", campaign_id))
    if c is None or not can_see(actor, c):
        raise NotFound("campaign not found")
    return c


def _sort_cursor(sort: Sort, raw: str) -> tuple[object, datetime, uuid.UUID] | None:
    if sort is Sort.POPULAR:
        return decode_popular_cursor(raw)
    decoded = decode_cursor(raw)
    return None if decoded is None else (None, decoded[0], decoded[1])


def _next_sort_cursor(sort: Sort, last: Campaign) -> str:
    if sort is Sort.POPULAR:
        return encode_popular_cursor(last.applicant_count, last.created_at, last.id)
    if sort is Sort.DEADLINE:
        return encode_cursor(last.recruit_end, last.id)
    return encode_cursor(last.created_at, last.id)


async def list_campaigns(
    session: AsyncSession,
    *,
    actor: Principal,
    tab: Tab = Tab.RECRUITING,
    query: str = "",
    sort: Sort = Sort.NEWEST,
    species: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Campaign]:
    """PetStar browsing. The applied tab lists campaigns the caller's pets applied to."""
    applied_by = caller_id(actor) if tab is Tab.APPLIED else None
    v = Violations()
    clean_query = v.check("query", check_search, query)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", _sort_cursor, sort, cursor)
    if species and species not in Species.__members__:
        v.add("species", "is not a known species")
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_campaigns(
        session,
        phases=TAB_PHASES[tab],
        query=clean_query,
        species=species,
        applied_by=applied_by,
        sort=sort,
        cursor=after,
        limit=size + 1,
    )
    return page_of(rows, size, cursor_of=lambda last: _next_sort_cursor(sort, last))


# --- administration ----------------------------------------------------------------------------


def _submitted_cursor(last: Campaign) -> str:
    # Every campaign in the queue was submitted; "" would only end the paging early.
    return "" if last.submitted_at is None else encode_cursor(last.submitted_at, last.id)


async def review_queue(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page[Campaign]:
    require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    size, after = paging(page_size, cursor)
    rows = await repository.review_queue(session, cursor=after, limit=size + 1)
    return page_of(rows, size, cursor_of=_submitted_cursor)


async def count_by_phase(session: AsyncSession, *, actor: Principal) -> list[tuple[Phase, int]]:
    """Every phase that has campaigns with its count, in the phases' own order."""
    require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    counts = await repository.count_by_phase(session)
    return [(phase, counts[phase.value]) for phase in Phase if counts.get(phase.value)]


async def approve_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str
) -> Campaign:
    admin_id = require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    c = await own_campaign(session, admin_id, campaign_id, admin_ok=True)
    if c.phase_enum is Phase.PENDING_REVIEW and now >= c.recruit_end:
        raise FailedPrecondition(
            "the recruitment period has already ended; the advertiser must change the dates"
        )
    c.approved_at = now
    await move_campaign(session, c, CampaignEvent.APPROVE, now)
    return c


async def reject_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, reason: str
) -> Campaign:
    admin_id = require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    v = Violations()
    clean_reason = v.check("reason", check_reason, reason)
    v.raise_if_any("the decision has invalid fields")
    c = await own_campaign(session, admin_id, campaign_id, admin_ok=True)
    await move_campaign(session, c, CampaignEvent.REJECT, now, reason=clean_reason)
    return c
