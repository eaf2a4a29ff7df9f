"""sns ORM: linked Instagram accounts, their media and daily follower counts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from petful.platform.db import schema_metadata
from petful.sns.rules.accounts import AccountStatus

SCHEMA = "sns"
TS = sa.DateTime(timezone=True)


class SnsBase(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Account(SnsBase):
    """An Instagram business account linked by a user (`owner_user_id` is identity's id).

    The long-lived token is stored only encrypted (see crypto.py); an UNLINKED row keeps
    its history but no token. When the owner leaves PetFul the row is deleted."""

    __tablename__ = "accounts"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    owner_user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    ig_user_id: Mapped[str] = mapped_column(sa.Text)
    username: Mapped[str] = mapped_column(sa.Text, default="")
    name: Mapped[str] = mapped_column(sa.Text, default="")
    biography: Mapped[str] = mapped_column(sa.Text, default="")
    profile_picture_url: Mapped[str] = mapped_column(sa.Text, default="")
    followers_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    follows_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    media_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    source: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    token_ciphertext: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    token_key_id: Mapped[str | None] = mapped_column(sa.Text)
    token_expires_at: Mapped[datetime | None] = mapped_column(TS)
    last_synced_at: Mapped[datetime | None] = mapped_column(TS)
    last_sync_error: Mapped[str] = mapped_column(sa.Text, default="")
    # The owner's PetFul account is suspended (identity's ACCOUNT_SUSPENDED): no sync runs
    # while rules.accounts.suspension_in_force says so. Nothing else changes.
    owner_suspended_at: Mapped[datetime | None] = mapped_column(TS)
    owner_suspended_until: Mapped[datetime | None] = mapped_column(TS)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)

    @property
    def status_enum(self) -> AccountStatus:
        return AccountStatus(self.status)


class Media(SnsBase):
    __tablename__ = "media"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.accounts.id", ondelete="CASCADE")
    )
    ig_media_id: Mapped[str] = mapped_column(sa.Text)
    caption: Mapped[str] = mapped_column(sa.Text, default="")
    media_type: Mapped[str] = mapped_column(sa.Text, default="")
    permalink: Mapped[str] = mapped_column(sa.Text, default="")
    posted_at: Mapped[datetime] = mapped_column(TS)
    like_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    comments_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    synced_at: Mapped[datetime] = mapped_column(TS)
    shortcode: Mapped[str] = mapped_column(sa.Text, default="")
    paid_partnership: Mapped[bool] = mapped_column(sa.Boolean, default=False)


class FollowerHistory(SnsBase):
    """The follower count seen on a day (UTC), one row per account and day."""

    __tablename__ = "follower_history"

    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("sns.accounts.id", ondelete="CASCADE"),
        primary_key=True,
    )
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    followers: Mapped[int] = mapped_column(sa.BigInteger)


class InsightMonth(SnsBase):
    """Account insights summed over a calendar month (read in two half-month windows)."""

    __tablename__ = "insights_monthly"

    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.accounts.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    likes: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    comments: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    shares: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    views: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    reach: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    synced_at: Mapped[datetime] = mapped_column(TS)


class AnalyticsRow(SnsBase):
    """The analytics computed at the last sync (rules.analytics.Analytics as JSON)."""

    __tablename__ = "analytics"

    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.accounts.id", ondelete="CASCADE"), primary_key=True
    )
    computed_at: Mapped[datetime] = mapped_column(TS)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)


class ModerationSettings(SnsBase):
    __tablename__ = "moderation_settings"

    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.accounts.id", ondelete="CASCADE"), primary_key=True
    )
    auto_moderation: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    action: Mapped[str] = mapped_column(sa.Text, default="HIDE")
    moderate_negative: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    banned_words: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    updated_at: Mapped[datetime] = mapped_column(TS)


class Comment(SnsBase):
    """A synced comment or reply. `state` and `moderated_at` belong to PetFul: a re-sync
    refreshes text and likes only, so it never undoes a moderation decision."""

    __tablename__ = "comments"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.accounts.id", ondelete="CASCADE")
    )
    ig_comment_id: Mapped[str] = mapped_column(sa.Text)
    ig_media_id: Mapped[str] = mapped_column(sa.Text)
    parent_ig_comment_id: Mapped[str] = mapped_column(sa.Text, default="")
    username: Mapped[str] = mapped_column(sa.Text, default="")
    text: Mapped[str] = mapped_column(sa.Text, default="")
    like_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    posted_at: Mapped[datetime] = mapped_column(TS)
    sentiment: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.Text, default="VISIBLE")
    banned_hits: Mapped[list[str]] = mapped_column(ARRAY(sa.Text), default=list)
    moderated_at: Mapped[datetime | None] = mapped_column(TS)
    moderation_reason: Mapped[str] = mapped_column(sa.Text, default="")
    # An automatic action Instagram did not take yet (retried at each sync until it does).
    pending_action: Mapped[str | None] = mapped_column(sa.Text)
    first_seen_at: Mapped[datetime] = mapped_column(TS)
    synced_at: Mapped[datetime] = mapped_column(TS)


class ModerationLog(SnsBase):
    __tablename__ = "moderation_log"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.accounts.id", ondelete="CASCADE")
    )
    comment_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("sns.comments.id", ondelete="CASCADE")
    )
    action: Mapped[str] = mapped_column(sa.Text)
    reason: Mapped[str] = mapped_column(sa.Text)
    by: Mapped[str] = mapped_column(sa.Text)
    by_user_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    at: Mapped[datetime] = mapped_column(TS)
