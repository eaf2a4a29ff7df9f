"""What every part of the health service shares: its schema, ORM base and clock.

The service has three parts, each a package with its own models, rules, service and gRPC
servicer: `activities` (the daily log and reports), `schedules` (care schedules, reminders
and the calendar feed) and `prescriptions` (prescription OCR into medication schedules).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

from petful.platform.db import schema_metadata

SCHEMA = "health"
TS = sa.DateTime(timezone=True)
# Owners live by Korean wall time: a day's record, a schedule's times of day and a
# report's range are dates and times in Asia/Seoul.
SEOUL = ZoneInfo("Asia/Seoul")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class HealthBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)
