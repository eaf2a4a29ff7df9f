"""Administrators' announcements (migrations/0006_broadcasts.py): one row per broadcast,
with the progress of its fan-out.

`created_by` is identity's account id of the admin: no foreign keys across services. The
fan-out walks the audience in account-id order, a page per transaction; `last_user_id` is
where it got to, so a retried task goes on from there.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.notifications.broadcast_rules import BroadcastStatus
from petful.notifications.models import TS, NotificationsBase


class Broadcast(NotificationsBase):
    __tablename__ = "broadcasts"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    audience: Mapped[str] = mapped_column(sa.Text)  # broadcast_rules.Audience
    title: Mapped[str] = mapped_column(sa.Text)
    body: Mapped[str] = mapped_column(sa.Text)
    link: Mapped[str] = mapped_column(sa.Text)
    email: Mapped[bool] = mapped_column(sa.Boolean)
    created_by: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[datetime] = mapped_column(TS)
    # The admin's retry key: the same key from the same admin finds this row.
    idempotency_key: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text, default=BroadcastStatus.QUEUED.value)
    # Active accounts of the audience when it was created.
    recipients: Mapped[int] = mapped_column(sa.Integer, default=0)
    # Inbox rows and mail deliveries written so far.
    written: Mapped[int] = mapped_column(sa.Integer, default=0)
    emails: Mapped[int] = mapped_column(sa.Integer, default=0)
    last_user_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    started_at: Mapped[datetime | None] = mapped_column(TS)
    finished_at: Mapped[datetime | None] = mapped_column(TS)
    # Why it FAILED.
    error: Mapped[str] = mapped_column(sa.Text, default="")
