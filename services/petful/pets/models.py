"""Pets ORM: pets, their portfolio and activity history, and PetStar applications."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.pets.rules import AppState, PetStarStatus
from petful.platform.db import schema_metadata

TS = sa.DateTime(timezone=True)
SCHEMA = "pets"


class PetsBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Pet(PetsBase):
    __tablename__ = "pets"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    name: Mapped[str] = mapped_column(sa.Text)
    # casefolded name: unique per owner
    name_key: Mapped[str] = mapped_column(sa.Text)
    species: Mapped[str] = mapped_column(sa.Text)
    breed: Mapped[str] = mapped_column(sa.Text, default="")
    sex: Mapped[str] = mapped_column(sa.Text)
    neutered: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    birth_date: Mapped[date | None] = mapped_column(sa.Date)
    approx_age_months: Mapped[int | None] = mapped_column(sa.Integer)
    weight_kg: Mapped[Decimal | None] = mapped_column(sa.Numeric(4, 1))
    # The health log's measurement the weight came from (its day and write time): a later
    # event about an older measurement is ignored. None: typed on the pet card.
    weight_measured_on: Mapped[date | None] = mapped_column(sa.Date)
    weight_recorded_at: Mapped[datetime | None] = mapped_column(TS)
    personality_tags: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    intro: Mapped[str] = mapped_column(sa.Text, default="")
    image_media_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    instagram_account_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    instagram_username: Mapped[str] = mapped_column(sa.Text, default="")
    petstar_status: Mapped[str] = mapped_column(sa.Text, default=PetStarStatus.NONE.value)
    petstar_since: Mapped[datetime | None] = mapped_column(TS)
    # SNS figures for the directory, refreshed at verification and on each sync.
    followers_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    engagement_rate: Mapped[float] = mapped_column(sa.Float, default=0.0)
    # The account's recent posts (rules.StoredPost as JSON) and when they were synced.
    instagram_posts: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    instagram_synced_at: Mapped[datetime | None] = mapped_column(TS)
    # The owner's suspension (identity's event), which hides the pet from everyone else
    # (rules.owner_suspended); both None while the owner is in good standing.
    owner_suspended_at: Mapped[datetime | None] = mapped_column(TS)
    owner_suspended_until: Mapped[datetime | None] = mapped_column(TS)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)

    @property
    def petstar_enum(self) -> PetStarStatus:
        return PetStarStatus(self.petstar_status)


class Portfolio(PetsBase):
    __tablename__ = "portfolios"

    pet_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("pets.pets.id", ondelete="CASCADE"), primary_key=True
    )
    intro: Mapped[str] = mapped_column(sa.Text, default="")
    personality: Mapped[str] = mapped_column(sa.Text, default="")
    price_krw: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    contact_preference: Mapped[str] = mapped_column(sa.Text)
    published: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(TS)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)


class HistoryEntry(PetsBase):
    __tablename__ = "history_entries"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    pet_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("pets.pets.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(sa.Text)
    start_date: Mapped[date] = mapped_column(sa.Date)
    end_date: Mapped[date] = mapped_column(sa.Date)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)


class HistoryImage(PetsBase):
    __tablename__ = "history_images"

    history_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("pets.history_entries.id", ondelete="CASCADE"),
        primary_key=True,
    )
    media_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    position: Mapped[int] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(TS)


class Application(PetsBase):
    __tablename__ = "applications"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    pet_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("pets.pets.id", ondelete="CASCADE")
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    instagram_account_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    state: Mapped[str] = mapped_column(sa.Text)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    idempotency_key: Mapped[str | None] = mapped_column(sa.Text)
    # MetricsSnapshot fields as reported by the sns service at verification.
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    eligible: Mapped[bool | None] = mapped_column(sa.Boolean)
    eligibility_reasons: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    flagged: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    verification_error: Mapped[str] = mapped_column(sa.Text, default="")
    verify_attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    submitted_at: Mapped[datetime] = mapped_column(TS)
    decided_at: Mapped[datetime | None] = mapped_column(TS)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    updated_at: Mapped[datetime] = mapped_column(TS)

    @property
    def state_enum(self) -> AppState:
        return AppState(self.state)
