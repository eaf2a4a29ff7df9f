"""Campaigns: business logic. Receives a session and never commits (the RPC/task boundary
does).

Roles come from the caller's Principal. Other services are reached through the small
`AdvertiserDirectory` / `PetDirectory` interfaces (the servicer passes gRPC-backed ones), so
this module holds no transport code. Every state change goes through `_move_campaign` or
`_move_applicant`, which apply the pure state machine of rules.py and write the outbox event
in the same transaction.

Locking: a campaign row is locked (FOR UPDATE) before any of its applicants, by every
writer; the headcount is checked under that lock, so concurrent selections serialise.
`advance_due` takes campaigns with SKIP LOCKED, so concurrent runs split the work and a run
never waits for a user's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository, rules
from petful.campaigns.models import Applicant, Campaign, Invitation, Submission
from petful.campaigns.rules import (
    ApplicantEvent,
    ApplicantStatus,
    CampaignEvent,
    CampaignType,
    Phase,
    Sort,
    Tab,
    TransitionError,
)
from petful.platform import media, outbox
from petful.platform.auth_context import SERVICE_ROLE, Principal, caller_id
from petful.platform.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from petful.platform.settings import Settings
from petful.platform.validation import (
    Violations,
    check_idempotency_key,
    parse_uuid,
    uuid_field,
)

SCHEMA = "campaigns"
Clock = Callable[[], datetime]
DEFAULT_GRACE_DAYS = 3
DEFAULT_TZ = ZoneInfo("Asia/Seoul")


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- other services ------------------------------------------------------------------------


@dataclass(frozen=True)
class AdvertiserApproval:
    approved: bool
    company_name: str


@dataclass(frozen=True)
class PetInfo:
    id: str
    owner_user_id: str
    name: str
    species: str  # rules.Species value
    petstar_approved: bool
    # The pet's linked Instagram account in the sns service ("" when none).
    instagram_account_id: str = ""
    instagram_username: str = ""


class AdvertiserDirectory(Protocol):
    async def approval(self, user_id: str) -> AdvertiserApproval: ...


class PostDirectory(Protocol):
    async def find_post(self, account_id: str, url: str) -> rules.PostFacts | None:
        """The post as the sns service last synced it; None when it has not seen it."""
        ...


class PetDirectory(Protocol):
    async def get_pet(self, pet_id: str) -> PetInfo | None:
        """The pet as the caller may see it, None when unknown or hidden."""
        ...


# --- callers ---------------------------------------------------------------------------------


def _require(actor: Principal, role: str, what: str) -> uuid.UUID:
    user_id = caller_id(actor)
    if not actor.has_role(role):
        raise PermissionDenied(what)
    return user_id


def _require_advertiser(actor: Principal) -> uuid.UUID:
    return _require(actor, rules.ADVERTISER_ROLE, "only advertisers manage campaigns")


def _require_admin(actor: Principal) -> uuid.UUID:
    return _require(actor, rules.ADMIN_ROLE, "only administrators may do this")


def _require_petstar(actor: Principal) -> uuid.UUID:
    return _require(actor, rules.USER_ROLE, "only pet owners apply to campaigns")


def _is_admin(actor: Principal) -> bool:
    return actor.is_authenticated and actor.has_role(rules.ADMIN_ROLE)


def _optional_caller(actor: Principal) -> uuid.UUID | None:
    if not actor.is_authenticated:
        return None
    try:
        return uuid.UUID(actor.user_id or "")
    except ValueError:
        return None


def _conflict(e: TransitionError) -> FailedPrecondition:
    return FailedPrecondition(e.reason)


async def _require_approved(advertisers: AdvertiserDirectory, user_id: uuid.UUID) -> str:
    approval = await advertisers.approval(str(user_id))
    if not approval.approved:
        raise PermissionDenied("your advertiser account is not approved yet")
    return approval.company_name


# --- campaign fields ---------------------------------------------------------------------------


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
    *rules.SCHEDULE_FIELDS,
    "post_retention_days",
)


def validate_campaign(
    data: CampaignInput, *, previous_hashtags: Sequence[str] | None = None
) -> dict[str, Any]:
    """Every field checked at once (InvalidArgument names each bad one); the dates must be
    in order (being in the future is checked at submission)."""
    v = Violations()
    clean: dict[str, Any] = {
        "title": v.check("title", rules.check_line, data.title, max_len=rules.TITLE_MAX),
        "product_name": v.check(
            "product_name", rules.check_line, data.product_name, max_len=rules.PRODUCT_NAME_MAX
        ),
        "product_description": v.check(
            "product_description",
            rules.check_text,
            data.product_description,
            max_len=rules.TEXT_MAX,
            required=True,
        ),
        "image_media_ids": v.check("image_media_ids", rules.check_media_ids, data.image_media_ids),
        "objective": v.check("objective", rules.check_text, data.objective, max_len=1000),
        "missions": v.check("missions", rules.check_items, data.missions),
        "keywords": v.check(
            "keywords", rules.check_items, data.keywords, max_len=rules.KEYWORD_MAX
        ),
        "hashtags": v.check(
            "hashtags", rules.check_hashtags, data.hashtags, previous=previous_hashtags
        ),
        "requirements": v.check("requirements", rules.check_items, data.requirements),
        "product_url": v.check("product_url", rules.check_http_url, data.product_url),
        "target_species": v.check("target_species", rules.check_species, data.target_species),
        "headcount": v.check("headcount", rules.check_headcount, data.headcount),
        "reward_description": v.check(
            "reward_description",
            rules.check_text,
            data.reward_description,
            max_len=rules.TEXT_MAX,
            required=True,
        ),
        "reward_value_krw": v.check(
            "reward_value_krw", rules.check_reward_value, data.reward_value_krw
        ),
        "post_retention_days": v.check(
            "post_retention_days", rules.check_retention_days, data.post_retention_days
        ),
    }
    if not clean["missions"] and clean["missions"] is not None:
        v.add("missions", "must name at least one mission")
    kind = data.campaign_type.strip().upper()
    if kind not in CampaignType.__members__:
        v.add("campaign_type", "must be DELIVERY or VISIT")
    clean["campaign_type"] = kind
    dates_ok = True
    for name in rules.SCHEDULE_FIELDS:
        value = getattr(data, name)
        if value is None:
            v.add(name, "is required")
            dates_ok = False
        elif value.tzinfo is None:
            v.add(name, "must carry a time zone")
            dates_ok = False
        clean[name] = value
    if dates_ok:
        schedule = rules.Schedule(**{n: clean[n] for n in rules.SCHEDULE_FIELDS})
        for name, reason in rules.schedule_violations(schedule, now=None):
            v.add(name, reason)
    v.raise_if_any("the campaign has invalid fields")
    return clean


# --- events ----------------------------------------------------------------------------------


def _campaign_payload(c: Campaign, reason: str | None = None) -> dict[str, Any]:
    return {
        "campaign_id": str(c.id),
        "title": c.title,
        "advertiser_user_id": str(c.advertiser_user_id),
        "phase": c.phase,
        "reason": reason or "",
    }


async def _move_campaign(
    session: AsyncSession,
    c: Campaign,
    event: CampaignEvent,
    now: datetime,
    *,
    reason: str | None = None,
) -> None:
    try:
        phase = rules.next_phase(c.phase_enum, event)
    except TransitionError as e:
        raise _conflict(e) from None
    c.phase = phase.value
    c.updated_at = now
    if phase in (Phase.REJECTED, Phase.CANCELLED):
        c.phase_reason = reason
    elif phase is Phase.PENDING_REVIEW:
        c.phase_reason = None
    await repository.flush(session)
    await outbox.add_event(
        session, SCHEMA, rules.campaign_topic(phase), _campaign_payload(c, reason), now=now
    )


async def _move_applicant(
    session: AsyncSession,
    c: Campaign,
    a: Applicant,
    event: ApplicantEvent,
    now: datetime,
    *,
    reason: str | None = None,
) -> None:
    try:
        status = rules.next_status(a.status_enum, event, campaign_type=c.type_enum)
    except TransitionError as e:
        raise _conflict(e) from None
    was_selected = a.status_enum in rules.SELECTED_STATUSES
    a.status = status.value
    a.updated_at = now
    if event is ApplicantEvent.REQUEST_REVISION:
        a.status_reason = reason
    elif event is ApplicantEvent.SUBMIT_CONTENT:
        a.status_reason = None
    c.selected_count += int(status in rules.SELECTED_STATUSES) - int(was_selected)
    await repository.flush(session)
    await outbox.add_event(
        session,
        SCHEMA,
        rules.applicant_topic(status),
        {
            "campaign_id": str(c.id),
            "campaign_title": c.title,
            "advertiser_user_id": str(c.advertiser_user_id),
            "applicant_id": str(a.id),
            "pet_id": str(a.pet_id),
            "pet_name": a.pet_name,
            "owner_user_id": str(a.owner_user_id),
            "status": status.value,
            "reason": reason or "",
        },
        now=now,
    )


# --- campaigns: the advertiser ---------------------------------------------------------------


async def _own_campaign(
    session: AsyncSession, user_id: uuid.UUID, campaign_id: str, *, admin_ok: bool = False
) -> Campaign:
    """The campaign locked for update; NOT_FOUND unless user_id owns it (or admin_ok)."""
    cid = uuid_field("campaign_id", campaign_id)
    c = await repository.get_campaign(session, cid, for_update=True)
    if c is None or (c.advertiser_user_id != user_id and not admin_ok):
        raise NotFound("campaign not found")
    return c


async def create_campaign(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: CampaignInput,
    advertisers: AdvertiserDirectory,
    idempotency_key: str = "",
) -> Campaign:
    user_id = _require_advertiser(actor)
    v = Violations()
    key = v.check("idempotency_key", check_idempotency_key, idempotency_key)
    v.raise_if_any()
    if key:
        existing = await repository.by_idempotency_key(session, user_id, key)
        if existing is not None:
            return existing
    clean = validate_campaign(data)
    company = await _require_approved(advertisers, user_id)
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
        existing = await repository.by_idempotency_key(session, user_id, key or "")
        if existing is None:
            raise
        return existing
    return c


async def update_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, data: CampaignInput
) -> Campaign:
    """Replace the fields. DRAFT/REJECTED: anything; RECRUITING: non-material fields only."""
    user_id = _require_advertiser(actor)
    c = await _own_campaign(session, user_id, campaign_id)
    try:
        rules.check_edit(c.phase_enum, ())  # phases that allow no edit at all, first
    except TransitionError as e:
        raise _conflict(e) from None
    clean = validate_campaign(data, previous_hashtags=c.hashtags)
    await _check_images(session, c, clean["image_media_ids"])
    changed = {name for name in EDITABLE_FIELDS if getattr(c, name) != clean[name]}
    try:
        rules.check_edit(c.phase_enum, changed)
    except TransitionError as e:
        raise _conflict(e) from None
    for name in changed:
        setattr(c, name, clean[name])
    c.updated_at = now
    await repository.flush(session)
    return c


CAMPAIGN_IMAGE = "campaign.image"


async def _check_images(session: AsyncSession, c: Campaign, ids: Sequence[str]) -> None:
    """Only images uploaded for this advertiser's campaigns may be listed."""
    parsed: list[uuid.UUID] = []
    for raw in ids:
        try:
            parsed.append(uuid.UUID(raw))
        except ValueError:
            raise _unknown_image() from None
    found = await media.live_media(session, schema=SCHEMA, ids=parsed)
    if any(
        m not in found
        or found[m].owner_id != c.advertiser_user_id
        or found[m].purpose != CAMPAIGN_IMAGE
        for m in parsed
    ):
        raise _unknown_image()


