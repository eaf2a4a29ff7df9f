"""The admin console (IdentityAdminService): users, suspension and sessions.

Every function takes the caller's `actor` and re-checks it (`require_admin`): the role in
the metadata must say ADMIN *and* the caller's own account must still be an active ADMIN.
Every mutating function writes one audit-log row in the caller's transaction.
Community suspends a reported user through `suspend_user` too (as the deciding admin).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity import repository, rules
from petful.identity.models import Account, Session
from petful.identity.rules import AccountStatus, AuditTargetType
from petful.identity.service import audit
from petful.identity.service.shared import (
    SCHEMA,
    require_admin,
    require_transition,
    target_account,
)
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.errors import FailedPrecondition, NotFound, PermissionDenied
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of
from petful.platform.validation import RuleError, Violations, check_reason, parse_uuid


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


# --- suspension without the console (operators, tests) -----------------------------------


async def suspend_account(
    session: AsyncSession,
    *,
    now: datetime,
    user_id: uuid.UUID,
    reason: str,
    until: datetime | None = None,
) -> Account:
    """Suspend an account (reason shown at sign-in) and revoke its sessions."""
    account = await repository.get_account(session, user_id, for_update=True)
    if account is None:
        raise NotFound("account not found")
    if account.status_enum is not AccountStatus.SUSPENDED:
        require_transition(account.status_enum, AccountStatus.SUSPENDED)
    account.status = AccountStatus.SUSPENDED.value
    account.suspension_reason = reason.strip() or None
    account.suspended_until = until
    account.updated_at = now
    await repository.revoke_account_sessions(session, account.id, now=now, reason="suspended")
    return account


async def reactivate_account(
    session: AsyncSession, *, now: datetime, user_id: uuid.UUID
) -> Account:
    account = await repository.get_account(session, user_id, for_update=True)
    if account is None:
        raise NotFound("account not found")
    require_transition(account.status_enum, AccountStatus.ACTIVE)
    account.status = AccountStatus.ACTIVE.value
    account.suspension_reason = None
    account.suspended_until = None
    account.updated_at = now
    return account


# --- users -------------------------------------------------------------------------------


async def list_users(
    session: AsyncSession,
    *,
    actor: Principal,
    query: str = "",
    role: str = "",
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Account]:
    """Newest first; query is a case-insensitive substring of the email or nickname."""
    await require_admin(session, actor)
    v = Violations()
    clean_query = v.check("query", rules.check_search_query, query)
    by_role = v.check("role", rules.check_account_role, role) if role else None
    by_status = v.check("status", rules.check_account_status, status) if status else None
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.search_accounts(
        session,
        query=clean_query,
        role=by_role.value if by_role else None,
        status=by_status.value if by_status else None,
        cursor=after,
        limit=size + 1,
    )
    return page_of(rows, size)


async def get_user(session: AsyncSession, *, actor: Principal, user_id: str) -> Account:
    await require_admin(session, actor)
    return await target_account(session, user_id)


@dataclass(frozen=True)
class _Action:
    """An admin's action on one account, checked: who acts, on whom, and why."""

    admin: Account
    target: Account
    reason: str


async def _admin_action(
    session: AsyncSession,
    actor: Principal,
    *,
    user_id: str,
    reason: str,
    v: Violations | None = None,
    lock: bool = True,
    what: str = "the request",
) -> _Action:
    """The admin, then the request's fields (with any the caller already checked in v),
    then the target account (locked for the change unless lock is False)."""
    admin = await require_admin(session, actor)
    v = v or Violations()
    uid = v.check("user_id", parse_uuid, user_id)
    clean_reason = v.check("reason", check_reason, reason)
    v.raise_if_any(f"{what} has invalid fields")
    target = await target_account(session, uid, for_update=lock)
    return _Action(admin, target, clean_reason)


async def suspend_user(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    user_id: str,
    reason: str,
    until: datetime | None = None,
) -> Account:
    """Suspend an account and revoke its sessions. Not for admins (nor oneself): 403."""
    v = Violations()
    if until is not None:
        v.check("until", rules.check_future, until, now=now)
    act = await _admin_action(
        session, actor, user_id=user_id, reason=reason, v=v, what="the suspension"
    )
    admin, target, clean_reason = act.admin, act.target, act.reason
    try:
        rules.check_can_suspend(
            actor_id=admin.id, target_id=target.id, target_role=target.role_enum
        )
    except RuleError as e:
        raise PermissionDenied(e.reason) from None
    revoked = await repository.count_active_sessions(session, target.id, now=now)
    account = await suspend_account(
        session, now=now, user_id=target.id, reason=clean_reason, until=until
    )
    await audit.write(
        session,
        now=now,
        actor_id=admin.id,
        action="user.suspend",
        target_type=AuditTargetType.USER.value,
        target_id=target.id,
        reason=clean_reason,
        details={"until": _iso(until), "sessions_revoked": revoked},
    )
    await outbox.add_event(
        session,
        SCHEMA,
        contract.ACCOUNT_SUSPENDED,
        contract.AccountSuspended(
            user_id=target.id, reason=clean_reason, until=until, actor_id=admin.id
        ),
        now=now,
    )
    return account


