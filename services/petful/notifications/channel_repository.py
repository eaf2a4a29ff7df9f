"""Every SQL statement of the channels: preferences, deliveries and unsubscribe tokens."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.notifications.channel_models import (
    ChannelOff,
    Delivery,
    DeliveryStatus,
    Preferences,
    UnsubscribeToken,
)
from petful.notifications.models import Notification

# --- preferences ---------------------------------------------------------------------------------


async def preferences(
    session: AsyncSession, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Preferences]:
    """The stored preferences of those users (a user without a row has the defaults)."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    rows = await session.execute(sa.select(Preferences).where(Preferences.user_id.in_(ids)))
    return {p.user_id: p for p in rows.scalars()}


async def channels_off(
    session: AsyncSession, user_ids: Iterable[uuid.UUID]
) -> set[tuple[uuid.UUID, str, str]]:
    """(user, category, channel) of everything those users turned off."""
    ids = list(set(user_ids))
    if not ids:
        return set()
    rows = await session.execute(
        sa.select(ChannelOff.user_id, ChannelOff.category, ChannelOff.channel).where(
            ChannelOff.user_id.in_(ids)
        )
    )
    return {(r.user_id, r.category, r.channel) for r in rows}


async def save_preferences(
    session: AsyncSession, user_id: uuid.UUID, values: dict[str, Any]
) -> None:
    stmt = insert(Preferences).values(user_id=user_id, **values)
    await session.execute(
        stmt.on_conflict_do_update(index_elements=[Preferences.user_id], set_=values)
    )


async def set_channel(
    session: AsyncSession, *, user_id: uuid.UUID, category: str, channel: str, on: bool
) -> None:
    if on:
        await session.execute(
            sa.delete(ChannelOff).where(
                ChannelOff.user_id == user_id,
                ChannelOff.category == category,
                ChannelOff.channel == channel,
            )
        )
    else:
        await session.execute(
            insert(ChannelOff)
            .values(user_id=user_id, category=category, channel=channel)
            .on_conflict_do_nothing()
        )


# --- deliveries ---------------------------------------------------------------------------


async def insert_deliveries(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """New deliveries; one a redelivered event already made is left as it is."""
    if rows:
        await session.execute(
            insert(Delivery)
            .values(rows)
            .on_conflict_do_nothing(constraint="uq_deliveries_notification")
        )


async def due_deliveries(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[tuple[Delivery, Notification]]:
    """Pending deliveries due by now with their notifications, oldest first, locked; rows
    another sender holds are skipped (senders run side by side)."""
    stmt = (
        sa.select(Delivery, Notification)
        .join(Notification, Notification.id == Delivery.notification_id)
        .where(Delivery.status == DeliveryStatus.PENDING.value, Delivery.due_at <= now)
        .order_by(Delivery.due_at, Delivery.id)
        .limit(limit)
        .with_for_update(of=Delivery, skip_locked=True)
    )
    return [(d, n) for d, n in (await session.execute(stmt)).all()]


async def next_due(session: AsyncSession) -> datetime | None:
    """When the earliest pending delivery is due (None: nothing pending)."""
    stmt = sa.select(sa.func.min(Delivery.due_at)).where(
        Delivery.status == DeliveryStatus.PENDING.value
    )
    found: datetime | None = (await session.execute(stmt)).scalar_one()
    return found


async def skip_pending(
    session: AsyncSession, *, user_id: uuid.UUID, category: str, channel: str, now: datetime
) -> None:
    """What a user just turned off and was still waiting (quiet hours, a digest)."""
    await session.execute(
        sa.update(Delivery)
        .where(
            Delivery.user_id == user_id,
            Delivery.category == category,
            Delivery.channel == channel,
            Delivery.status == DeliveryStatus.PENDING.value,
        )
        .values(status=DeliveryStatus.SKIPPED.value, last_error="turned off", sent_at=now)
        .execution_options(synchronize_session=False)
    )


# --- unsubscribe tokens -------------------------------------------------------------------------


async def unsubscribe_token(
    session: AsyncSession, *, user_id: uuid.UUID, category: str, now: datetime
) -> str:
    """The user's link secret for the category, made on first use."""
    fresh = secrets.token_urlsafe(24)
    await session.execute(
        insert(UnsubscribeToken)
        .values(token=fresh, user_id=user_id, category=category, created_at=now)
        .on_conflict_do_nothing(constraint="uq_unsubscribe_tokens_user")
    )
    token: str = (
        await session.execute(
            sa.select(UnsubscribeToken.token).where(
                UnsubscribeToken.user_id == user_id, UnsubscribeToken.category == category
            )
        )
    ).scalar_one()
    return token


async def token_owner(session: AsyncSession, token: str) -> UnsubscribeToken | None:
    found: UnsubscribeToken | None = await session.get(UnsubscribeToken, token)
    return found


async def forget_user(session: AsyncSession, *, user_id: uuid.UUID) -> None:
    """A leaving user's choices and links (deliveries go with their notifications)."""
    for model in (Preferences, ChannelOff, UnsubscribeToken):
        await session.execute(
            sa.delete(model)
            .where(model.user_id == user_id)
            .execution_options(synchronize_session=False)
        )
