"""Every SQL statement of the identity service."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity.models import Account, RefreshToken, Session
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
