"""Schedules ORM: series (never one row per occurrence), their exceptions, the reminders
sent and the owners' calendar feeds.

`owner_id` is identity's account id and `pet_id` the pets service's pet id: no foreign
keys across services. Inside the schema, exceptions and reminders belong to their schedule.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, BYTEA, UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.health.base import TS, HealthBase


class Schedule(HealthBase):
    __tablename__ = "schedules"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    # The pet's name for reminders and the feed, which run without asking pets; kept fresh
    # by every write and by pets' `pet.updated`.
    pet_name: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.Text)
    sub_type: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str] = mapped_column(sa.Text)
    memo: Mapped[str] = mapped_column(sa.Text, default="")
    # Asia/Seoul wall times and dates.
    times: Mapped[list[time]] = mapped_column(ARRAY(sa.Time))
    start_date: Mapped[date] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    # RFC 5545 RRULE value without DTSTART/UNTIL ("" for a one-off); end_date is the UNTIL.
    rrule: Mapped[str] = mapped_column(sa.Text, default="")
    # MEDICATION only.
    medication_name: Mapped[str | None] = mapped_column(sa.Text)
    dosage: Mapped[str | None] = mapped_column(sa.Text)
    doses_per_day: Mapped[int | None] = mapped_column(sa.Integer)
    duration_days: Mapped[int | None] = mapped_column(sa.Integer)
    from_prescription: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # None: reminders off. The last lead time is remembered for turning them on again.
    reminder_lead_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    last_lead_minutes: Mapped[int] = mapped_column(sa.Integer)
    # The reminder scan's pointer: the next occurrence to remind of and when (UTC).
    next_occurrence_key: Mapped[datetime | None] = mapped_column(TS)
    next_occurrence_at: Mapped[datetime | None] = mapped_column(TS)
    next_fire_at: Mapped[datetime | None] = mapped_column(TS)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)
    deleted_at: Mapped[datetime | None] = mapped_column(TS)


class ScheduleException(HealthBase):
    """One occurrence, by its key, cancelled (EXDATE) or overridden (moved or retitled)."""

    __tablename__ = "schedule_exceptions"

    schedule_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("health.schedules.id", ondelete="CASCADE"),
        primary_key=True,
    )
    key: Mapped[datetime] = mapped_column(TS, primary_key=True)
    cancelled: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    moved_to: Mapped[datetime | None] = mapped_column(TS)
    title: Mapped[str | None] = mapped_column(sa.Text)


class Reminder(HealthBase):
    """A reminder sent for one occurrence: unique per (schedule, occurrence key), so a scan
    that runs again (a restart, two beats) never sends it twice."""

    __tablename__ = "reminders"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    schedule_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("health.schedules.id", ondelete="CASCADE")
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    pet_name: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.Text)
    sub_type: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str] = mapped_column(sa.Text)
    occurrence_key: Mapped[datetime] = mapped_column(TS)
    occurs_at: Mapped[datetime] = mapped_column(TS)
    lead_minutes: Mapped[int] = mapped_column(sa.Integer)
    fired_at: Mapped[datetime] = mapped_column(TS)


class CalendarFeed(HealthBase):
    """An owner's private feed. Only the token's SHA-256 is kept: the address is shown once,
    when made, and a leaked table does not open anyone's calendar."""

    __tablename__ = "calendar_feeds"

    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    token_hash: Mapped[bytes] = mapped_column(BYTEA, unique=True)
    created_at: Mapped[datetime] = mapped_column(TS)
