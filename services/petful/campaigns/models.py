"""Campaigns ORM: campaigns, their applicants, each applicant's content submissions and the
content reminders sent to them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.campaigns.rules import ApplicantStatus, CampaignType, Phase
from petful.campaigns.rules.schedule import Schedule
from petful.platform.db import schema_metadata

TS = sa.DateTime(timezone=True)
TEXTS = ARRAY(sa.Text)


class CampaignsBase(DeclarativeBase):
    metadata = schema_metadata("campaigns")


class Campaign(CampaignsBase):
    __tablename__ = "campaigns"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    advertiser_user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    company_name: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str] = mapped_column(sa.Text)
    product_name: Mapped[str] = mapped_column(sa.Text)
    product_description: Mapped[str] = mapped_column(sa.Text)
    image_media_ids: Mapped[list[str]] = mapped_column(TEXTS)
    objective: Mapped[str] = mapped_column(sa.Text)
    missions: Mapped[list[str]] = mapped_column(TEXTS)
    keywords: Mapped[list[str]] = mapped_column(TEXTS)
    hashtags: Mapped[list[str]] = mapped_column(TEXTS)
    requirements: Mapped[list[str]] = mapped_column(TEXTS)
    product_url: Mapped[str] = mapped_column(sa.Text)
    campaign_type: Mapped[str] = mapped_column(sa.Text)
    target_species: Mapped[list[str]] = mapped_column(TEXTS)
    headcount: Mapped[int] = mapped_column(sa.Integer)
    reward_description: Mapped[str] = mapped_column(sa.Text)
    reward_value_krw: Mapped[int] = mapped_column(sa.BigInteger)
    recruit_start: Mapped[datetime] = mapped_column(TS)
    recruit_end: Mapped[datetime] = mapped_column(TS)
    announce_at: Mapped[datetime] = mapped_column(TS)
    activity_start: Mapped[datetime] = mapped_column(TS)
    activity_end: Mapped[datetime] = mapped_column(TS)
    post_retention_days: Mapped[int] = mapped_column(sa.Integer)
    phase: Mapped[str] = mapped_column(sa.Text)
    phase_reason: Mapped[str | None] = mapped_column(sa.Text)
    applicant_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    selected_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)
    submitted_at: Mapped[datetime | None] = mapped_column(TS)
    approved_at: Mapped[datetime | None] = mapped_column(TS)
    # Set while the advertiser keeps the (completed or cancelled) campaign in the archive.
    archived_at: Mapped[datetime | None] = mapped_column(TS)
    # Chosen by the client (the operator uses the resource uid); unique per advertiser.
    idempotency_key: Mapped[str | None] = mapped_column(sa.Text)

    @property
    def phase_enum(self) -> Phase:
        return Phase(self.phase)

    @property
    def type_enum(self) -> CampaignType:
        return CampaignType(self.campaign_type)

    @property
    def schedule(self) -> Schedule:
        return Schedule(
            recruit_start=self.recruit_start,
            recruit_end=self.recruit_end,
            announce_at=self.announce_at,
            activity_start=self.activity_start,
            activity_end=self.activity_end,
        )


class Applicant(CampaignsBase):
    __tablename__ = "applicants"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("campaigns.campaigns.id")
    )
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    pet_name: Mapped[str] = mapped_column(sa.Text)
    owner_user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    note: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    status_reason: Mapped[str | None] = mapped_column(sa.Text)
    carrier: Mapped[str | None] = mapped_column(sa.Text)
    tracking_number: Mapped[str | None] = mapped_column(sa.Text)
    shipped_at: Mapped[datetime | None] = mapped_column(TS)
    post_url: Mapped[str | None] = mapped_column(sa.Text)
    # The automatic content checklist (sns service, later); null until checked.
    checklist: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    likes: Mapped[int | None] = mapped_column(sa.BigInteger)
    comments: Mapped[int | None] = mapped_column(sa.BigInteger)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)

    @property
    def status_enum(self) -> ApplicantStatus:
        return ApplicantStatus(self.status)


class Submission(CampaignsBase):
    """One content submission of an applicant and the advertiser's decision on it."""

    __tablename__ = "submissions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("campaigns.applicants.id")
    )
    url: Mapped[str] = mapped_column(sa.Text)
    submitted_at: Mapped[datetime] = mapped_column(TS)
    decision: Mapped[str | None] = mapped_column(sa.Text)
    reason: Mapped[str | None] = mapped_column(sa.Text)
    decided_at: Mapped[datetime | None] = mapped_column(TS)


class Invitation(CampaignsBase):
    """An advertiser's invitation to a PetStar to apply (from the recommendations)."""

    __tablename__ = "invitations"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("campaigns.campaigns.id")
    )
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    pet_name: Mapped[str] = mapped_column(sa.Text)
    owner_user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(TS)


class ContentReminder(CampaignsBase):
    """A content-due reminder sent to an applicant (`rules.reminders`): one row per
    applicant and reminder, written with its event, so none is ever sent twice."""

    __tablename__ = "content_reminders"

    applicant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("campaigns.applicants.id", ondelete="CASCADE"),
        primary_key=True,
    )
    days_left: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(TS)
