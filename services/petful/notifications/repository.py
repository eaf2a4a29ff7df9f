"""Every SQL statement of the notifications service."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from petful.notifications.models import SEQUENCE, Notification

# --- writing (the subscribers) ------------------------------------------------------------------


async def lock_recipient(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Serialise writers of one user's rows until the transaction ends.

    A row's seq is taken when it is written; without the lock, two transactions could
    commit a user's seqs out of order, and a stream that already sent the higher one would
    skip the lower one forever. Held by one writer at a time, a user's seqs commit in order.
    """
    key = sa.func.hashtextextended(f"notifications:user:{user_id}", 0)
    await session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


async def insert_notification(session: AsyncSession, values: dict[str, Any]) -> int | None:
    """The new row's seq; None when this event already made this row (a redelivery)."""
    stmt = (
        insert(Notification)
        .values(**values)
        .on_conflict_do_nothing(constraint="uq_notifications_event")
        .returning(Notification.seq)
    )
    seq: int | None = (await session.execute(stmt)).scalar_one_or_none()
    return seq


async def open_batch(
    session: AsyncSession, *, user_id: uuid.UUID, type_: str, object_id: uuid.UUID
) -> Notification | None:
    """The recipient's unread, visible row of this type about this object, locked."""
    stmt = (
        sa.select(Notification)
        .where(
            Notification.user_id == user_id,
            Notification.type == type_,
            Notification.object_id == object_id,
            Notification.read_at.is_(None),
            Notification.hidden_at.is_(None),
        )
        .order_by(Notification.created_at.desc())
        .limit(1)
        .with_for_update()
    )
    found: Notification | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def update_batch(session: AsyncSession, row: Notification, *, values: dict[str, Any]) -> int:
    """Rewrite a batched row with a new seq (it is news again: the stream sends it again)."""
    seq: int = (
        await session.execute(
            sa.update(Notification)
            .where(Notification.id == row.id)
            .values(**values, seq=sa.func.nextval(SEQUENCE))
            .returning(Notification.seq)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one()
    return seq


# --- reading and marking (the API) ----------------------------------------------------------------


def _visible(user_id: uuid.UUID) -> list[sa.ColumnElement[bool]]:
    return [Notification.user_id == user_id, Notification.hidden_at.is_(None)]


async def list_notifications(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    unread_only: bool,
    category: str,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Notification]:
    """Newest first, from after the cursor's row."""
    cond = _visible(user_id)
    if unread_only:
        cond.append(Notification.read_at.is_(None))
    if category:
        cond.append(Notification.category == category)
    if after is not None:
        cond.append(sa.tuple_(Notification.created_at, Notification.id) < sa.tuple_(*after))
    stmt = (
        sa.select(Notification)
        .where(*cond)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def list_after(
    session: AsyncSession, *, user_id: uuid.UUID, after_seq: int, limit: int
) -> list[Notification]:
    """Visible rows with seq > after_seq, oldest first."""
    stmt = (
        sa.select(Notification)
        .where(*_visible(user_id), Notification.seq > after_seq)
        .order_by(Notification.seq)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def list_after_many(
    session: AsyncSession, positions: list[tuple[uuid.UUID, int]], *, limit: int
) -> list[list[Notification]]:
    """list_after for each (user, after_seq) in one statement: the positions' rows in the
    positions' order (a lateral read per position, each on the user's seq index)."""
    position = (
        sa.func.unnest(
            sa.cast([user for user, _ in positions], sa.ARRAY(sa.Uuid)),
            sa.cast([after for _, after in positions], sa.ARRAY(sa.BigInteger)),
        )
        .table_valued("user_id", "after_seq", with_ordinality="ord")
        .render_derived()
    )
    n = aliased(Notification)  # the outer query joins Notification itself too
    rows = (
        sa.select(n.id)
        .where(n.user_id == position.c.user_id, n.hidden_at.is_(None), n.seq > position.c.after_seq)
        .order_by(n.seq)
        .limit(limit)
        .correlate(position)
        .lateral()
    )
    stmt = (
        sa.select(position.c.ord, Notification)
        .select_from(position)
        .join(rows, sa.true())
        .join(Notification, Notification.id == rows.c.id)
        .order_by(position.c.ord, Notification.seq)
    )
    pages: list[list[Notification]] = [[] for _ in positions]
    for ord_, notification in await session.execute(stmt):
        pages[ord_ - 1].append(notification)
    return pages


async def last_seq(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    stmt = sa.select(sa.func.coalesce(sa.func.max(Notification.seq), 0)).where(
        Notification.user_id == user_id
    )
    found: int = (await session.execute(stmt)).scalar_one()
    return found


async def unread_count(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    stmt = sa.select(sa.func.count()).where(*_visible(user_id), Notification.read_at.is_(None))
    found: int = (await session.execute(stmt)).scalar_one()
    return found


async def get_visible(
    session: AsyncSession, notification_id: uuid.UUID, *, user_id: uuid.UUID
) -> Notification | None:
    stmt = (
        sa.select(Notification)
        .where(Notification.id == notification_id, *_visible(user_id))
        .with_for_update()
    )
    found: Notification | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def mark_all_read(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> int:
    result = await session.execute(
        sa.update(Notification)
        .where(*_visible(user_id), Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0  # type: ignore[attr-defined]


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def delete_for_user(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    result = await session.execute(
        sa.delete(Notification)
        .where(Notification.user_id == user_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0  # type: ignore[attr-defined]
