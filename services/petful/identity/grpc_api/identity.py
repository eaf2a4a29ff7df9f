"""IdentityService: sign-up, sign-in, tokens, passwords and the caller's profile.

Protobuf <-> service calls only; each RPC is one transaction.
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import tokens
from petful.identity.grpc_api.messages import (
    ROLE_PREFIX,
    STATUS_PREFIX,
    picture_to_pb,
    user_pb,
)
from petful.identity.models import Account
from petful.identity.rules import AccountStatus, public_nickname
from petful.identity.service import (
    accounts,
    codes,
    passwords,
    profile,
    profile_image,
    sessions,
)
from petful.identity.service.shared import Clock
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc as pb_grpc
from petful.platform import media
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.errors import DomainError
from petful.platform.protobuf import enum_name, to_timestamp
from petful.platform.redis import get_redis
from petful.platform.settings import Settings


async def _pair_to_pb(session: AsyncSession, pair: sessions.TokenPair) -> pb.TokenPair:
    return pb.TokenPair(
        access_token=pair.access_token,
        access_expires_at=to_timestamp(pair.access_expires_at),
        refresh_token=pair.refresh_token,
        refresh_expires_at=to_timestamp(pair.refresh_expires_at),
        user=await user_pb(session, pair.account),
    )


def _opt(request: Any, field: str) -> str | None:
    """An `optional string` field: None when absent (unchanged), "" when cleared."""
    return getattr(request, field) if request.HasField(field) else None


def _public_profile(account: Account, picture: media.MediaRecord | None) -> pb.PublicProfile:
    """What anyone may see of an account (a withdrawn one keeps only its id and a
    placeholder nickname)."""
    withdrawn = account.status_enum is AccountStatus.WITHDRAWN
    return pb.PublicProfile(
        id=str(account.id),
        nickname=public_nickname(account.nickname, account.status_enum),
        profile_image=None if withdrawn else picture_to_pb(picture),
        withdrawn=withdrawn,
    )


class IdentityServicer(pb_grpc.IdentityServiceServicer):
    def __init__(self, settings: Settings, keys: tokens.KeyRing, clock: Clock) -> None:
        self.settings = settings
        self.keys = keys
        self.clock = clock

    def _redis(self) -> aioredis.Redis:
        return get_redis(self.settings)

    # --- verification and sign-up ------------------------------------------------------

    async def StartEmailVerification(
        self, request: pb.StartEmailVerificationRequest, context: Any
    ) -> pb.StartEmailVerificationResponse:
        async with transaction(self.settings) as session:
            issue = await codes.start_email_verification(
                session,
                redis=self._redis(),
                settings=self.settings,
                now=self.clock(),
                email=request.email,
            )
        # The code never leaves the service over the API.
        return pb.StartEmailVerificationResponse(
            resend_available_at=to_timestamp(issue.resend_available_at),
            expires_at=to_timestamp(issue.expires_at),
        )

    async def ConfirmEmailVerification(
        self, request: pb.ConfirmEmailVerificationRequest, context: Any
    ) -> pb.ConfirmEmailVerificationResponse:
        issued = await codes.confirm_email_verification(
            redis=self._redis(),
            keys=self.keys,
            settings=self.settings,
            now=self.clock(),
            email=request.email,
            code=request.code,
        )
        return pb.ConfirmEmailVerificationResponse(
            verification_token=issued.token, expires_at=to_timestamp(issued.expires_at)
        )

    async def SignUp(self, request: pb.SignUpRequest, context: Any) -> pb.SignUpResponse:
        async with transaction(self.settings) as session:
            account = await accounts.sign_up(
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
                role=enum_name(pb.Role, request.role, ROLE_PREFIX),
                birth_date=request.birth_date,
                address=request.address,
            )
            return pb.SignUpResponse(user=await user_pb(session, account))

    # --- sessions ----------------------------------------------------------------------

    async def Login(self, request: pb.LoginRequest, context: Any) -> pb.TokenPair:
        async with transaction(self.settings) as session:
            pair = await sessions.login(
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
            return await _pair_to_pb(session, pair)

    async def Refresh(self, request: pb.RefreshRequest, context: Any) -> pb.TokenPair:
        async with transaction(self.settings) as session:
            outcome = await sessions.refresh(
                session,
                keys=self.keys,
                settings=self.settings,
                now=self.clock(),
                refresh_token=request.refresh_token,
                client_ip=request.client_ip,
                user_agent=request.user_agent,
            )
            if not isinstance(outcome, DomainError):
                return await _pair_to_pb(session, outcome)
        # Raised after the commit: a detected reuse must revoke the family though we refuse.
        raise outcome

    async def Logout(self, request: pb.LogoutRequest, context: Any) -> pb.LogoutResponse:
        async with transaction(self.settings) as session:
            await sessions.logout(session, now=self.clock(), refresh_token=request.refresh_token)
        return pb.LogoutResponse()

    async def CheckSession(
        self, request: pb.CheckSessionRequest, context: Any
    ) -> pb.CheckSessionResponse:
        async with transaction(self.settings) as session:
            active = await sessions.check_session(
                session, now=self.clock(), session_id=request.session_id
            )
        return pb.CheckSessionResponse(active=active)

    async def GetJwks(self, request: pb.GetJwksRequest, context: Any) -> pb.GetJwksResponse:
        return pb.GetJwksResponse(jwks_json=self.keys.jwks_json())

    # --- passwords ---------------------------------------------------------------------

    async def StartPasswordReset(
        self, request: pb.StartPasswordResetRequest, context: Any
    ) -> pb.StartPasswordResetResponse:
        async with transaction(self.settings) as session:
            await passwords.start_password_reset(
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
            await passwords.confirm_password_reset(
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
        actor = require_principal()
        async with transaction(self.settings) as session:
            await passwords.change_password(
                session,
                actor=actor,
                settings=self.settings,
                now=self.clock(),
                current_password=request.current_password,
                new_password=request.new_password,
            )
        return pb.ChangePasswordResponse()

    # --- profile -----------------------------------------------------------------------

    async def GetMe(self, request: pb.GetMeRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return await user_pb(session, await profile.get_me(session, actor=actor))

    async def UpdateMe(self, request: pb.UpdateMeRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await profile.update_me(
                session,
                actor=actor,
                now=self.clock(),
                nickname=_opt(request, "nickname"),
                phone=_opt(request, "phone"),
                bio=_opt(request, "bio"),
                address=_opt(request, "address"),
                birth_date=_opt(request, "birth_date"),
            )
            return await user_pb(session, account)

    async def SetProfileImage(self, request: pb.SetProfileImageRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await profile_image.set_profile_image(
                session,
                actor=actor,
                now=self.clock(),
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return await user_pb(session, account)

    async def RemoveProfileImage(
        self, request: pb.RemoveProfileImageRequest, context: Any
    ) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await profile_image.remove_profile_image(
                session, actor=actor, now=self.clock(), settings=self.settings
            )
            return await user_pb(session, account)

    async def Withdraw(self, request: pb.WithdrawRequest, context: Any) -> pb.WithdrawResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await profile.withdraw(
                session,
                actor=actor,
                now=self.clock(),
                password=request.password,
                reason=request.reason,
            )
        return pb.WithdrawResponse()

    async def GetPublicProfile(
        self, request: pb.GetPublicProfileRequest, context: Any
    ) -> pb.PublicProfile:
        async with transaction(self.settings) as session:
            account = await profile.get_public_profile(session, user_id=request.user_id)
            return _public_profile(account, await profile_image.picture(session, account))

    async def GetContacts(
        self, request: pb.GetContactsRequest, context: Any
    ) -> pb.GetContactsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            accounts = await profile.get_contacts(
                session, actor=actor, user_ids=list(request.user_ids)
            )
            return pb.GetContactsResponse(
                contacts=[
                    pb.Contact(
                        user_id=str(a.id),
                        email=a.email,
                        nickname=a.nickname,
                        role=ROLE_PREFIX + a.role,
                        status=STATUS_PREFIX + a.status,
                    )
                    for a in accounts
                ]
            )

    async def ListRecipients(
        self, request: pb.ListRecipientsRequest, context: Any
    ) -> pb.ListRecipientsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            ids = await profile.list_recipients(
                session,
                actor=actor,
                role=enum_name(pb.Role, request.role, ROLE_PREFIX),
                after_user_id=request.after_user_id,
                limit=request.limit,
                now=self.clock(),
            )
            return pb.ListRecipientsResponse(user_ids=[str(i) for i in ids])

    async def CountRecipients(
        self, request: pb.CountRecipientsRequest, context: Any
    ) -> pb.CountRecipientsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            count = await profile.count_recipients(
                session,
                actor=actor,
                role=enum_name(pb.Role, request.role, ROLE_PREFIX),
                now=self.clock(),
            )
            return pb.CountRecipientsResponse(count=count)

    async def GetPublicProfiles(
        self, request: pb.GetPublicProfilesRequest, context: Any
    ) -> pb.GetPublicProfilesResponse:
        async with transaction(self.settings) as session:
            accounts = await profile.get_public_profiles(session, user_ids=list(request.user_ids))
            pictures = await profile_image.pictures(session, accounts)
            return pb.GetPublicProfilesResponse(
                profiles=[_public_profile(a, pictures.get(a.id)) for a in accounts]
            )
