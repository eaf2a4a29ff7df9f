"""Every SQL statement of the identity service."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from petful.identity.models import Account, AuditLogEntry, RefreshToken, Session
from petful.identity.rules import AccountStatus

_LIVE = Account.status != AccountStatus.WITHDRAWN.value


async def add(session: AsyncSession, obj: Account | Session | RefreshToken) -> None:
    session.add(obj)
    await session.flush()


async def get_account(
    session: AsyncSession, account_id: uuid.UUID, *, for_update: bool = False
) -> Account | None:
    stmt = sa.select(Account).where(Account.id == account_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def get_live_account_by_email(
    session: AsyncSession, email: str, *, for_update: bool = False
) -> Account | None:
    """The account (not withdrawn) with this normalised email."""
    stmt = sa.select(Account).where(Account.email == email, _LIVE)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def live_email_exists(session: AsyncSession, email: str) -> bool:
    stmt = sa.select(sa.exists().where(Account.email == email, _LIVE))
    return bool(await session.scalar(stmt))


async def live_nickname_taken(
    session: AsyncSession, nickname_key: str, *, except_id: uuid.UUID | None = None
) -> bool:
    cond = [Account.nickname_key == nickname_key, _LIVE]
    if except_id is not None:
        cond.append(Account.id != except_id)
    return bool(await session.scalar(sa.select(sa.exists().where(*cond))))


async def get_refresh_token(
    session: AsyncSession, token_hash: str, *, for_update: bool = False
) -> RefreshToken | None:
    stmt = sa.select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def get_session(
    session: AsyncSession, session_id: uuid.UUID, *, for_update: bool = False
) -> Session | None:
    stmt = sa.select(Session).where(Session.id == session_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def revoke_session(
    session: AsyncSession, session_id: uuid.UUID, *, now: datetime, reason: str
) -> int:
    result = await session.execute(
        sa.update(Session)
        .where(Session.id == session_id, Session.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def revoke_account_sessions(
    session: AsyncSession,
    account_id: uuid.UUID,
    *,
    now: datetime,
    reason: str,
    keep: uuid.UUID | None = None,
) -> int:
    """Revoke every live session of an account (except `keep`); returns how many."""
    cond = [Session.account_id == account_id, Session.revoked_at.is_(None)]
    if keep is not None:
        cond.append(Session.id != keep)
    result = await session.execute(
        sa.update(Session)
        .where(*cond)
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def count_active_sessions(
    session: AsyncSession, account_id: uuid.UUID, *, now: datetime
) -> int:
    stmt = sa.select(sa.func.count()).where(
        Session.account_id == account_id,
        Session.revoked_at.is_(None),
        Session.expires_at > now,
    )
    return int(await session.scalar(stmt) or 0)


# --- administration ----------------------------------------------------------------------


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _after(
    created: sa.ColumnElement[datetime] | Any,
    row_id: Any,
    cursor: tuple[datetime, uuid.UUID] | None,
) -> list[sa.ColumnElement[bool]]:
    """Newest-first keyset paging: rows strictly after the cursor's (created_at, id)."""
    if cursor is None:
        return []
    return [sa.tuple_(created, row_id) < sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]))]


async def get_accounts(session: AsyncSession, account_ids: Sequence[uuid.UUID]) -> list[Account]:
    if not account_ids:
        return []
    stmt = sa.select(Account).where(Account.id.in_(account_ids))
    return list((await session.execute(stmt)).scalars())


def _reachable(now: datetime) -> sa.ColumnElement[bool]:
    """Accounts a broadcast reaches: active, or suspended until a moment now past (a
    suspension with an end lapses on its own, rules.suspension_in_force)."""
    return sa.or_(
        Account.status == AccountStatus.ACTIVE.value,
        sa.and_(
            Account.status == AccountStatus.SUSPENDED.value,
            Account.suspended_until.is_not(None),
            Account.suspended_until <= now,
        ),
    )


