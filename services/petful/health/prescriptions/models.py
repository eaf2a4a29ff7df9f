"""Prescriptions ORM: one row per uploaded photo, its OCR text and the draft's medications.

The medications live in a JSONB list on the row: a draft is read, corrected and confirmed
as one document (at most ten entries), never queried by medication.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.health.base import TS, HealthBase
from petful.health.prescriptions.rules import Medication, Notice, Status


class Prescription(HealthBase):
    """A prescription photo and what was read from it.

    `owner_id` is identity's account id and `pet_id` pets' pet id (no foreign keys: other
    services own those tables); `media_id` names the private photo in health's media table.
    """

    __tablename__ = "prescriptions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    media_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    status: Mapped[str] = mapped_column(sa.Text)
    notice: Mapped[str | None] = mapped_column(sa.Text)
    # The OCR text, line by line as the parser saw it; fields point into it by index.
    lines: Mapped[list[str]] = mapped_column(JSONB, default=list)
    medications: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    skew_degrees: Mapped[float | None] = mapped_column(sa.Float)
    read_seconds: Mapped[float | None] = mapped_column(sa.Float)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)
    read_at: Mapped[datetime | None] = mapped_column(TS)
    confirmed_at: Mapped[datetime | None] = mapped_column(TS)
    # What the owner chose when confirming, and the schedules it made.
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    reminder_lead_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    schedule_ids: Mapped[list[str]] = mapped_column(JSONB, default=list)

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def notice_enum(self) -> Notice | None:
        return Notice(self.notice) if self.notice else None

    @property
    def medication_list(self) -> list[Medication]:
        return [Medication.from_json(m) for m in self.medications]