def _unknown_image() -> InvalidArgument:
    return InvalidArgument(
        "unknown image",
        field_violations=[("image_media_ids", "must be images uploaded for your campaigns")],
    )


async def add_campaign_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Campaign:
    user_id = _require_advertiser(actor)
    c = await _own_campaign(session, user_id, campaign_id)
    try:
        rules.check_edit(c.phase_enum, {"image_media_ids"})
    except TransitionError as e:
        raise _conflict(e) from None
    if len(c.image_media_ids) >= rules.IMAGES_MAX:
        reason = f"a campaign holds at most {rules.IMAGES_MAX} images"
        raise FailedPrecondition(reason, field_violations=[("file", reason)])
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=user_id,
        purpose=CAMPAIGN_IMAGE,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    if str(record.id) not in c.image_media_ids:  # the same picture again is deduplicated
        c.image_media_ids = [*c.image_media_ids, str(record.id)]
        c.updated_at = now
        await repository.flush(session)
    return c


async def remove_campaign_image(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, media_id: str
) -> Campaign:
    user_id = _require_advertiser(actor)
    c = await _own_campaign(session, user_id, campaign_id)
    if media_id not in c.image_media_ids:
        raise NotFound("no such image in this campaign")
    try:
        rules.check_edit(c.phase_enum, {"image_media_ids"})
    except TransitionError as e:
        raise _conflict(e) from None
    c.image_media_ids = [m for m in c.image_media_ids if m != media_id]
    c.updated_at = now
    await repository.flush(session)
    await media.discard(session, schema=SCHEMA, media_id=uuid.UUID(media_id), now=now)
    return c


