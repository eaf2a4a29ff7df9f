"""Advertiser profiles: business logic. Receives a session and never commits.

Roles come from the caller's Principal (the edge put them there after checking the access
token). This service cannot read identity's accounts, so it trusts the role in the metadata:
advertiser RPCs need ADVERTISER and act on the caller's own profile; admin RPCs need ADMIN.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers import repository, rules
from petful.advertisers.models import Profile
from petful.advertisers.rules import Action, ProfileStatus, TransitionError
from petful.platform import media, outbox
from petful.platform.auth_context import Principal, caller_id
from petful.platform.errors import (
    AlreadyExists,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
)
from petful.platform.settings import Settings
from petful.platform.validation import Violations, parse_uuid, uuid_field

SCHEMA = "advertisers"
Clock = Callable[[], datetime]
BRN_FIELD = "business_registration_number"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _require_advertiser(actor: Principal) -> uuid.UUID:
    user_id = caller_id(actor)
    if not actor.has_role(rules.ADVERTISER_ROLE):
        raise PermissionDenied("only advertiser accounts have a company profile")
    return user_id


def _require_admin(actor: Principal) -> uuid.UUID:
    user_id = caller_id(actor)
    if not actor.has_role(rules.ADMIN_ROLE):
        raise PermissionDenied("only administrators may do this")
    return user_id


def _transition_error(e: TransitionError) -> FailedPrecondition:
    return FailedPrecondition(e.reason)


def _duplicate_brn() -> AlreadyExists:
    return AlreadyExists(
        "another advertiser already registered this business",
        field_violations=[(BRN_FIELD, "is already registered by another advertiser")],
    )


async def _ensure_brn_free(session: AsyncSession, profile: Profile) -> None:
    if profile.status_enum not in rules.BRN_HOLDING:
        return
    if await repository.brn_taken(
        session,
        profile.business_registration_number,
        except_user=profile.user_id,
        holding=frozenset(s.value for s in rules.BRN_HOLDING),
    ):
        raise _duplicate_brn()


async def _flush(session: AsyncSession, profile: Profile, *, new: bool) -> None:
    """Write the change; a concurrent registration of the same BRN becomes a 409."""
    try:
        async with session.begin_nested():
            if new:
                await repository.add(session, profile)
            else:
                await repository.flush(session)
    except IntegrityError:
        raise _duplicate_brn() from None


# --- the advertiser's own profile --------------------------------------------------------


@dataclass(frozen=True)
class ProfileInput:
    company_name: str
    business_registration_number: str
    representative_name: str
    phone: str
    contact_email: str
    website: str = ""
    description: str = ""


def validate_input(data: ProfileInput) -> ProfileInput:
    """Every field checked at once: InvalidArgument names each bad field."""
    v = Violations()
    clean = ProfileInput(
        company_name=v.check(
            "company_name", rules.check_line, data.company_name, max_len=rules.COMPANY_NAME_MAX
        ),
        business_registration_number=v.check(
            BRN_FIELD, rules.normalize_brn, data.business_registration_number
        ),
        representative_name=v.check(
            "representative_name",
            rules.check_line,
            data.representative_name,
            max_len=rules.REPRESENTATIVE_NAME_MAX,
        ),
        phone=v.check("phone", rules.normalize_phone, data.phone),
        contact_email=v.check("contact_email", rules.normalize_email, data.contact_email),
        website=v.check("website", rules.check_website, data.website),
        description=v.check("description", rules.check_description, data.description),
    )
    v.raise_if_any("the profile has invalid fields")
    return clean


async def get_my_profile(session: AsyncSession, *, actor: Principal) -> Profile:
    user_id = _require_advertiser(actor)
    profile = await repository.get_profile(session, user_id)
    if profile is None:
        raise NotFound("you have no company profile yet")
    return profile


async def upsert_my_profile(
    session: AsyncSession, *, actor: Principal, now: datetime, data: ProfileInput
) -> Profile:
    """Create the caller's profile (DRAFT) or replace its fields.

    DRAFT and REJECTED profiles keep their status. Editing an APPROVED profile keeps it
    APPROVED unless the company name or the business registration number changes: then it
    goes back to PENDING and an admin must approve it again. PENDING and RESTRICTED
    profiles cannot be edited (409).
    """
    user_id = _require_advertiser(actor)
    clean = validate_input(data)
    profile = await repository.get_profile(session, user_id, for_update=True)
    new = profile is None
    if profile is None:
        profile = Profile(user_id=user_id, status=ProfileStatus.DRAFT.value, created_at=now)
        status = ProfileStatus.DRAFT
    else:
        changed = (
            profile.company_name != clean.company_name
            or profile.business_registration_number != clean.business_registration_number
        )
        try:
            status = rules.status_after_edit(profile.status_enum, identity_changed=changed)
        except TransitionError as e:
            raise _transition_error(e) from None
        if status is not profile.status_enum:  # APPROVED -> PENDING: a new review
            profile.submitted_at = now
            profile.status_reason = None
    profile.company_name = clean.company_name
    profile.business_registration_number = clean.business_registration_number
    profile.representative_name = clean.representative_name
    profile.phone = clean.phone
    profile.contact_email = clean.contact_email
    profile.website = clean.website
    profile.description = clean.description
    if new:
        profile.logo_media_id = ""
        profile.business_document_media_id = ""
    profile.status = status.value
    profile.updated_at = now
    await _ensure_brn_free(session, profile)
    await _flush(session, profile, new=new)
    return profile


LOGO = "advertiser.logo"
DOCUMENT = "advertiser.document"


async def _editable_profile(session: AsyncSession, user_id: uuid.UUID) -> Profile:
    profile = await repository.get_profile(session, user_id, for_update=True)
    if profile is None:
        raise NotFound("you have no company profile yet")
    try:
        rules.status_after_edit(profile.status_enum, identity_changed=False)
    except TransitionError as e:
        raise _transition_error(e) from None
    return profile


async def _replace_media(
    session: AsyncSession,
    profile: Profile,
    attr: str,
    *,
    purpose: str,
    kind: media.Kind,
    visibility: media.Visibility,
    data: bytes,
    filename: str,
    now: datetime,
    settings: Settings,
) -> Profile:
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=profile.user_id,
        purpose=purpose,
        kind=kind,
        visibility=visibility,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    old = getattr(profile, attr)
    setattr(profile, attr, str(record.id))
    profile.updated_at = now
    await repository.flush(session)
    if old and old != str(record.id):
        await media.discard(session, schema=SCHEMA, media_id=uuid.UUID(old), now=now)
    return profile


async def set_logo(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Profile:
    profile = await _editable_profile(session, _require_advertiser(actor))
    return await _replace_media(
        session,
        profile,
        "logo_media_id",
        purpose=LOGO,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


async def set_business_document(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Profile:
    """The registration certificate admins check before approving: private, never served
    publicly; a new one goes to the next review like any edit."""
    profile = await _editable_profile(session, _require_advertiser(actor))
    return await _replace_media(
        session,
        profile,
        "business_document_media_id",
        purpose=DOCUMENT,
        kind=media.Kind.DOCUMENT,
        visibility=media.Visibility.PRIVATE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


@dataclass(frozen=True)
class Document:
    content_type: str
    data: bytes
    filename: str


async def get_business_document(
    session: AsyncSession, *, actor: Principal, user_id: str, settings: Settings
) -> Document:
    """The advertiser's own document, or any for an admin; NotFound for anyone else."""
    caller = caller_id(actor)
    target = uuid_field("user_id", user_id)
    if target != caller and not actor.has_role(rules.ADMIN_ROLE):
        raise NotFound("no business document")
    profile = await repository.get_profile(session, target)
    if profile is None or not profile.business_document_media_id:
        raise NotFound("no business document")
    record = await media.get_media(
        session, schema=SCHEMA, media_id=uuid.UUID(profile.business_document_media_id)
    )
    if record is None or record.status is media.Status.DELETED:
        raise NotFound("no business document")
    data = await media.get_storage(settings).get(record.key)
    extension = record.key.rsplit(".", 1)[-1]
    return Document(record.content_type, data, f"business-document.{extension}")


