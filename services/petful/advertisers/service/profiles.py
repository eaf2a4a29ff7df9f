"""The advertiser's own company profile: fields, the registration number's uniqueness,
submission for review, and the approval status other services ask about."""

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
from petful.platform.auth_context import Principal, Role, caller_id, is_admin, require_role
from petful.platform.errors import AlreadyExists, FailedPrecondition, NotFound, PermissionDenied
from petful.platform.validation import (
    Violations,
    check_line,
    normalize_email,
    normalize_phone,
    uuid_field,
)

Clock = Callable[[], datetime]
BRN_FIELD = "business_registration_number"


def utc_now() -> datetime:
    return datetime.now(UTC)


def require_advertiser(actor: Principal) -> uuid.UUID:
    return require_role(
        actor, Role.ADVERTISER, message="only advertiser accounts have a company profile"
    )


def transition_error(e: TransitionError) -> FailedPrecondition:
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


async def save(session: AsyncSession, profile: Profile, *, new: bool) -> None:
    """Write the change; a concurrent registration of the same BRN becomes a 409."""
    try:
        async with session.begin_nested():
            if new:
                await repository.add(session, profile)
            else:
                await repository.flush(session)
    except IntegrityError:
        raise _duplicate_brn() from None


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
            "company_name", check_line, data.company_name, max_len=rules.COMPANY_NAME_MAX
        ),
        business_registration_number=v.check(
            BRN_FIELD, rules.normalize_brn, data.business_registration_number
        ),
        representative_name=v.check(
            "representative_name",
            check_line,
            data.representative_name,
            max_len=rules.REPRESENTATIVE_NAME_MAX,
        ),
        phone=v.check("phone", normalize_phone, data.phone),
        contact_email=v.check("contact_email", normalize_email, data.contact_email),
        website=v.check("website", rules.check_website, data.website),
        description=v.check("description", rules.check_description, data.description),
    )
    v.raise_if_any("the profile has invalid fields")
    return clean


async def get_my_profile(session: AsyncSession, *, actor: Principal) -> Profile:
    user_id = require_advertiser(actor)
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
    user_id = require_advertiser(actor)
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
            raise transition_error(e) from None
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
    await save(session, profile, new=new)
    return profile


async def submit_my_profile(session: AsyncSession, *, actor: Principal, now: datetime) -> Profile:
    """DRAFT or REJECTED -> PENDING (awaiting an admin's review)."""
    user_id = require_advertiser(actor)
    profile = await repository.get_profile(session, user_id, for_update=True)
    if profile is None:
        raise NotFound("you have no company profile yet")
    if not profile.business_document_media_id:
        # Admins approve against the registration certificate: without it there is
        # nothing to check the company against.
        raise FailedPrecondition(
            "upload the business registration certificate before submitting",
            field_violations=[("business_document", "is required to submit")],
        )
    try:
        status = rules.next_status(profile.status_enum, Action.SUBMIT)
    except TransitionError as e:
        raise transition_error(e) from None
    profile.status = status.value
    profile.status_reason = None
    profile.submitted_at = now
    profile.updated_at = now
    await _ensure_brn_free(session, profile)
    await save(session, profile, new=False)
    return profile


async def get_approval(session: AsyncSession, *, actor: Principal, user_id: str) -> Profile | None:
    """The profile of user_id (None if it has none). The caller must be that user or an
    admin: the edge asks on behalf of the signed-in user."""
    caller = caller_id(actor)
    target = uuid_field("user_id", user_id)
    if target != caller and not is_admin(actor):
        raise PermissionDenied("you may only read your own approval status")
    return await repository.get_profile(session, target)
