"""Every SQL statement of the sns service."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.sns.models import Account, FollowerHistory, Media
from petful.sns.rules import AccountStatus


async def get_account(
    session: AsyncSession, account_id: uuid.UUID, *, for_update: bool = False
) -> Account | None:
    stmt = sa.select(Account).where(Account.id == account_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Account | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def lock_account(session: AsyncSession, account_id: uuid.UUID) -> None:
    """Row lock for the rest of the transaction (a sync and an unlink never interleave)."""
    await session.execute(sa.select(Account.id).where(Account.id == account_id).with_for_update())


async def active_by_ig_user(
    session: AsyncSession, ig_user_id: str, *, for_update: bool = False
) -> Account | None:
    stmt = sa.select(Account).where(
        Account.ig_user_id == ig_user_id, Account.status != AccountStatus.UNLINKED.value
    )
    if for_update:
        stmt = stmt.with_for_update()
    result: Account | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def accounts_of_owner(session: AsyncSession, owner: uuid.UUID) -> list[Account]:
    stmt = (
        sa.select(Account)
        .where(Account.owner_user_id == owner, Account.status != AccountStatus.UNLINKED.value)
        .order_by(Account.created_at.desc(), Account.id.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def linked_account_ids(session: AsyncSession) -> list[uuid.UUID]:
    stmt = (
        sa.select(Account.id)
        .where(Account.status == AccountStatus.LINKED.value)
        .order_by(Account.last_synced_at.asc().nulls_first(), Account.id)
    )
    return list((await session.execute(stmt)).scalars())


async def add(session: AsyncSession, account: Account) -> None:
    session.add(account)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def upsert_media(
    session: AsyncSession, account_id: uuid.UUID, rows: Sequence[dict[str, object]], now: datetime
) -> int:
    """Insert or refresh media by (account, ig_media_id); returns how many rows were sent."""
    if not rows:
        return 0
    values = [{"id": uuid.uuid4(), "account_id": account_id, "synced_at": now, **r} for r in rows]
    stmt = insert(Media).values(values)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_media_account_ig_media",
        set_={
            "caption": stmt.excluded.caption,
            "media_type": stmt.excluded.media_type,
            "permalink": stmt.excluded.permalink,
            "posted_at": stmt.excluded.posted_at,
            "like_count": stmt.excluded.like_count,
            "comments_count": stmt.excluded.comments_count,
            "synced_at": stmt.excluded.synced_at,
        },
    )
    await session.execute(stmt)
    return len(values)


async def delete_media_not_in(
    session: AsyncSession, account_id: uuid.UUID, keep: Sequence[str]
) -> None:
    """Forget media Instagram no longer lists (deleted posts)."""
    stmt = sa.delete(Media).where(Media.account_id == account_id)
    if keep:
        stmt = stmt.where(Media.ig_media_id.not_in(list(keep)))
    await session.execute(stmt)


async def media_of(
    session: AsyncSession, account_id: uuid.UUID, *, limit: int | None = None
) -> list[Media]:
    stmt = (
        sa.select(Media)
        .where(Media.account_id == account_id)
        .order_by(Media.posted_at.desc(), Media.ig_media_id.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list((await session.execute(stmt)).scalars())


async def media_since(session: AsyncSession, account_id: uuid.UUID, since: datetime) -> list[Media]:
    stmt = (
        sa.select(Media)
        .where(Media.account_id == account_id, Media.posted_at > since)
        .order_by(Media.posted_at.desc(), Media.ig_media_id.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def record_followers(
    session: AsyncSession, account_id: uuid.UUID, day: date, followers: int
) -> None:
    stmt = insert(FollowerHistory).values(account_id=account_id, day=day, followers=followers)
    stmt = stmt.on_conflict_do_update(
        index_elements=["account_id", "day"], set_={"followers": stmt.excluded.followers}
    )
    await session.execute(stmt)


async def follower_history(session: AsyncSession, account_id: uuid.UUID) -> list[FollowerHistory]:
    stmt = (
        sa.select(FollowerHistory)
        .where(FollowerHistory.account_id == account_id)
        .order_by(FollowerHistory.day)
    )
    return list((await session.execute(stmt)).scalars())