async def campaign_images(
    session: AsyncSession, campaigns: Sequence[Campaign]
) -> dict[str, media.MediaRecord]:
    """The images the campaigns list, by media id, for rendering."""
    ids = [uuid.UUID(m) for c in campaigns for m in c.image_media_ids]
    found = await media.live_media(session, schema=SCHEMA, ids=ids)
    return {str(k): v for k, v in found.items()}


async def submit_campaign(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    advertisers: AdvertiserDirectory,
) -> Campaign:
    """DRAFT/REJECTED -> PENDING_REVIEW; every date must still be in the future."""
    user_id = _require_advertiser(actor)
    company = await _require_approved(advertisers, user_id)
    c = await _own_campaign(session, user_id, campaign_id)
    try:
        rules.next_phase(c.phase_enum, CampaignEvent.SUBMIT)
    except TransitionError as e:
        raise _conflict(e) from None
    violations = rules.schedule_violations(c.schedule, now=now)
    if violations:
        v = Violations()
        for name, reason in violations:
            v.add(name, reason)
        v.raise_if_any("the campaign's dates must all be in the future")
    c.company_name = company
    c.submitted_at = now
    await _move_campaign(session, c, CampaignEvent.SUBMIT, now)
    return c


async def cancel_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, reason: str
) -> Campaign:
    """The advertiser before the announcement, an admin any time before the end. Every
    unfinished application is cancelled with it."""
    user_id = caller_id(actor)
    admin = _is_admin(actor)
    if not admin:
        _require_advertiser(actor)
    v = Violations()
    clean_reason: str | None = v.check("reason", rules.check_reason, reason)
    v.raise_if_any("the cancellation has invalid fields")
    c = await _own_campaign(session, user_id, campaign_id, admin_ok=admin)
    event = CampaignEvent.CANCEL_BY_ADMIN if admin else CampaignEvent.CANCEL_BY_ADVERTISER
    await _move_campaign(session, c, event, now, reason=clean_reason)
    for a in await repository.campaign_applicants(
        session, c.id, statuses=rules.ACTIVE_STATUSES, for_update=True
    ):
        await _move_applicant(
            session, c, a, ApplicantEvent.CAMPAIGN_CANCELLED, now, reason=clean_reason
        )
    return c


