"""Matching ORM: one indexed row per PetStar and per campaign, plus each pet's track record.

Rows are copies of other services' facts (fetched over gRPC, refreshed on their events),
with the embedding (`vector(384)`, HNSW cosine) and the kiwipiepy `tsvector` we add.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from pgvector.sqlalchemy import Vector
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.platform.db import schema_metadata

TS = sa.DateTime(timezone=True)
SCHEMA = "matching"
DIMENSIONS = 384


class MatchingBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class PetStarDoc(MatchingBase):
    __tablename__ = "petstars"

    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    name: Mapped[str] = mapped_column(sa.Text)
    species: Mapped[str] = mapped_column(sa.Text)
    breed: Mapped[str] = mapped_column(sa.Text, default="")
    followers_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    engagement_rate: Mapped[float] = mapped_column(sa.Float, default=0.0)
    price_krw: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    petstar_status: Mapped[str] = mapped_column(sa.Text)
    instagram_account_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    instagram_username: Mapped[str] = mapped_column(sa.Text, default="")
    embedding: Mapped[list[float] | None] = mapped_column(Vector(DIMENSIONS))
    tsv: Mapped[str | None] = mapped_column(TSVECTOR)
    terms: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    content_hash: Mapped[str] = mapped_column(sa.Text, default="")
    model: Mapped[str] = mapped_column(sa.Text, default="")
    embedded_at: Mapped[datetime | None] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)


class CampaignDoc(MatchingBase):
    __tablename__ = "campaigns"

    campaign_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    advertiser_user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    title: Mapped[str] = mapped_column(sa.Text)
    company_name: Mapped[str] = mapped_column(sa.Text, default="")
    phase: Mapped[str] = mapped_column(sa.Text)
    target_species: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    reward_value_krw: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    embedding: Mapped[list[float] | None] = mapped_column(Vector(DIMENSIONS))
    tsv: Mapped[str | None] = mapped_column(TSVECTOR)
    terms: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    query_terms: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    content_hash: Mapped[str] = mapped_column(sa.Text, default="")
    model: Mapped[str] = mapped_column(sa.Text, default="")
    embedded_at: Mapped[datetime | None] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)


class TrackRecord(MatchingBase):
    """Finished campaign work per pet, counted once per applicant (event-driven)."""

    __tablename__ = "track_records"

    applicant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    outcome: Mapped[str] = mapped_column(sa.Text)
    recorded_at: Mapped[datetime] = mapped_column(TS)


class TermStat(MatchingBase):
    """Document frequency of each term over the approved PetStars (refreshed by the
    reindex and by beat); the row with term '' holds the number of documents."""

    __tablename__ = "term_stats"

    term: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    ndoc: Mapped[int] = mapped_column(sa.Integer)


class SuspendedOwner(MatchingBase):
    """An owner identity suspended (`petful.contracts.identity.ACCOUNT_SUSPENDED`)."""

    __tablename__ = "suspended_owners"

    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    until: Mapped[datetime | None] = mapped_column(TS)
    suspended_at: Mapped[datetime] = mapped_column(TS)
