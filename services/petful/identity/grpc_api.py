"""The IdentityService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from petful.identity import service, tokens
from petful.identity.models import Account, AuditLogEntry, Report, Session
from petful.identity.rules import AccountStatus, public_nickname
from petful.pb.identity.v1 import admin_pb2 as admin_pb
from petful.pb.identity.v1 import admin_pb2_grpc as admin_pb_grpc
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc as pb_grpc
from petful.pb.identity.v1 import reports_pb2 as reports_pb
from petful.pb.identity.v1 import reports_pb2_grpc as reports_pb_grpc
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
    """Add IdentityService, IdentityAdminService and ReportService to server. Fails fast
    when no signing key is usable."""
    settings = settings or get_settings()
    keys = tokens.KeyRing.from_settings(settings)
    clock = clock or service.utc_now
    servicer = IdentityServicer(settings, keys, clock)
    pb_grpc.add_IdentityServiceServicer_to_server(servicer, server)
    admin_pb_grpc.add_IdentityAdminServiceServicer_to_server(
        IdentityAdminServicer(settings, clock), server
    )
    reports_pb_grpc.add_ReportServiceServicer_to_server(ReportServicer(settings, clock), server)


# --- IdentityAdminService and ReportService ----------------------------------------------

_ROLE_NAME_FROM_PB = {k: v for k, v in _ROLE_FROM_PB.items() if v}
_STATUS_FROM_PB = {v: k.value for k, v in _STATUS_TO_PB.items()}


def _opt_ts(message: Any, field: str) -> datetime | None:
    if not message.HasField(field):
        return None
    value: datetime = getattr(message, field).ToDatetime(tzinfo=UTC)
    return value


def _enum_name(enum_type: Any, value: int, prefix: str) -> str:
    """`REPORT_TARGET_TYPE_USER` -> `USER`; unspecified -> ""; unknown -> "?" (rejected)."""
    if value == 0:
        return ""
    try:
        name: str = enum_type.Name(value)
    except ValueError:
        return "?"
    return name.removeprefix(prefix)


def session_to_pb(row: Session, now: datetime) -> admin_pb.AdminSession:
    msg = admin_pb.AdminSession(
        id=str(row.id),
        created_at=_ts(row.created_at),
        last_used_at=_ts(row.last_used_at),
        expires_at=_ts(row.expires_at),
        revoked_reason=row.revoked_reason or "",
        client_ip=row.client_ip,
        user_agent=row.user_agent,
        active=row.is_active(now),
    )
    if row.revoked_at is not None:
        msg.revoked_at.CopyFrom(_ts(row.revoked_at))
    return msg


def audit_to_pb(entry: AuditLogEntry) -> admin_pb.AuditEntry:
    return admin_pb.AuditEntry(
        id=str(entry.id),
        actor_id=str(entry.actor_id),
        action=entry.action,
        target_type=entry.target_type,
        target_id=str(entry.target_id),
        reason=entry.reason,
        details_json=json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
        at=_ts(entry.created_at),
    )


def report_to_pb(report: Report) -> reports_pb.Report:
    msg = reports_pb.Report(
        id=str(report.id),
        reporter_id=str(report.reporter_id),
        target_type="REPORT_TARGET_TYPE_" + report.target_type,
        target_id=str(report.target_id),
        category="REPORT_CATEGORY_" + report.category,
        text=report.text,
        status="REPORT_STATUS_" + report.status,
        created_at=_ts(report.created_at),
        handled_by=str(report.handled_by) if report.handled_by else "",
        resolution_reason=report.resolution_reason or "",
        target_suspended=report.target_suspended,
    )
    if report.handled_at is not None:
        msg.handled_at.CopyFrom(_ts(report.handled_at))
    return msg


class IdentityAdminServicer(admin_pb_grpc.IdentityAdminServiceServicer):
    """Admin RPCs; the service layer re-checks the ADMIN role of `require_principal()`."""

    def __init__(self, settings: Settings, clock: service.Clock) -> None:
        self.settings = settings
        self.clock = clock

    async def ListUsers(
        self, request: admin_pb.ListUsersRequest, context: Any
    ) -> admin_pb.ListUsersResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.admin_list_users(
                session,
                actor=actor,
                query=request.query,
                role=_ROLE_NAME_FROM_PB.get(request.role, "?") if request.role else "",
                status=_STATUS_FROM_PB.get(request.status, "?") if request.status else "",
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return admin_pb.ListUsersResponse(
                items=[user_to_pb(a) for a in page.items], next_cursor=page.next_cursor
            )

    async def GetUser(self, request: admin_pb.GetUserRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await service.admin_get_user(session, actor=actor, user_id=request.user_id)
            return user_to_pb(account)

    async def SuspendUser(self, request: admin_pb.SuspendUserRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await service.admin_suspend_user(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                reason=request.reason,
                until=_opt_ts(request, "until"),
            )
            return user_to_pb(account)

    async def UnsuspendUser(self, request: admin_pb.UnsuspendUserRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await service.admin_unsuspend_user(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                reason=request.reason,
            )
            return user_to_pb(account)

    async def ListSessions(
        self, request: admin_pb.ListSessionsRequest, context: Any
    ) -> admin_pb.ListSessionsResponse:
        actor = require_principal()
        now = self.clock()
        async with transaction(self.settings) as session:
            rows = await service.admin_list_sessions(session, actor=actor, user_id=request.user_id)
            return admin_pb.ListSessionsResponse(items=[session_to_pb(r, now) for r in rows])

    async def RevokeSessions(
        self, request: admin_pb.RevokeSessionsRequest, context: Any
    ) -> admin_pb.RevokeSessionsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            count = await service.admin_revoke_sessions(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                reason=request.reason,
            )
        return admin_pb.RevokeSessionsResponse(revoked=count)

    async def RevokeSession(
        self, request: admin_pb.RevokeSessionRequest, context: Any
    ) -> admin_pb.RevokeSessionResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.admin_revoke_session(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                session_id=request.session_id,
                reason=request.reason,
            )
        return admin_pb.RevokeSessionResponse()

    async def ListAuditLog(
        self, request: admin_pb.ListAuditLogRequest, context: Any
    ) -> admin_pb.ListAuditLogResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.admin_list_audit_log(
                session,
                actor=actor,
                actor_id=request.actor_id,
                target_type=request.target_type,
                target_id=request.target_id,
                action=request.action,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return admin_pb.ListAuditLogResponse(
                items=[audit_to_pb(e) for e in page.items], next_cursor=page.next_cursor
            )


class ReportServicer(reports_pb_grpc.ReportServiceServicer):
    def __init__(self, settings: Settings, clock: service.Clock) -> None:
        self.settings = settings
        self.clock = clock

    async def CreateReport(
        self, request: reports_pb.CreateReportRequest, context: Any
    ) -> reports_pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await service.create_report(
                session,
                actor=actor,
                now=self.clock(),
                target_type=_enum_name(
                    reports_pb.ReportTargetType, request.target_type, "REPORT_TARGET_TYPE_"
                ),
                target_id=request.target_id,
                category=_enum_name(
                    reports_pb.ReportCategory, request.category, "REPORT_CATEGORY_"
                ),
                text=request.text,
            )
            return report_to_pb(report)

    async def ListMyReports(
        self, request: reports_pb.ListMyReportsRequest, context: Any
    ) -> reports_pb.ListReportsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.list_my_reports(
                session, actor=actor, page_size=request.page_size, cursor=request.cursor
            )
            return reports_pb.ListReportsResponse(
                items=[report_to_pb(r) for r in page.items], next_cursor=page.next_cursor
            )

    async def ListReports(
        self, request: reports_pb.ListReportsRequest, context: Any
    ) -> reports_pb.ListReportsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.admin_list_reports(
                session,
                actor=actor,
                status=_enum_name(reports_pb.ReportStatus, request.status, "REPORT_STATUS_"),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return reports_pb.ListReportsResponse(
                items=[report_to_pb(r) for r in page.items], next_cursor=page.next_cursor
            )

    async def ResolveReport(
        self, request: reports_pb.ResolveReportRequest, context: Any
    ) -> reports_pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await service.admin_resolve_report(
                session,
                actor=actor,
                now=self.clock(),
                report_id=request.report_id,
                reason=request.reason,
                suspend_target=request.suspend_target,
                suspend_until=_opt_ts(request, "suspend_until"),
            )
            return report_to_pb(report)

    async def DismissReport(
        self, request: reports_pb.DismissReportRequest, context: Any
    ) -> reports_pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await service.admin_dismiss_report(
                session,
                actor=actor,
                now=self.clock(),
                report_id=request.report_id,
                reason=request.reason,
            )
            return report_to_pb(report)