async def unsuspend_user(
    session: AsyncSession, *, actor: Principal, now: datetime, user_id: str, reason: str
) -> Account:
    """Lift a suspension; 409 when the account is not suspended."""
    act = await _admin_action(session, actor, user_id=user_id, reason=reason)
    admin, target, clean_reason = act.admin, act.target, act.reason
    if target.status_enum is not AccountStatus.SUSPENDED:
        raise FailedPrecondition(f"the account is {target.status_enum.value}, not SUSPENDED")
    previous = {"reason": target.suspension_reason, "until": _iso(target.suspended_until)}
    account = await reactivate_account(session, now=now, user_id=target.id)
    await audit.write(
        session,
        now=now,
        actor_id=admin.id,
        action="user.unsuspend",
        target_type=AuditTargetType.USER.value,
        target_id=target.id,
        reason=clean_reason,
        details={"previous_suspension": previous},
    )
    await outbox.add_event(
        session,
        SCHEMA,
        contract.ACCOUNT_REINSTATED,
        contract.AccountReinstated(user_id=target.id, reason=clean_reason, actor_id=admin.id),
        now=now,
    )
    return account


async def change_role(
    session: AsyncSession, *, actor: Principal, now: datetime, user_id: str, role: str, reason: str
) -> Account:
    """Give another account a role and revoke its sessions: the access tokens carry the
    role, and the edge refuses a revoked session's token at once, so none keeps the old role
    (the user signs in again and gets the new one). 403 for the caller's own account; 409
    for a withdrawn account or the role it already has."""
    v = Violations()
    new_role = v.check("role", rules.check_account_role, role)
    act = await _admin_action(
        session, actor, user_id=user_id, reason=reason, v=v, what="the change"
    )
    admin, target, clean_reason = act.admin, act.target, act.reason
    try:
        rules.check_can_change_role(actor_id=admin.id, target_id=target.id)
    except RuleError as e:
        raise PermissionDenied(e.reason) from None
    if target.status_enum is AccountStatus.WITHDRAWN:
        raise FailedPrecondition("the account was withdrawn")
    previous = target.role_enum
    try:
        rules.check_role_change(previous, new_role)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    target.role = new_role.value
    target.updated_at = now
    revoked = await repository.revoke_account_sessions(
        session, target.id, now=now, reason="role_changed"
    )
    await audit.write(
        session,
        now=now,
        actor_id=admin.id,
        action="user.role_change",
        target_type=AuditTargetType.USER.value,
        target_id=target.id,
        reason=clean_reason,
        details={"from": previous.value, "to": new_role.value, "sessions_revoked": revoked},
    )
    return target


# --- sessions ----------------------------------------------------------------------------


async def list_sessions(session: AsyncSession, *, actor: Principal, user_id: str) -> list[Session]:
    await require_admin(session, actor)
    target = await target_account(session, user_id)
    return await repository.list_account_sessions(session, target.id)


async def revoke_sessions(
    session: AsyncSession, *, actor: Principal, now: datetime, user_id: str, reason: str
) -> int:
    """Revoke every live session of an account; returns how many."""
    act = await _admin_action(session, actor, user_id=user_id, reason=reason)
    admin, target, clean_reason = act.admin, act.target, act.reason
    count = await repository.revoke_account_sessions(
        session, target.id, now=now, reason="revoked_by_admin"
    )
    await audit.write(
        session,
        now=now,
        actor_id=admin.id,
        action="sessions.revoke_all",
        target_type=AuditTargetType.USER.value,
        target_id=target.id,
        reason=clean_reason,
        details={"sessions_revoked": count},
    )
    return count


async def revoke_session(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    user_id: str,
    session_id: str,
    reason: str,
) -> None:
    """Revoke one session of the account; 404 if it is not theirs, 409 if already ended."""
    v = Violations()
    sid = v.check("session_id", parse_uuid, session_id)
    act = await _admin_action(session, actor, user_id=user_id, reason=reason, v=v, lock=False)
    admin, target, clean_reason = act.admin, act.target, act.reason
    family = await repository.get_session(session, sid, for_update=True)
    if family is None or family.account_id != target.id:
        raise NotFound("session not found")
    if family.revoked_at is not None:
        raise FailedPrecondition("the session is already revoked")
    await repository.revoke_session(session, family.id, now=now, reason="revoked_by_admin")
    await audit.write(
        session,
        now=now,
        actor_id=admin.id,
        action="session.revoke",
        target_type=AuditTargetType.SESSION.value,
        target_id=family.id,
        reason=clean_reason,
        details={"user_id": str(target.id)},
    )
