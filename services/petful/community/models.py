"""Community ORM: user reports (신고). Posts and comments join them with the boards."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.community.rules import ReportStatus, ReportTargetType
from petful.platform.db import schema_metadata

TS = sa.DateTime(timezone=True)


class CommunityBase(DeclarativeBase):
    metadata = schema_metadata("community")


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

    @property
    def status_enum(self) -> ReportStatus:
        return ReportStatus(self.status)

    @property
    def target_type_enum(self) -> ReportTargetType:
        return ReportTargetType(self.target_type)