async def logo_urls(session: AsyncSession, profiles: list[Profile]) -> dict[str, str]:
    """Public logo paths by profile user id."""
    ids = [uuid.UUID(p.logo_media_id) for p in profiles if p.logo_media_id]
    found = await media.live_media(session, schema=SCHEMA, ids=ids)
    return {
        str(p.user_id): found[uuid.UUID(p.logo_media_id)].url
        for p in profiles
        if p.logo_media_id and uuid.UUID(p.logo_media_id) in found
    }


async def submit_my_profile(session: AsyncSession, *, actor: Principal, now: datetime) -> Profile:
    """DRAFT or REJECTED -> PENDING (awaiting an admin's review)."""
    user_id = _require_advertiser(actor)
    profile = await repository.get_profile(session, user_id, for_update=True)
    if profile is None:
        raise NotFound("you have no company profile yet")
    try:
        status = rules.next_status(profile.status_enum, Action.SUBMIT)
    except TransitionError as e:
        raise _transition_error(e) from None
    profile.status = status.value
    profile.status_reason = None
    profile.submitted_at = now
    profile.updated_at = now
    await _ensure_brn_free(session, profile)
    await _flush(session, profile, new=False)
    return profile


async def get_approval(session: AsyncSession, *, actor: Principal, user_id: str) -> Profile | None:
    """The profile of user_id (None if it has none). The caller must be that user or an
    admin: the edge asks on behalf of the signed-in user."""
    caller = caller_id(actor)
    target = uuid_field("user_id", user_id)
    if target != caller and not actor.has_role(rules.ADMIN_ROLE):
        raise PermissionDenied("you may only read your own approval status")
    return await repository.get_profile(session, target)


