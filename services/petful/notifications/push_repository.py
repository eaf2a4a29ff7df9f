"""Every SQL statement of web push subscriptions."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.notifications.push_models import PushSubscription

# --- the user's devices -------------------------------------------------------------------------


async def upsert(session: AsyncSession, values: dict[str, Any]) -> PushSubscription:
    """The row of values["endpoint"], created or updated. A browser that moves to another
    account starts over there (created now, no deliveries); one that subscribes again for
    the same account keeps its history."""
    stmt = insert(PushSubscription).values(**values)
    new = stmt.excluded
    same_user = PushSubscription.user_id == new.user_id

    def kept_if_same_user(column: Any, fresh: Any) -> Any:
        return sa.case((same_user, column), else_=fresh)

    upsert_stmt = stmt.on_conflict_do_update(
        index_elements=[PushSubscription.endpoint],
        set_={
            "user_id": new.user_id,
            "p256dh": new.p256dh,
            "auth": new.auth,
            "device": new.device,
            "refreshed_at": new.refreshed_at,
            "created_at": kept_if_same_user(PushSubscription.created_at, new.created_at),
            "last_success_at": kept_if_same_user(PushSubscription.last_success_at, None),
            "last_message_key": kept_if_same_user(PushSubscription.last_message_key, None),
            "failures": 0,
        },
    ).returning(PushSubscription)
    row: PushSubscription = (
        await session.scalars(upsert_stmt, execution_options={"populate_existing": True})
    ).one()
    return row


async def keep_newest(
    session: AsyncSession, *, user_id: uuid.UUID, keep_id: uuid.UUID, keep: int
) -> int:
    """Delete the user's rows beyond the `keep` most recently refreshed, `keep_id` (the one
    just subscribed) always among the kept; how many went."""
    s = PushSubscription
    others_kept = (
        sa.select(s.id)
        .where(s.user_id == user_id, s.id != keep_id)
        .order_by(s.refreshed_at.desc(), s.id.desc())
        .limit(max(0, keep - 1))
    )
    result = await session.execute(
        sa.delete(s)
        .where(s.user_id == user_id, s.id != keep_id, s.id.not_in(others_kept))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def delete_own(session: AsyncSession, *, user_id: uuid.UUID, endpoint: str) -> bool:
    """Delete the user's row of this endpoint; False when the user has none."""
    result = await session.execute(
        sa.delete(PushSubscription)
        .where(PushSubscription.user_id == user_id, PushSubscription.endpoint == endpoint)
        .returning(PushSubscription.id)
        .execution_options(synchronize_session=False)
    )
    return result.scalar_one_or_none() is not None


async def list_for_user(session: AsyncSession, *, user_id: uuid.UUID) -> list[PushSubscription]:
    """The user's devices, the most recently refreshed first."""
    rows = await session.scalars(
        sa.select(PushSubscription)
        .where(PushSubscription.user_id == user_id)
        .order_by(PushSubscription.refreshed_at.desc(), PushSubscription.id.desc())
    )
    return list(rows)


async def delete_for_user(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    result = await session.execute(
        sa.delete(PushSubscription)
        .where(PushSubscription.user_id == user_id)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- sending -------------------------------------------------------------------------------------


async def targets(session: AsyncSession, *, user_id: uuid.UUID) -> list[Any]:
    """What a send needs of each of the user's devices, as plain rows (no ORM objects: the
    updates after the send leave nothing stale in the caller's session)."""
    s = PushSubscription
    result = await session.execute(
        sa.select(s.id, s.endpoint, s.p256dh, s.auth, s.last_success_at, s.last_message_key)
        .where(s.user_id == user_id)
        .order_by(s.id)
    )
    return list(result.all())


async def lock(session: AsyncSession, ids: Collection[uuid.UUID]) -> None:
    """Lock the rows in id order before updating them, so two sends to one user (each
    marking some rows sent and some failed) cannot deadlock."""
    if ids:
        await session.execute(
            sa.select(PushSubscription.id)
            .where(PushSubscription.id.in_(ids))
            .order_by(PushSubscription.id)
            .with_for_update()
        )


async def mark_accepted(
    session: AsyncSession, ids: Collection[uuid.UUID], *, key: str, now: datetime
) -> None:
    if ids:
        await session.execute(
            sa.update(PushSubscription)
            .where(PushSubscription.id.in_(ids))
            .values(last_success_at=now, last_message_key=key, failures=0)
            .execution_options(synchronize_session=False)
        )


async def mark_failed(session: AsyncSession, ids: Collection[uuid.UUID]) -> None:
    if ids:
        await session.execute(
            sa.update(PushSubscription)
            .where(PushSubscription.id.in_(ids))
            .values(failures=PushSubscription.failures + 1)
            .execution_options(synchronize_session=False)
        )


async def delete_ids(session: AsyncSession, ids: Collection[uuid.UUID]) -> None:
    if ids:
        await session.execute(
            sa.delete(PushSubscription)
            .where(PushSubscription.id.in_(ids))
            .execution_options(synchronize_session=False)
        )
