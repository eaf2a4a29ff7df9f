"""What every part of the community service shares: its schema, ORM base and clock.

The service has three parts: `posts` (boards, posts, pictures, likes and search),
`comments` (comments, replies and their likes) and the reports (신고) with the moderation
queue. Suspended authors are known from identity's events (`restrictions`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

from petful.platform.db import schema_metadata

SCHEMA = "community"
TS = sa.DateTime(timezone=True)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class CommunityBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)
