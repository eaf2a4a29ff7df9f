"""Every SQL statement of the advertisers service."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers.models import SCHEMA, Profile
from petful.platform import media


async def get_profile(
    session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False
) -> Profile | None:
    stmt = sa.select(Profile).where(Profile.user_id == user_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Profile | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def brn_taken(
    session: AsyncSession, brn: str, *, except_user: uuid.UUID, holding: frozenset[str]
) -> bool:
    """Whether another account's profile in a BRN-holding status uses brn.

    Runs without autoflush: the caller checks before its own pending change is written
    (which, on a clash, would fail with an IntegrityError instead of a clear answer).
    """
    stmt = sa.select(
        sa.exists().where(
            Profile.business_registration_number == brn,
            Profile.user_id != except_user,
            Profile.status.in_(sorted(holding)),
        )
    )
    with session.no_autoflush:
        return bool((await session.execute(stmt)).scalar())


async def add(session: AsyncSession, profile: Profile) -> None:
    session.add(profile)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def list_profiles(
    session: AsyncSession,
    *,
    status: str | None,
    cursor: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Profile]:
    """Newest first, keyset paged on (created_at, user_id)."""
    cond: list[sa.ColumnElement[bool]] = []
    if status:
        cond.append(Profile.status == status)
    if cursor is not None:
        cond.append(
            sa.tuple_(Profile.created_at, Profile.user_id)
            < sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]))
        )
    stmt = (
        sa.select(Profile)
        .where(*cond)
        .order_by(Profile.created_at.desc(), Profile.user_id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def delete_profile(session: AsyncSession, profile: Profile) -> None:
    await session.delete(profile)
    await session.flush()


async def live_media_of(session: AsyncSession, owner_id: uuid.UUID) -> list[uuid.UUID]:
    """Ids of the owner's media rows not yet deleted (current files and any strays)."""
    t = media.media_table(SCHEMA)
    stmt = sa.select(t.c.id).where(
        t.c.owner_id == owner_id, t.c.status != media.Status.DELETED.value
    )
    return list((await session.execute(stmt)).scalars())
