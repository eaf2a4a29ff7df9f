"""The administrators' side: the profile list and the decisions on a profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers import repository, rules
from petful.advertisers.models import SCHEMA, Profile
from petful.advertisers.rules import Action, ProfileStatus, TransitionError
from petful.advertisers.service.profiles import save, transition_error
from petful.contracts import advertisers as contracts
from petful.platform import outbox
from petful.platform.auth_context import Principal, Role, require_role
from petful.platform.errors import NotFound
from petful.platform.paging import Page, check_page_size, decode_cursor, encode_cursor, page_of
from petful.platform.validation import Violations, check_reason, parse_uuid

ADMINS_ONLY = "only administrators may do this"


def _profile_cursor(profile: Profile) -> str:
    """A profile's key is its account id."""
    return encode_cursor(profile.created_at, profile.user_id)


async def admin_list_profiles(
    session: AsyncSession,
    *,
    actor: Principal,
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Profile]:
    require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    v = Violations()
    if status and status not in ProfileStatus.__members__:
        v.add("status", "must be one of " + ", ".join(ProfileStatus.__members__))
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_profiles(
        session, status=status or None, cursor=after, limit=size + 1
    )
    return page_of(rows, size, cursor_of=_profile_cursor)


_NEEDS_REASON = frozenset({Action.REJECT, Action.RESTRICT})

# The event of each admin decision (identity audits them, notifications tell the advertiser).
DECISION_TOPICS = {
    Action.APPROVE: contracts.ADVERTISER_APPROVED,
    Action.REJECT: contracts.ADVERTISER_REJECTED,
    Action.RESTRICT: contracts.ADVERTISER_RESTRICTED,
    Action.REINSTATE: contracts.ADVERTISER_REINSTATED,
}


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
    admin_id = require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    v = Violations()
    target = v.check("user_id", parse_uuid, user_id)
    clean_reason: str | None = None
    if action in _NEEDS_REASON:
        clean_reason = v.check("reason", check_reason, reason)
    v.raise_if_any("the decision has invalid fields")
    profile = await repository.get_profile(session, target, for_update=True)
    if profile is None:
        raise NotFound("advertiser profile not found")
    try:
        status = rules.next_status(profile.status_enum, action)
    except TransitionError as e:
        raise transition_error(e) from None
    profile.status = status.value
    profile.status_reason = clean_reason
    profile.decided_at = now
    profile.decided_by = admin_id
    profile.updated_at = now
    await save(session, profile, new=False)
    await outbox.add_event(
        session,
        SCHEMA,
        DECISION_TOPICS[action],
        contracts.AdvertiserDecided(
            user_id=profile.user_id,
            admin_id=admin_id,
            reason=clean_reason or "",
            status=status.value,
            company_name=profile.company_name,
        ),
        now=now,
    )
    return profile