def _can_see(actor: Principal, c: Campaign) -> bool:
    if c.approved_at is not None and c.phase_enum not in rules.PRIVATE_PHASES:
        return True
    return _is_admin(actor) or _optional_caller(actor) == c.advertiser_user_id


async def get_campaign(session: AsyncSession, *, actor: Principal, campaign_id: str) -> Campaign:
    """Public once approved; drafts only for their advertiser and admins."""
    c = await repository.get_campaign(session, uuid_field("campaign_id", campaign_id))
    if c is None or not _can_see(actor, c):
        raise NotFound("campaign not found")
    return c


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str = ""


def _sort_cursor(sort: Sort, raw: str) -> tuple[object, datetime, uuid.UUID] | None:
    if sort is Sort.POPULAR:
        return rules.decode_popular_cursor(raw)
    decoded = rules.decode_cursor(raw)
    return None if decoded is None else (None, decoded[0], decoded[1])


def _next_sort_cursor(sort: Sort, last: Campaign) -> str:
    if sort is Sort.POPULAR:
        return rules.encode_popular_cursor(last.applicant_count, last.created_at, last.id)
    if sort is Sort.DEADLINE:
        return rules.encode_cursor(last.recruit_end, last.id)
    return rules.encode_cursor(last.created_at, last.id)


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
) -> Page:
    """PetStar browsing. The applied tab lists campaigns the caller's pets applied to."""
    applied_by = caller_id(actor) if tab is Tab.APPLIED else None
    v = Violations()
    clean_query: str = v.check("query", rules.check_search, query) or ""
    size: int = v.check("page_size", rules.check_page_size, page_size) or 0
    after = v.check("cursor", _sort_cursor, sort, cursor)
    if species and species not in rules.Species.__members__:
        v.add("species", "is not a known species")
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_campaigns(
        session,
        phases=rules.TAB_PHASES[tab],
        query=clean_query,
        species=species,
        applied_by=applied_by,
        sort=sort,
        cursor=after,
        limit=size + 1,
    )
    items = rows[:size]
    more = len(rows) > size and bool(items)
    return Page(items=items, next_cursor=_next_sort_cursor(sort, items[-1]) if more else "")


