"""The web push ORM (migrations/0005_push.py): one row per browser a user let us push to.

`endpoint` is the push service's URL for that browser (RFC 8030) and names the row: a
browser that subscribes again, even for another account, updates its row. `user_id` is
identity's account id (no foreign key across services).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.notifications.models import TS, NotificationsBase


class PushSubscription(NotificationsBase):
    __tablename__ = "push_subscriptions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    endpoint: Mapped[str] = mapped_column(sa.Text, unique=True)
    # The browser's ECDH public key (uncompressed P-256 point) and auth secret, base64url.
    p256dh: Mapped[str] = mapped_column(sa.Text)
    auth: Mapped[str] = mapped_column(sa.Text)
    # What the user sees in their device list ("Chrome on Android" or their own label).
    device: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(TS)
    # The browser's latest subscribe (apps re-subscribe on each visit): the least recently
    # refreshed go first when a user has too many.
    refreshed_at: Mapped[datetime] = mapped_column(TS)
    last_success_at: Mapped[datetime | None] = mapped_column(TS)
    # Failed sends since the last accepted one (any kind but 404/410, which end the row).
    failures: Mapped[int] = mapped_column(sa.Integer, default=0)
    # The key of the last message the push service accepted for it (push_rules.Payload.key):
    # a retry does not send that message to this browser twice.
    last_message_key: Mapped[str | None] = mapped_column(sa.Text)
