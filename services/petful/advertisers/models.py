"""Advertisers ORM: one company profile per ADVERTISER account."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.advertisers.rules import ProfileStatus
from petful.platform.db import schema_metadata

TS = sa.DateTime(timezone=True)
SCHEMA = "advertisers"


class AdvertisersBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Profile(AdvertisersBase):
    """The company behind an advertiser account (`user_id` is identity's account id)."""

    __tablename__ = "profiles"

    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    company_name: Mapped[str] = mapped_column(sa.Text)
    business_registration_number: Mapped[str] = mapped_column(sa.Text)
    representative_name: Mapped[str] = mapped_column(sa.Text)
    phone: Mapped[str] = mapped_column(sa.Text)
    website: Mapped[str] = mapped_column(sa.Text, default="")
    contact_email: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    logo_media_id: Mapped[str] = mapped_column(sa.Text, default="")
    business_document_media_id: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.Text)
    status_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)
    submitted_at: Mapped[datetime | None] = mapped_column(TS)
    decided_at: Mapped[datetime | None] = mapped_column(TS)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))

    @property
    def status_enum(self) -> ProfileStatus:
        return ProfileStatus(self.status)