# --- administration ----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    items: list[Profile]
    next_cursor: str  # "" on the last page


async def admin_list_profiles(
    session: AsyncSession,
    *,
    actor: Principal,
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page:
    _require_admin(actor)
    v = Violations()
    if status and status not in ProfileStatus.__members__:
        v.add("status", "must be DRAFT, PENDING, APPROVED, REJECTED or RESTRICTED")
    size = v.check("page_size", rules.check_page_size, page_size)
    after = v.check("cursor", rules.decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_profiles(
        session, status=status or None, cursor=after, limit=size + 1
    )
    more = len(rows) > size
    items = rows[:size]
    next_cursor = (
        rules.encode_cursor(items[-1].created_at, items[-1].user_id) if more and items else ""
    )
    return Page(items=items, next_cursor=next_cursor)


_NEEDS_REASON = frozenset({Action.REJECT, Action.RESTRICT})


async def admin_decide(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    user_id: str,
    action: Action,
    reason: str = "",
) -> Profile:
    """Approve, reject, restrict or reinstate; writes the decision's outbox event."""
    if action is Action.SUBMIT:
        raise ValueError("SUBMIT is not an admin decision")
    admin_id = _require_admin(actor)
    v = Violations()
    target: uuid.UUID | None = v.check("user_id", parse_uuid, user_id)
    clean_reason: str | None = None
    if action in _NEEDS_REASON:
        clean_reason = v.check("reason", rules.check_reason, reason)
    v.raise_if_any("the decision has invalid fields")
    assert target is not None
    profile = await repository.get_profile(session, target, for_update=True)
    if profile is None:
        raise NotFound("advertiser profile not found")
    try:
        status = rules.next_status(profile.status_enum, action)
    except TransitionError as e:
        raise _transition_error(e) from None
    profile.status = status.value
    profile.status_reason = clean_reason
    profile.decided_at = now
    profile.decided_by = admin_id
    profile.updated_at = now
    await _flush(session, profile, new=False)
    await outbox.add_event(
        session,
        SCHEMA,
        rules.DECISION_TOPICS[action],
        {
            "user_id": str(profile.user_id),
            "admin_id": str(admin_id),
            "reason": clean_reason or "",
            "status": status.value,
            "company_name": profile.company_name,
        },
        now=now,
    )
    return profile
