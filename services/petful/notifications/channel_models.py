"""The channels' ORM (migrations/0004_channels.py): each user's choices, the email and push
deliveries a notification makes, and the tokens of unsubscribe links.

Only what a user turned off is stored (`ChannelOff`): a new category or channel starts on.
A delivery is one notification on one channel; it waits (`due_at`) through the
recipient's quiet hours and between retries, and ends SENT or FAILED.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.notifications.models import TS, NotificationsBase
from petful.notifications.rules import DEFAULT_QUIET_END, DEFAULT_QUIET_START


class Preferences(NotificationsBase):
    """A user's channel-wide choices; no row means the defaults."""

    __tablename__ = "preferences"

    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    quiet_enabled: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    quiet_start: Mapped[time] = mapped_column(sa.Time, default=DEFAULT_QUIET_START)
    quiet_end: Mapped[time] = mapped_column(sa.Time, default=DEFAULT_QUIET_END)
    # Community emails gathered into one mail a day instead of one each.
    daily_digest: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(TS)


class ChannelOff(NotificationsBase):
    """One (category, channel) a user does not want."""

    __tablename__ = "channels_off"

    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    category: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    channel: Mapped[str] = mapped_column(sa.Text, primary_key=True)


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"  # every attempt failed, or there was nowhere to send it
    SKIPPED = "SKIPPED"  # the user turned the channel off, or left, before it was due


class Delivery(NotificationsBase):
    __tablename__ = "deliveries"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    notification_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("notifications.notifications.id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    type: Mapped[str] = mapped_column(sa.Text)  # the notification's, for the statistics
    category: Mapped[str] = mapped_column(sa.Text)
    channel: Mapped[str] = mapped_column(sa.Text)
    # Held for the daily digest mail rather than sent alone.
    digest: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    status: Mapped[str] = mapped_column(sa.Text, default=DeliveryStatus.PENDING.value)
    due_at: Mapped[datetime] = mapped_column(TS)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(TS)
    sent_at: Mapped[datetime | None] = mapped_column(TS)


class UnsubscribeToken(NotificationsBase):
    """The secret in a category's unsubscribe link: one per user and category, so every
    mail of that category carries the same link and it keeps working."""

    __tablename__ = "unsubscribe_tokens"

    token: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    category: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(TS)
