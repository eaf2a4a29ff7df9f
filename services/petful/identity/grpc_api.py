"""The IdentityService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from petful.identity import service, tokens
from petful.identity.models import Account
from petful.identity.rules import AccountStatus, public_nickname
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.errors import DomainError
from petful.platform.redis import get_redis
from petful.platform.settings import Settings, get_settings

_ROLE_TO_PB = {
    "USER": pb.ROLE_USER,
    "ADVERTISER": pb.ROLE_ADVERTISER,
    "ADMIN": pb.ROLE_ADMIN,
}
_ROLE_FROM_PB = {
    pb.ROLE_UNSPECIFIED: "",
    pb.ROLE_USER: "USER",
    pb.ROLE_ADVERTISER: "ADVERTISER",
    pb.ROLE_ADMIN: "ADMIN",
}
_STATUS_TO_PB = {
    AccountStatus.ACTIVE: pb.ACCOUNT_STATUS_ACTIVE,
    AccountStatus.SUSPENDED: pb.ACCOUNT_STATUS_SUSPENDED,
    AccountStatus.WITHDRAWN: pb.ACCOUNT_STATUS_WITHDRAWN,
}


def _ts(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def user_to_pb(account: Account) -> pb.User:
    user = pb.User(
        id=str(account.id),
        email=account.email,
        name=account.name,
        nickname=account.nickname,
        phone=account.phone,
        roles=[_ROLE_TO_PB[account.role]],
        status=_STATUS_TO_PB[account.status_enum],
        bio=account.bio,
        address=account.address,
        birth_date=account.birth_date.isoformat() if account.birth_date else "",
        profile_image_id=account.profile_image_id,
        created_at=_ts(account.created_at),
    )
    if account.status_enum is AccountStatus.SUSPENDED:
        user.suspension_reason = account.suspension_reason or ""
        if account.suspended_until is not None:
            user.suspended_until.CopyFrom(_ts(account.suspended_until))
    return user


def _pair_to_pb(pair: service.TokenPair) -> pb.TokenPair:
    return pb.TokenPair(
        access_token=pair.access_token,
        access_expires_at=_ts(pair.access_expires_at),
        refresh_token=pair.refresh_token,
        refresh_expires_at=_ts(pair.refresh_expires_at),
        user=user_to_pb(pair.account),
    )


def _opt(request: Any, field: str) -> str | None:
    return getattr(request, field) if request.HasField(field) else None


class IdentityServicer(pb_grpc.IdentityServiceServicer):
    def __init__(self, settings: Settings, keys: tokens.KeyRing, clock: service.Clock) -> None:
        self.settings = settings
        self.keys = keys
        self.clock = clock

    def _redis(self) -> Any:
        return get_redis(self.settings)

    async def StartEmailVerification(
        self, request: pb.StartEmailVerificationRequest, context: Any
    ) -> pb.StartEmailVerificationResponse:
        async with transaction(self.settings) as session:
            issue = await service.start_email_verification(
                session,
                redis=self._redis(),
                settings=self.settings,
                now=self.clock(),
                email=request.email,
            )
        # The code never leaves the service over the API.
        return pb.StartEmailVerificationResponse(
            resend_available_at=_ts(issue.resend_available_at), expires_at=_ts(issue.expires_at)
        )

    async def ConfirmEmailVerification(
        self, request: pb.ConfirmEmailVerificationRequest, context: Any
    ) -> pb.ConfirmEmailVerificationResponse:
        issued = await service.confirm_email_verification(
            redis=self._redis(),
            keys=self.keys,
            settings=self.settings,
            now=self.clock(),
            email=request.email,
            code=request.code,
        )
        return pb.ConfirmEmailVerificationResponse(
            verification_token=issued.token, expires_at=_ts(issued.expires_at)
        )

    async def SignUp(self, request: pb.SignUpRequest, context: Any) -> pb.SignUpResponse:
        async with transaction(self.settings) as session:
            account = await service.sign_up(
                session,
                keys=self.keys,
                settings=self.settings,
                now=self.clock(),
                verification_token=request.verification_token,
                email=request.email,
                password=request.password,
                name=request.name,
                nickname=request.nickname,
                phone=request.phone,
                role=_ROLE_FROM_PB.get(request.role, "INVALID"),
                birth_date=request.birth_date,
                address=request.address,
            )
            return pb.SignUpResponse(user=user_to_pb(account))

    async def Login(self, request: pb.LoginRequest, context: Any) -> pb.TokenPair:
        async with transaction(self.settings) as session:
            pair = await service.login(
                session,
                redis=self._redis(),
                keys=self.keys,
                settings=self.settings,
                now=self.clock(),
                email=request.email,
                password=request.password,
                client_ip=request.client_ip,
                user_agent=request.user_agent,
            )
            return _pair_to_pb(pair)

    async def Refresh(self, request: pb.RefreshRequest, context: Any) -> pb.TokenPair:
        async with transaction(self.settings) as session:
            outcome = await service.refresh(
                session,
                keys=self.keys,
                settings=self.settings,
                now=self.clock(),
                refresh_token=request.refresh_token,
                client_ip=request.client_ip,
                user_agent=request.user_agent,
            )
            reply = None if isinstance(outcome, DomainError) else _pair_to_pb(outcome)
        # Committed first: a detected reuse must revoke the family even though we refuse.
        if isinstance(outcome, DomainError):
            raise outcome
        assert reply is not None
        return reply

    async def Logout(self, request: pb.LogoutRequest, context: Any) -> pb.LogoutResponse:
        async with transaction(self.settings) as session:
            await service.logout(session, now=self.clock(), refresh_token=request.refresh_token)
        return pb.LogoutResponse()

    async def StartPasswordReset(
        self, request: pb.StartPasswordResetRequest, context: Any
    ) -> pb.StartPasswordResetResponse:
        async with transaction(self.settings) as session:
            await service.start_password_reset(
                session,
                redis=self._redis(),
                settings=self.settings,
                now=self.clock(),
                email=request.email,
            )
        return pb.StartPasswordResetResponse()

    async def ConfirmPasswordReset(
        self, request: pb.ConfirmPasswordResetRequest, context: Any
    ) -> pb.ConfirmPasswordResetResponse:
        async with transaction(self.settings) as session:
            await service.confirm_password_reset(
                session,
                redis=self._redis(),
                settings=self.settings,
                now=self.clock(),
                email=request.email,
                code=request.code,
                new_password=request.new_password,
            )
        return pb.ConfirmPasswordResetResponse()

    async def ChangePassword(
        self, request: pb.ChangePasswordRequest, context: Any
    ) -> pb.ChangePasswordResponse:
        principal = require_principal()
        keep = principal.session_id
        async with transaction(self.settings) as session:
            await service.change_password(
                session,
                settings=self.settings,
                now=self.clock(),
                user_id=principal.user_id or "",
                current_password=request.current_password,
                new_password=request.new_password,
                keep_session_id=keep,
            )
        return pb.ChangePasswordResponse()

    async def GetMe(self, request: pb.GetMeRequest, context: Any) -> pb.User:
        principal = require_principal()
        async with transaction(self.settings) as session:
            account = await service.get_me(session, user_id=principal.user_id or "")
            return user_to_pb(account)

    async def UpdateMe(self, request: pb.UpdateMeRequest, context: Any) -> pb.User:
        principal = require_principal()
        async with transaction(self.settings) as session:
            account = await service.update_me(
                session,
                now=self.clock(),
                user_id=principal.user_id or "",
                nickname=_opt(request, "nickname"),
                phone=_opt(request, "phone"),
                bio=_opt(request, "bio"),
                address=_opt(request, "address"),
                birth_date=_opt(request, "birth_date"),
                profile_image_id=_opt(request, "profile_image_id"),
            )
            return user_to_pb(account)

    async def Withdraw(self, request: pb.WithdrawRequest, context: Any) -> pb.WithdrawResponse:
        principal = require_principal()
        async with transaction(self.settings) as session:
            await service.withdraw(
                session,
                now=self.clock(),
                user_id=principal.user_id or "",
                password=request.password,
                reason=request.reason,
            )
        return pb.WithdrawResponse()

    async def GetPublicProfile(
        self, request: pb.GetPublicProfileRequest, context: Any
    ) -> pb.PublicProfile:
        async with transaction(self.settings) as session:
            account = await service.get_public_profile(session, user_id=request.user_id)
            return pb.PublicProfile(
                id=str(account.id),
                nickname=public_nickname(account.nickname, account.status_enum),
                profile_image_id=account.profile_image_id,
            )

    async def GetJwks(self, request: pb.GetJwksRequest, context: Any) -> pb.GetJwksResponse:
        return pb.GetJwksResponse(jwks_json=self.keys.jwks_json())

    async def CheckSession(
        self, request: pb.CheckSessionRequest, context: Any
    ) -> pb.CheckSessionResponse:
        async with transaction(self.settings) as session:
            active = await service.check_session(
                session, now=self.clock(), session_id=request.session_id
            )
        return pb.CheckSessionResponse(active=active)


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: service.Clock | None = None,
) -> None:
    """Add IdentityService to server. Fails fast when no signing key is usable."""
    settings = settings or get_settings()
    keys = tokens.KeyRing.from_settings(settings)
    servicer = IdentityServicer(settings, keys, clock or service.utc_now)
    pb_grpc.add_IdentityServiceServicer_to_server(servicer, server)
