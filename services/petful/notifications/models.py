"""The inbox ORM: one row per recipient and notification (migrations/0002_inbox.py).

`user_id` and `actor_id` are identity's account ids, `object_id` another service's id: no
foreign keys across services. `seq` orders a user's rows for the real-time stream; it is
taken from one sequence while the writer holds the recipient's lock
(repository.lock_recipient), so a user's rows commit in seq order.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.platform.db import schema_metadata

SCHEMA = "notifications"
TS = sa.DateTime(timezone=True)
SEQUENCE = f"{SCHEMA}.notification_seq"


class NotificationsBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Notification(NotificationsBase):
    __tablename__ = "notifications"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    seq: Mapped[int] = mapped_column(
        sa.BigInteger, server_default=sa.text(f"nextval('{SEQUENCE}')")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    type: Mapped[str] = mapped_column(sa.Text)  # catalogue.Entry.type
    category: Mapped[str] = mapped_column(sa.Text)  # catalogue.Category
    title: Mapped[str] = mapped_column(sa.Text)
    body: Mapped[str] = mapped_column(sa.Text)
    link: Mapped[str] = mapped_column(sa.Text)
    # Who did it (the latest of a batch); None for the platform or an admin.
    actor_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    actor_count: Mapped[int] = mapped_column(sa.Integer, default=1)
    object_type: Mapped[str] = mapped_column(sa.Text, default="")
    object_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    # When it happened; a batch moves it to its latest event (it is news again).
    created_at: Mapped[datetime] = mapped_column(TS)
    read_at: Mapped[datetime | None] = mapped_column(TS)
    hidden_at: Mapped[datetime | None] = mapped_column(TS)
