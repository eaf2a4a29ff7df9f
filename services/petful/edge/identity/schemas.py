"""Request and response bodies of the identity routes (the admin console's included), and
their protobuf mapping.

Shapes and size caps are checked here (422 naming the field); the identity service owns the
rules (password policy, phone formats, uniqueness), names the offending field when one is
broken, and owns the state (404 unknown ids, 409 wrong state).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body, Image, Instant, reason_field
from petful.pb.identity.v1 import admin_pb2
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.auth_context import USER_ROLES
from petful.platform.protobuf import enum_name, timestamp_or_none

Email = Field(min_length=3, max_length=254, examples=["owner@petful.dev"])
Password = Field(min_length=1, max_length=128)
Code = Field(pattern=r"^\d{6}$", examples=["123456"])
Reason = reason_field("repeated spam in the community")

RoleName = Literal["USER", "ADVERTISER", "ADMIN"]
AccountStatus = Literal["ACTIVE", "SUSPENDED", "WITHDRAWN"]


class User(BaseModel):
    id: str
    email: str
    name: str
    nickname: str
    phone: str
    roles: list[str]
    status: str
    bio: str
    address: str
    birth_date: str | None
    profile_image: Image | None
    created_at: datetime | None
    suspension_reason: str | None = None
    suspended_until: datetime | None = None

    @classmethod
    def from_pb(cls, u: pb.User) -> User:
        roles = (enum_name(pb.Role, r, "ROLE_") for r in u.roles)
        return cls(
            id=u.id,
            email=u.email,
            name=u.name,
            nickname=u.nickname,
            phone=u.phone,
            roles=[r for r in roles if r in USER_ROLES],
            # An account the service did not label is an ordinary, active one.
            status=enum_name(pb.AccountStatus, u.status, "ACCOUNT_STATUS_") or "ACTIVE",
            bio=u.bio,
            address=u.address,
            birth_date=u.birth_date or None,
            profile_image=Image.from_pb(u.profile_image),
            created_at=timestamp_or_none(u.created_at),
            suspension_reason=u.suspension_reason or None,
            suspended_until=timestamp_or_none(u.suspended_until),
        )


class PublicProfile(BaseModel):
    id: str
    nickname: str
    profile_image: Image | None

    @classmethod
    def from_pb(cls, p: pb.PublicProfile) -> PublicProfile:
        picture = Image.from_pb(p.profile_image)
        return cls(id=p.id, nickname=p.nickname, profile_image=picture)


class Tokens(BaseModel):
    token_type: Literal["Bearer"] = "Bearer"
    access_token: str
    access_expires_at: datetime | None
    # Absent for the web app: its refresh token is an httpOnly cookie (see .browser).
    refresh_token: str | None = None
    refresh_expires_at: datetime | None
    user: User

    @classmethod
    def from_pb(cls, t: pb.TokenPair) -> Tokens:
        return cls(
            access_token=t.access_token,
            access_expires_at=timestamp_or_none(t.access_expires_at),
            refresh_token=t.refresh_token,
            refresh_expires_at=timestamp_or_none(t.refresh_expires_at),
            user=User.from_pb(t.user),
        )


# --- sign-up and sign-in -----------------------------------------------------------------


class EmailVerificationStart(Body):
    email: str = Email


class EmailVerificationStarted(BaseModel):
    resend_available_at: datetime | None
    expires_at: datetime | None


class EmailVerificationConfirm(Body):
    email: str = Email
    code: str = Code


class EmailVerificationConfirmed(BaseModel):
    verification_token: str
    expires_at: datetime | None


class SignUp(Body):
    verification_token: str = Field(min_length=1, max_length=4096)
    email: str = Email
    password: str = Password
    name: str = Field(min_length=1, max_length=50)
    nickname: str = Field(min_length=2, max_length=20)
    phone: str = Field(min_length=9, max_length=20, examples=["010-1234-5678"])
    role: Literal["USER", "ADVERTISER"] = "USER"
    birth_date: str | None = Field(default=None, max_length=10, examples=["1990-05-17"])
    address: str | None = Field(default=None, max_length=200)


class Login(Body):
    email: str = Email
    password: str = Password


class RefreshBody(Body):
    refresh_token: str = Field(min_length=1, max_length=512)


class PasswordResetStart(Body):
    email: str = Email


class PasswordResetConfirm(Body):
    email: str = Email
    code: str = Code
    new_password: str = Password


# --- the own account ---------------------------------------------------------------------


class PasswordChange(Body):
    current_password: str = Password
    new_password: str = Password


class ProfileUpdate(Body):
    """The picture is not here: PUT /api/v1/me/profile-image uploads it."""

    nickname: str | None = Field(default=None, min_length=2, max_length=20)
    phone: str | None = Field(default=None, min_length=9, max_length=20)
    bio: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=200)
    birth_date: str | None = Field(default=None, max_length=10)


class Withdrawal(Body):
    password: str = Password
    reason: str = Field(min_length=10, max_length=500)


# --- admin console -----------------------------------------------------------------------


class Suspension(Body):
    reason: str = Reason
    until: Instant | None = Field(
        default=None, description="Optional end of the suspension; must be in the future."
    )


class ReasonBody(Body):
    reason: str = Reason


class RoleChange(Body):
    role: RoleName = Field(description="The account's new role")
    reason: str = Reason


class AdminSession(BaseModel):
    id: str
    created_at: datetime | None
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked_reason: str | None
    client_ip: str
    user_agent: str
    active: bool

    @classmethod
    def from_pb(cls, s: admin_pb2.AdminSession) -> AdminSession:
        return cls(
            id=s.id,
            created_at=timestamp_or_none(s.created_at),
            last_used_at=timestamp_or_none(s.last_used_at),
            expires_at=timestamp_or_none(s.expires_at),
            revoked_at=timestamp_or_none(s.revoked_at),
            revoked_reason=s.revoked_reason or None,
            client_ip=s.client_ip,
            user_agent=s.user_agent,
            active=s.active,
        )


class SessionList(BaseModel):
    items: list[AdminSession]


class RevokedCount(BaseModel):
    revoked: int


class AuditEntry(BaseModel):
    id: str
    actor_id: str
    action: str
    target_type: str
    target_id: str
    reason: str
    details: dict[str, Any]
    at: datetime | None

    @classmethod
    def from_pb(cls, e: admin_pb2.AuditEntry) -> AuditEntry:
        return cls(
            id=e.id,
            actor_id=e.actor_id,
            action=e.action,
            target_type=e.target_type,
            target_id=e.target_id,
            reason=e.reason,
            details=json.loads(e.details_json or "{}"),
            at=timestamp_or_none(e.at),
        )
