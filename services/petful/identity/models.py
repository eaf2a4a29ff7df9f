"""Identity ORM: accounts, sessions (refresh-token families), refresh tokens, audit log.

The `identity.reports` table (created by migration 0003) has no model here any more: user
reports moved to the community service, whose migration copies the rows; a later release
drops the table. Likewise `accounts.profile_image_id` (free text, emptied by migration 0004)
is no longer mapped; the picture is `profile_image_media_id`. The `identity.media` table is
the platform's (`petful.platform.media`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from petful.identity.rules import AccountStatus
from petful.platform.auth_context import Role
from petful.platform.db import schema_metadata

TS = sa.DateTime(timezone=True)


class IdentityBase(DeclarativeBase):
    metadata = schema_metadata("identity")


class Account(IdentityBase):
    __tablename__ = "accounts"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    email: Mapped[str] = mapped_column(sa.Text)
    password_hash: Mapped[str] = mapped_column(sa.Text)
    name: Mapped[str] = mapped_column(sa.Text)
    nickname: Mapped[str] = mapped_column(sa.Text)
    nickname_key: Mapped[str] = mapped_column(sa.Text)
    phone: Mapped[str] = mapped_column(sa.Text)
    role: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.Text, default="")
    birth_date: Mapped[date | None] = mapped_column(sa.Date)
    # A live row of this schema's media table owned by this account (set by an upload only).
    profile_image_media_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    email_verified_at: Mapped[datetime | None] = mapped_column(TS)
    suspension_reason: Mapped[str | None] = mapped_column(sa.Text)
    suspended_until: Mapped[datetime | None] = mapped_column(TS)
    withdrawn_at: Mapped[datetime | None] = mapped_column(TS)
    withdrawal_reason: Mapped[str | None] = mapped_column(sa.Text)
    # Set when the records kept after withdrawal were erased (service/retention.py).
    erased_at: Mapped[datetime | None] = mapped_column(TS)
    password_changed_at: Mapped[datetime] = mapped_column(TS)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)

    sessions: Mapped[list[Session]] = relationship(back_populates="account", lazy="raise")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def status_enum(self) -> AccountStatus:
        return AccountStatus(self.status)


class Session(IdentityBase):
    """A sign-in: the family of refresh tokens that rotate from one login (the `sid`)."""

    __tablename__ = "sessions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("identity.accounts.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(TS)
    last_used_at: Mapped[datetime] = mapped_column(TS)
    expires_at: Mapped[datetime] = mapped_column(TS)
    revoked_at: Mapped[datetime | None] = mapped_column(TS)
    revoked_reason: Mapped[str | None] = mapped_column(sa.Text)
    client_ip: Mapped[str] = mapped_column(sa.Text, default="")
    user_agent: Mapped[str] = mapped_column(sa.Text, default="")

    account: Mapped[Account] = relationship(back_populates="sessions", lazy="raise")
    tokens: Mapped[list[RefreshToken]] = relationship(back_populates="session", lazy="raise")

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class RefreshToken(IdentityBase):
    __tablename__ = "refresh_tokens"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("identity.sessions.id", ondelete="CASCADE")
    )
    # sha256 hex of the opaque token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(sa.Text, unique=True)
    issued_at: Mapped[datetime] = mapped_column(TS)
    expires_at: Mapped[datetime] = mapped_column(TS)
    used_at: Mapped[datetime | None] = mapped_column(TS)

    session: Mapped[Session] = relationship(back_populates="tokens", lazy="raise")


class AuditLogEntry(IdentityBase):
    """One administrator action, written in the same transaction as the action."""

    __tablename__ = "audit_log"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    actor_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    action: Mapped[str] = mapped_column(sa.Text)
    target_type: Mapped[str] = mapped_column(sa.Text)
    target_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    reason: Mapped[str] = mapped_column(sa.Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = mapped_column(TS)
