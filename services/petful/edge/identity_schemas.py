"""Request and response bodies of the identity routes, and their protobuf mapping.

Shapes and size caps are checked here; the identity service owns the rules (password
policy, phone formats, uniqueness) and names the offending field when one is broken.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, ConfigDict, Field

from petful.pb.identity.v1 import identity_pb2

Email = Field(min_length=3, max_length=254, examples=["owner@petful.dev"])
Password = Field(min_length=1, max_length=128)
Code = Field(pattern=r"^\d{6}$", examples=["123456"])

ROLE_NAMES = {
    identity_pb2.ROLE_USER: "USER",
    identity_pb2.ROLE_ADVERTISER: "ADVERTISER",
    identity_pb2.ROLE_ADMIN: "ADMIN",
}
STATUS_NAMES = {
    identity_pb2.ACCOUNT_STATUS_ACTIVE: "ACTIVE",
    identity_pb2.ACCOUNT_STATUS_SUSPENDED: "SUSPENDED",
    identity_pb2.ACCOUNT_STATUS_WITHDRAWN: "WITHDRAWN",
}


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def ts(value: Timestamp) -> datetime | None:
    if not value.seconds and not value.nanos:
        return None
    return value.ToDatetime(tzinfo=UTC)


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
    profile_image_id: str | None
    created_at: datetime | None
    suspension_reason: str | None = None
    suspended_until: datetime | None = None

    @classmethod
    def from_pb(cls, u: identity_pb2.User) -> User:
        return cls(
            id=u.id,
            email=u.email,
            name=u.name,
            nickname=u.nickname,
            phone=u.phone,
            roles=[ROLE_NAMES[r] for r in u.roles if r in ROLE_NAMES],
            status=STATUS_NAMES.get(u.status, "ACTIVE"),
            bio=u.bio,
            address=u.address,
            birth_date=u.birth_date or None,
            profile_image_id=u.profile_image_id or None,
            created_at=ts(u.created_at),
            suspension_reason=u.suspension_reason or None,
            suspended_until=ts(u.suspended_until),
        )


class PublicProfile(BaseModel):
    id: str
    nickname: str
    profile_image_id: str | None


class Tokens(BaseModel):
    token_type: Literal["Bearer"] = "Bearer"
    access_token: str
    access_expires_at: datetime | None
    refresh_token: str
    refresh_expires_at: datetime | None
    user: User

    @classmethod
    def from_pb(cls, t: identity_pb2.TokenPair) -> Tokens:
        return cls(
            access_token=t.access_token,
            access_expires_at=ts(t.access_expires_at),
            refresh_token=t.refresh_token,
            refresh_expires_at=ts(t.refresh_expires_at),
            user=User.from_pb(t.user),
        )


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


class PasswordChange(Body):
    current_password: str = Password
    new_password: str = Password


class ProfileUpdate(Body):
    nickname: str | None = Field(default=None, min_length=2, max_length=20)
    phone: str | None = Field(default=None, min_length=9, max_length=20)
    bio: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=200)
    birth_date: str | None = Field(default=None, max_length=10)
    profile_image_id: str | None = Field(default=None, max_length=64)


class Withdrawal(Body):
    password: str = Password
    reason: str = Field(min_length=10, max_length=500)