async def recipient_ids(
    session: AsyncSession,
    *,
    role: str,
    after: uuid.UUID | None,
    limit: int,
    now: datetime,
) -> list[uuid.UUID]:
    """Reachable accounts' ids of the role ("" for every role) after `after`, in id order
    (the primary key walks them)."""
    cond = [_reachable(now)]
    if role:
        cond.append(Account.role == role)
    if after is not None:
        cond.append(Account.id > after)
    stmt = sa.select(Account.id).where(*cond).order_by(Account.id).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def count_recipients(session: AsyncSession, *, role: str, now: datetime) -> int:
    cond = [_reachable(now)]
    if role:
        cond.append(Account.role == role)
    return int(await session.scalar(sa.select(sa.func.count()).where(*cond)) or 0)


async def search_accounts(
    session: AsyncSession,
    *,
    query: str,
    role: str | None,
    status: str | None,
    cursor: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Account]:
    cond: list[sa.ColumnElement[bool]] = []
    if query:
        pattern = _like(query)
        cond.append(
            sa.or_(
                Account.email.ilike(pattern, escape="\\"),
                Account.nickname.ilike(pattern, escape="\\"),
            )
        )
    if role:
        cond.append(Account.role == role)
    if status:
        cond.append(Account.status == status)
    cond += _after(Account.created_at, Account.id, cursor)
    stmt = (
        sa.select(Account)
        .where(*cond)
        .order_by(Account.created_at.desc(), Account.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def list_account_sessions(session: AsyncSession, account_id: uuid.UUID) -> list[Session]:
    stmt = (
        sa.select(Session)
        .where(Session.account_id == account_id)
        .order_by(Session.created_at.desc(), Session.id.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def add_audit(session: AsyncSession, entry: AuditLogEntry) -> None:
    session.add(entry)
    await session.flush()


async def list_audit(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID | None,
    target_type: str,
    target_id: uuid.UUID | None,
    action: str,
    cursor: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[AuditLogEntry]:
    cond: list[sa.ColumnElement[bool]] = []
    if actor_id is not None:
        cond.append(AuditLogEntry.actor_id == actor_id)
    if target_type:
        cond.append(AuditLogEntry.target_type == target_type)
    if target_id is not None:
        cond.append(AuditLogEntry.target_id == target_id)
    if action:
        cond.append(AuditLogEntry.action == action)
    cond += _after(AuditLogEntry.created_at, AuditLogEntry.id, cursor)
    stmt = (
        sa.select(AuditLogEntry)
        .where(*cond)
        .order_by(AuditLogEntry.created_at.desc(), AuditLogEntry.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


# --- the admin dashboard -------------------------------------------------------------------


def _day(column: InstrumentedAttribute[datetime], time_zone: str) -> sa.ColumnElement[Any]:
    """The calendar day of an instant in `time_zone`."""
    return sa.cast(sa.func.timezone(time_zone, column), sa.Date)


async def sign_ups_by_day(
    session: AsyncSession, *, since: datetime, time_zone: str
) -> dict[Any, int]:
    """Accounts created from `since`, per day (withdrawn ones too: they did sign up)."""
    day = _day(Account.created_at, time_zone).label("day")
    stmt = sa.select(day, sa.func.count()).where(Account.created_at >= since).group_by(day)
    return {d: int(n) for d, n in (await session.execute(stmt)).all()}


async def active_by_day(
    session: AsyncSession, *, since: datetime, time_zone: str
) -> dict[Any, int]:
    """Distinct accounts issued a refresh token (a sign-in or a refresh) per day from `since`:
    the one trace every signed-in visit leaves, since the app refreshes while it is open."""
    day = _day(RefreshToken.issued_at, time_zone).label("day")
    stmt = (
        sa.select(day, sa.func.count(sa.distinct(Session.account_id)))
        .join(Session, Session.id == RefreshToken.session_id)
        .where(RefreshToken.issued_at >= since)
        .group_by(day)
    )
    return {d: int(n) for d, n in (await session.execute(stmt)).all()}


async def count_active_since(session: AsyncSession, since: datetime) -> int:
    stmt = (
        sa.select(sa.func.count(sa.distinct(Session.account_id)))
        .join(RefreshToken, RefreshToken.session_id == Session.id)
        .where(RefreshToken.issued_at >= since)
    )
    return int(await session.scalar(stmt) or 0)


async def count_accounts_by_status(session: AsyncSession) -> dict[str, int]:
    stmt = sa.select(Account.status, sa.func.count()).group_by(Account.status)
    return {status: int(n) for status, n in (await session.execute(stmt)).all()}
