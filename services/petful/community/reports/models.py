"""Community ORM: user reports (신고) of users, posts and comments."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.community.base import TS, CommunityBase
from petful.community.reports.rules import ReportStatus, ReportTargetType


class Report(CommunityBase):
    """A user's report of a user, post or comment, by exact target id.

    `reporter_id`, `handled_by` and a USER `target_id` are identity's account ids (no
    foreign key: identity owns that table).
    """

    __tablename__ = "reports"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    reporter_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    target_type: Mapped[str] = mapped_column(sa.Text)
    target_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    category: Mapped[str] = mapped_column(sa.Text)
    text: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(TS)
    handled_at: Mapped[datetime | None] = mapped_column(TS)
    handled_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    resolution_reason: Mapped[str | None] = mapped_column(sa.Text)
    target_suspended: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # What the admin did when resolving (rules.ModerationAction); None while OPEN and for
    # dismissed reports.
    action: Mapped[str | None] = mapped_column(sa.Text)

    @property
    def status_enum(self) -> ReportStatus:
        return ReportStatus(self.status)

    @property
    def target_type_enum(self) -> ReportTargetType:
        return ReportTargetType(self.target_type)