async def list_my_campaigns(
    session: AsyncSession,
    *,
    actor: Principal,
    phase: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page:
    user_id = _require_advertiser(actor)
    v = Violations()
    if phase and phase not in Phase.__members__:
        v.add("phase", "is not a campaign phase")
    size: int = v.check("page_size", rules.check_page_size, page_size) or 0
    after = v.check("cursor", _sort_cursor, Sort.NEWEST, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_campaigns(
        session,
        phases=[Phase(phase)] if phase else list(Phase),
        advertiser=user_id,
        cursor=after,
        limit=size + 1,
    )
    items = rows[:size]
    more = len(rows) > size and bool(items)
    return Page(items=items, next_cursor=_next_sort_cursor(Sort.NEWEST, items[-1]) if more else "")


# --- campaigns: administration ---------------------------------------------------------------


async def review_queue(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page:
    _require_admin(actor)
    v = Violations()
    size: int = v.check("page_size", rules.check_page_size, page_size) or 0
    after = v.check("cursor", rules.decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.review_queue(session, cursor=after, limit=size + 1)
    items = rows[:size]
    more = len(rows) > size and bool(items)
    last = items[-1] if more else None
    next_cursor = (
        rules.encode_cursor(last.submitted_at, last.id)
        if last is not None and last.submitted_at is not None
        else ""
    )
    return Page(items=items, next_cursor=next_cursor)


async def approve_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str
) -> Campaign:
    admin_id = _require_admin(actor)
    c = await _own_campaign(session, admin_id, campaign_id, admin_ok=True)
    if c.phase_enum is Phase.PENDING_REVIEW and now >= c.recruit_end:
        raise FailedPrecondition(
            "the recruitment period has already ended; the advertiser must change the dates"
        )
    c.approved_at = now
    await _move_campaign(session, c, CampaignEvent.APPROVE, now)
    return c


async def reject_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, reason: str
) -> Campaign:
    admin_id = _require_admin(actor)
    v = Violations()
    clean_reason: str | None = v.check("reason", rules.check_reason, reason)
    v.raise_if_any("the decision has invalid fields")
    c = await _own_campaign(session, admin_id, campaign_id, admin_ok=True)
    await _move_campaign(session, c, CampaignEvent.REJECT, now, reason=clean_reason)
    return c


# --- applicants ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantView:
    applicant: Applicant
    campaign_title: str
    submissions: list[Submission] = field(default_factory=list)


async def _views(session: AsyncSession, applicants: Sequence[Applicant]) -> list[ApplicantView]:
    titles = await repository.campaign_titles(session, {a.campaign_id for a in applicants})
    subs = await repository.submissions_of(session, [a.id for a in applicants])
    return [ApplicantView(a, titles.get(a.campaign_id, ""), subs[a.id]) for a in applicants]


async def _view(session: AsyncSession, a: Applicant) -> ApplicantView:
    return (await _views(session, [a]))[0]


async def _locked_pair(session: AsyncSession, applicant_id: str) -> tuple[Campaign, Applicant]:
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


async def _owned_by_advertiser(
    session: AsyncSession, actor: Principal, applicant_id: str
) -> tuple[Campaign, Applicant]:
    user_id = _require_advertiser(actor)
    c, a = await _locked_pair(session, applicant_id)
    if c.advertiser_user_id != user_id:
        raise NotFound("application not found")
    return c, a


async def _owned_by_petstar(
    session: AsyncSession, actor: Principal, applicant_id: str
) -> tuple[Campaign, Applicant]:
    user_id = _require_petstar(actor)
    c, a = await _locked_pair(session, applicant_id)
    if a.owner_user_id != user_id:
        raise NotFound("application not found")
    return c, a


INVITATION_MESSAGE_MAX = 500


async def invite(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    pet_id: str,
    message: str,
    pets: PetDirectory,
) -> Invitation:
    """The advertiser invites a PetStar (e.g. a recommended one) to apply while recruiting.

    The invitation itself is the notification's source (`campaigns.invitation.sent`);
    inviting the same pet again answers with the first invitation and sends nothing.
    """
    user_id = _require_advertiser(actor)
    v = Violations()
    pid: uuid.UUID | None = v.check("pet_id", parse_uuid, pet_id)
    text: str | None = v.check("message", rules.check_text, message, max_len=INVITATION_MESSAGE_MAX)
    v.raise_if_any("the invitation has invalid fields")
    assert pid is not None
    c = await _own_campaign(session, user_id, campaign_id)
    if not rules.recruiting_open(c.phase_enum, c.schedule, now):
        raise FailedPrecondition("invitations are sent while the campaign is recruiting")
    existing = await repository.invitation_for(session, c.id, pid)
    if existing is not None:
        return existing
    pet = await pets.get_pet(str(pid))
    if pet is None or not pet.petstar_approved:
        raise NotFound("no such PetStar", field_violations=[("pet_id", "is not a PetStar")])
    if pet.species not in c.target_species:
        raise FailedPrecondition(
            f"this campaign is for {', '.join(s.lower() for s in c.target_species)} only",
            field_violations=[("pet_id", "is not a species this campaign targets")],
        )
    invitation = Invitation(
        id=uuid.uuid4(),
        campaign_id=c.id,
        pet_id=pid,
        pet_name=pet.name,
        owner_user_id=uuid.UUID(pet.owner_user_id),
        message=text or "",
        created_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, invitation)
    except IntegrityError:  # a concurrent invite of the same pet won
        found = await repository.invitation_for(session, c.id, pid)
        if found is None:
            raise
        return found
    await outbox.add_event(
        session,
        SCHEMA,
        "campaigns.invitation.sent",
        {
            "invitation_id": str(invitation.id),
            "campaign_id": str(c.id),
            "campaign_title": c.title,
            "company_name": c.company_name,
            "advertiser_user_id": str(c.advertiser_user_id),
            "pet_id": str(pid),
            "pet_name": pet.name,
            "owner_user_id": pet.owner_user_id,
            "message": invitation.message,
        },
        now=now,
    )
    return invitation


async def my_invitations(
    session: AsyncSession, *, actor: Principal
) -> list[tuple[Invitation, Campaign]]:
    """Invitations to the caller's pets for campaigns still recruiting."""
    return await repository.invitations_of_owner(session, _require_petstar(actor))


async def apply(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    pet_id: str,
    note: str,
    pets: PetDirectory,
) -> ApplicantView:
    """One of the caller's approved PetStar pets applies while the campaign is recruiting."""
    user_id = _require_petstar(actor)
    v = Violations()
    cid: uuid.UUID | None = v.check("campaign_id", parse_uuid, campaign_id)
    pid: uuid.UUID | None = v.check("pet_id", parse_uuid, pet_id)
    clean_note: str | None = v.check("note", rules.check_note, note)
    v.raise_if_any("the application has invalid fields")
    assert cid is not None
    assert pid is not None
    assert clean_note is not None
    pet = await pets.get_pet(str(pid))
    if pet is None or pet.owner_user_id != str(user_id):
        raise NotFound("pet not found")
    if not pet.petstar_approved:
        raise FailedPrecondition("only approved PetStars may apply to campaigns")
    c = await repository.get_campaign(session, cid, for_update=True)
    if c is None or not _can_see(actor, c):
        raise NotFound("campaign not found")
    if not rules.recruiting_open(c.phase_enum, c.schedule, now):
        raise FailedPrecondition("this campaign is not recruiting")
    if pet.species not in c.target_species:
        raise FailedPrecondition(
            f"this campaign is for {', '.join(s.lower() for s in c.target_species)} only"
        )
    a = Applicant(
        id=uuid.uuid4(),
        campaign_id=c.id,
        pet_id=pid,
        pet_name=pet.name,
        owner_user_id=user_id,
        note=clean_note,
        status=ApplicantStatus.APPLIED.value,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, a)
    except IntegrityError:
        raise AlreadyExists(
            "this pet already applied to this campaign",
            field_violations=[("pet_id", "already applied to this campaign")],
        ) from None
    c.applicant_count += 1
    await repository.flush(session)
    await outbox.add_event(
        session,
        SCHEMA,
        rules.applicant_topic(ApplicantStatus.APPLIED),
        {
            "campaign_id": str(c.id),
            "campaign_title": c.title,
            "advertiser_user_id": str(c.advertiser_user_id),
            "applicant_id": str(a.id),
            "pet_id": str(a.pet_id),
            "pet_name": a.pet_name,
            "owner_user_id": str(a.owner_user_id),
            "status": a.status,
            "reason": "",
        },
        now=now,
    )
    return ApplicantView(a, c.title, [])


def _require_recruiting(c: Campaign, a: Applicant) -> None:
    if c.phase_enum is not Phase.RECRUITING:
        raise FailedPrecondition("applications can change only while the campaign is recruiting")
    if a.status_enum is not ApplicantStatus.APPLIED:
        raise FailedPrecondition(f"cannot change an application that is {a.status}")


async def update_application(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str, note: str
) -> ApplicantView:
    v = Violations()
    clean_note: str | None = v.check("note", rules.check_note, note)
    v.raise_if_any("the application has invalid fields")
    c, a = await _owned_by_petstar(session, actor, applicant_id)
    _require_recruiting(c, a)
    assert clean_note is not None
    a.note = clean_note
    a.updated_at = now
    await repository.flush(session)
    return await _view(session, a)


async def cancel_application(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str
) -> ApplicantView:
    c, a = await _owned_by_petstar(session, actor, applicant_id)
    _require_recruiting(c, a)
    await _move_applicant(session, c, a, ApplicantEvent.CANCEL, now)
    c.applicant_count -= 1
    await repository.flush(session)
    return await _view(session, a)


async def get_application(
    session: AsyncSession, *, actor: Principal, applicant_id: str
) -> ApplicantView:
    """The owner, the campaign's advertiser or an admin; NOT_FOUND for anyone else."""
    user_id = caller_id(actor)
    a = await repository.get_applicant(session, uuid_field("applicant_id", applicant_id))
    if a is None:
        raise NotFound("application not found")
    if a.owner_user_id != user_id and not _is_admin(actor):
        c = await repository.get_campaign(session, a.campaign_id)
        if (
            c is None
            or c.advertiser_user_id != user_id
            or not actor.has_role(rules.ADVERTISER_ROLE)
        ):
            raise NotFound("application not found")
    return await _view(session, a)


def _applicant_page_args(v: Violations, page_size: int, cursor: str) -> tuple[int, Any]:
    size: int = v.check("page_size", rules.check_page_size, page_size) or 0
    after = v.check("cursor", rules.decode_cursor, cursor)
    return size, after


async def _applicant_page(session: AsyncSession, rows: list[Applicant], size: int) -> Page:
    items = rows[:size]
    more = len(rows) > size and bool(items)
    next_cursor = rules.encode_cursor(items[-1].created_at, items[-1].id) if more else ""
    return Page(items=await _views(session, items), next_cursor=next_cursor)


async def list_my_applications(
    session: AsyncSession,
    *,
    actor: Principal,
    campaign_id: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page:
    user_id = caller_id(actor)
    v = Violations()
    cid: uuid.UUID | None = v.check("campaign_id", parse_uuid, campaign_id) if campaign_id else None
    size, after = _applicant_page_args(v, page_size, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_applicants(
        session, campaign_id=cid, owner=user_id, cursor=after, limit=size + 1
    )
    return await _applicant_page(session, rows, size)


async def list_applicants(
    session: AsyncSession,
    *,
    actor: Principal,
    campaign_id: str,
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page:
    """The campaign's advertiser or an admin; another advertiser gets NOT_FOUND."""
    user_id = caller_id(actor)
    admin = _is_admin(actor)
    v = Violations()
    cid: uuid.UUID | None = v.check("campaign_id", parse_uuid, campaign_id)
    if status and status not in ApplicantStatus.__members__:
        v.add("status", "is not an applicant status")
    size, after = _applicant_page_args(v, page_size, cursor)
    v.raise_if_any("the search has invalid fields")
    assert cid is not None
    c = await repository.get_campaign(session, cid)
    if c is None or not (
        admin or (c.advertiser_user_id == user_id and actor.has_role(rules.ADVERTISER_ROLE))
    ):
        raise NotFound("campaign not found")
    rows = await repository.list_applicants(
        session, campaign_id=cid, status=status, cursor=after, limit=size + 1
    )
    return await _applicant_page(session, rows, size)


# --- selection, shipping, content ------------------------------------------------------------


async def select_applicant(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str
) -> ApplicantView:
    """APPLIED -> SELECTED during SELECTING, never beyond the headcount (checked under the
    campaign's row lock; the table's check constraint backs it up)."""
    c, a = await _owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum is not Phase.SELECTING:
        raise FailedPrecondition("applicants are selected after recruitment closes")
    if a.status_enum is ApplicantStatus.APPLIED and c.selected_count >= c.headcount:
        raise FailedPrecondition(f"the headcount of {c.headcount} is already selected")
    await _move_applicant(session, c, a, ApplicantEvent.SELECT, now)
    return await _view(session, a)


async def unselect_applicant(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str
) -> ApplicantView:
    c, a = await _owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum is not Phase.SELECTING:
        raise FailedPrecondition("the selection can change only until it is announced")
    await _move_applicant(session, c, a, ApplicantEvent.UNSELECT, now)
    return await _view(session, a)


async def _announce(session: AsyncSession, c: Campaign, now: datetime) -> int:
    """SELECTING -> ANNOUNCED; every applicant not selected becomes NOT_SELECTED."""
    await _move_campaign(session, c, CampaignEvent.ANNOUNCE, now)
    rest = await repository.campaign_applicants(
        session, c.id, statuses=[ApplicantStatus.APPLIED], for_update=True
    )
    for a in rest:
        await _move_applicant(session, c, a, ApplicantEvent.ANNOUNCE, now)
    return len(rest)


async def confirm_selection(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str
) -> Campaign:
    user_id = _require_advertiser(actor)
    c = await _own_campaign(session, user_id, campaign_id)
    if c.phase_enum is Phase.SELECTING and c.selected_count == 0:
        raise FailedPrecondition("select at least one applicant before announcing")
    await _announce(session, c, now)
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
    clean_carrier: str | None = v.check(
        "carrier", rules.check_line, carrier, max_len=rules.CARRIER_MAX
    )
    clean_tracking: str | None = v.check(
        "tracking_number", rules.check_line, tracking_number, max_len=rules.TRACKING_MAX
    )
    v.raise_if_any("the shipment has invalid fields")
    c, a = await _owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum not in (Phase.ANNOUNCED, Phase.IN_PROGRESS):
        raise FailedPrecondition("products are shipped after the announcement")
    await _move_applicant(session, c, a, ApplicantEvent.SHIP, now)
    a.carrier, a.tracking_number, a.shipped_at = clean_carrier, clean_tracking, now
    await repository.flush(session)
    return await _view(session, a)


async def submit_content(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    applicant_id: str,
    post_url: str,
    pets: PetDirectory,
    posts: PostDirectory,
    tz: tzinfo,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> ApplicantView:
    v = Violations()
    url: str | None = v.check("post_url", rules.normalize_permalink, post_url)
    v.raise_if_any("the submission has invalid fields")
    assert url is not None
    c, a = await _owned_by_petstar(session, actor, applicant_id)
    if c.phase_enum not in (Phase.IN_PROGRESS, Phase.REVIEWING):
        raise FailedPrecondition("content is submitted during the activity period")
    if now >= rules.content_deadline(c.schedule, grace_days):
        raise FailedPrecondition("the content deadline has passed")
    await _move_applicant(session, c, a, ApplicantEvent.SUBMIT_CONTENT, now)
    a.post_url = url
    await repository.add(
        session, Submission(id=uuid.uuid4(), applicant_id=a.id, url=url, submitted_at=now)
    )
    pet = await pets.get_pet(str(a.pet_id))
    account = pet.instagram_account_id if pet else ""
    username = pet.instagram_username if pet else ""
    await _check_content(session, c, a, account, username, posts, now, tz, grace_days)
    return await _view(session, a)


async def _check_content(
    session: AsyncSession,
    c: Campaign,
    a: Applicant,
    account_id: str,
    username: str,
    posts: PostDirectory,
    now: datetime,
    tz: tzinfo,
    grace_days: int,
) -> None:
    """Check the submitted post against the campaign and store the result for both sides.

    A post the sns service has not seen yet stays PENDING; the next sync of the account
    checks it again (`recheck_account`). Figures of a found post feed the report.
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
            "status": rules.ChecklistStatus.UNAVAILABLE.value,
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
            a.checklist = {**base, "status": rules.ChecklistStatus.PENDING.value, "reason": reason}
        else:
            status, items = rules.content_checklist(
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


async def recheck_account(
    session: AsyncSession,
    *,
    account_id: str,
    username: str,
    now: datetime,
    posts: PostDirectory,
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
    clean_reason: str | None = None if approve else v.check("reason", rules.check_reason, reason)
    v.raise_if_any("the review has invalid fields")
    c, a = await _owned_by_advertiser(session, actor, applicant_id)
    if c.phase_enum not in (Phase.IN_PROGRESS, Phase.REVIEWING):
        raise FailedPrecondition("content is reviewed during the activity and review period")
    pending = await repository.pending_submission(session, a.id)
    event = ApplicantEvent.APPROVE_CONTENT if approve else ApplicantEvent.REQUEST_REVISION
    await _move_applicant(session, c, a, event, now, reason=clean_reason)
    if pending is not None:
        pending.decision = a.status
        pending.reason = clean_reason
        pending.decided_at = now
    if approve and c.phase_enum is Phase.REVIEWING:
        await _move_applicant(session, c, a, ApplicantEvent.COMPLETE, now)
        await _complete_if_done(session, c, now)
    await repository.flush(session)
    return await _view(session, a)


# --- time-driven steps -----------------------------------------------------------------------


@dataclass
class AdvanceResult:
    campaigns: int = 0
    applicants: int = 0
    # Campaigns whose step failed (rolled back to their savepoint; retried next run).
    failed: list[str] = field(default_factory=list)


async def _complete_if_done(session: AsyncSession, c: Campaign, now: datetime) -> bool:
    statuses = [a.status_enum for a in await repository.campaign_applicants(session, c.id)]
    if c.phase_enum is Phase.REVIEWING and rules.completion_due(statuses):
        await _move_campaign(session, c, CampaignEvent.COMPLETE, now)
        return True
    return False


async def _advance_one(
    session: AsyncSession, c: Campaign, now: datetime, grace_days: int
) -> int | None:
    """Every step due for c at now (catching up several); None when nothing was due, else
    the number of applicants changed."""
    changed_applicants = 0
    moved = False
    while True:
        event = rules.time_step(c.phase_enum, c.schedule, now)
        if event is CampaignEvent.ANNOUNCE:
            changed_applicants += await _announce(session, c, now)
        elif event is CampaignEvent.END_ACTIVITY:
            await _move_campaign(session, c, event, now)
            for a in await repository.campaign_applicants(
                session, c.id, statuses=[ApplicantStatus.APPROVED], for_update=True
            ):
                await _move_applicant(session, c, a, ApplicantEvent.COMPLETE, now)
                changed_applicants += 1
        elif event is not None:
            await _move_campaign(session, c, event, now)
        elif c.phase_enum is Phase.REVIEWING:
            if now >= rules.content_deadline(c.schedule, grace_days):
                changed_applicants += await _accept_unreviewed(session, c, now)
                for a in await repository.campaign_applicants(
                    session, c.id, statuses=rules.OWES_CONTENT, for_update=True
                ):
                    await _move_applicant(session, c, a, ApplicantEvent.MARK_NO_SHOW, now)
                    changed_applicants += 1
            if not await _complete_if_done(session, c, now):
                break
        else:
            break
        moved = True
    return changed_applicants if moved or changed_applicants else None


AUTO_APPROVED = "approved automatically: not reviewed by the content deadline"


async def _accept_unreviewed(session: AsyncSession, c: Campaign, now: datetime) -> int:
    """Posts submitted in time but never reviewed count as delivered at the deadline.

    The advertiser had the whole grace period to review; the PetStar did their part, so
    they complete instead of turning into no-shows (the submission records why).
    """
    waiting = await repository.campaign_applicants(
        session, c.id, statuses=[ApplicantStatus.CONTENT_SUBMITTED], for_update=True
    )
    for a in waiting:
        submission = await repository.pending_submission(session, a.id)
        if submission is not None:
            submission.decision = ApplicantStatus.APPROVED.value
            submission.reason = AUTO_APPROVED
            submission.decided_at = now
        await _move_applicant(session, c, a, ApplicantEvent.APPROVE_CONTENT, now)
        await _move_applicant(session, c, a, ApplicantEvent.COMPLETE, now)
    return len(waiting)


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


def require_scheduler(actor: Principal) -> None:
    """AdvanceDue: admins and internal callers (Celery) only."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user or service")
    if not actor.has_role(rules.ADMIN_ROLE, SERVICE_ROLE):
        raise PermissionDenied("only administrators and internal callers may advance campaigns")


# --- reports and other services ------------------------------------------------------------


@dataclass(frozen=True)
class ReportResult:
    report: rules.Report
    csv: str


async def get_report(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    tz: tzinfo = DEFAULT_TZ,
) -> ReportResult:
    user_id = caller_id(actor)
    admin = _is_admin(actor)
    c = await repository.get_campaign(session, uuid_field("campaign_id", campaign_id))
    if c is None or not (
        admin or (c.advertiser_user_id == user_id and actor.has_role(rules.ADVERTISER_ROLE))
    ):
        raise NotFound("campaign not found")
    applicants = await repository.campaign_applicants(session, c.id)
    rows = [
        rules.ReportRow(
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
        if a.status_enum in rules.SELECTED_STATUSES
    ]
    report = rules.Report(
        campaign_id=str(c.id),
        title=c.title,
        company_name=c.company_name,
        phase=c.phase_enum,
        reward_value_krw=c.reward_value_krw,
        rows=rows,
        applicants=sum(a.status_enum is not ApplicantStatus.CANCELLED for a in applicants),
    )
    return ReportResult(report, rules.render_report_csv(report, generated_at=now, tz=tz))


async def list_active_work_for_pet(
    session: AsyncSession, *, actor: Principal, pet_id: str
) -> list[tuple[uuid.UUID, str, str]]:
    """SERVICE and admins see every campaign of the pet; anyone else only their own
    applications (so another owner's pet answers an empty list)."""
    user_id = caller_id(actor) if not actor.has_role(SERVICE_ROLE) else None
    pid = uuid_field("pet_id", pet_id)
    owner = None if (user_id is None or _is_admin(actor)) else user_id
    return await repository.active_work_for_pet(
        session, pid, statuses=rules.ACTIVE_STATUSES, owner=owner
    )
