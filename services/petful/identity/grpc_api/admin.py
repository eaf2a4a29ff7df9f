"""IdentityAdminService: the admin console's users, suspension, sessions and audit log.

The service layer re-checks that `require_principal()` is an active ADMIN on every call.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from petful.identity.grpc_api.messages import ROLE_PREFIX, STATUS_PREFIX, user_pb, users_pb
from petful.identity.models import AuditLogEntry, Session
from petful.identity.service import admin, audit, stats
from petful.identity.service.shared import Clock
from petful.pb.identity.v1 import admin_pb2 as admin_pb
from petful.pb.identity.v1 import admin_pb2_grpc as admin_pb_grpc
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, from_timestamp, opt_timestamp, to_timestamp
from petful.platform.settings import Settings


def session_to_pb(row: Session, now: datetime) -> admin_pb.AdminSession:
    return admin_pb.AdminSession(
        id=str(row.id),
        created_at=to_timestamp(row.created_at),
        last_used_at=to_timestamp(row.last_used_at),
        expires_at=to_timestamp(row.expires_at),
        revoked_at=opt_timestamp(row.revoked_at),
        revoked_reason=row.revoked_reason or "",
        client_ip=row.client_ip,
        user_agent=row.user_agent,
        active=row.is_active(now),
    )


def audit_to_pb(entry: AuditLogEntry) -> admin_pb.AuditEntry:
    return admin_pb.AuditEntry(
        id=str(entry.id),
        actor_id=str(entry.actor_id),
        action=entry.action,
        target_type=entry.target_type,
        target_id=str(entry.target_id),
        reason=entry.reason,
        details_json=json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
        at=to_timestamp(entry.created_at),
    )


class IdentityAdminServicer(admin_pb_grpc.IdentityAdminServiceServicer):
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock

    async def ListUsers(
        self, request: admin_pb.ListUsersRequest, context: Any
    ) -> admin_pb.ListUsersResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await admin.list_users(
                session,
                actor=actor,
                query=request.query,
                role=enum_name(pb.Role, request.role, ROLE_PREFIX),
                status=enum_name(pb.AccountStatus, request.status, STATUS_PREFIX),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return admin_pb.ListUsersResponse(
                items=await users_pb(session, page.items), next_cursor=page.next_cursor
            )

    async def GetUser(self, request: admin_pb.GetUserRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await admin.get_user(session, actor=actor, user_id=request.user_id)
            return await user_pb(session, account)

    async def SuspendUser(self, request: admin_pb.SuspendUserRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await admin.suspend_user(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                reason=request.reason,
                until=from_timestamp(request, "until"),
            )
            return await user_pb(session, account)

    async def UnsuspendUser(self, request: admin_pb.UnsuspendUserRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await admin.unsuspend_user(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                reason=request.reason,
            )
            return await user_pb(session, account)

    async def ChangeRole(self, request: admin_pb.ChangeRoleRequest, context: Any) -> pb.User:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await admin.change_role(
                session,
                actor=actor,
                now=self.clock(),
                user_id=request.user_id,
                role=enum_name(pb.Role, request.role, ROLE_PREFIX),
                reason=request.reason,
            )
            return await user_pb(session, account)

    async def ListSessions(
        self, request: admin_pb.ListSessionsRequest, context: Any
    ) -> admin_pb.ListSessionsResponse:
        actor = require_principal()
        now = self.clock()
        async with transaction(self.settings) as session:
            rows = await admin.list_sessions(session, actor=actor, user_id=request.user_id)
            return admin_pb.ListSessionsResponse(items=[session_to_pb(r, now) for r in rows])

    async def RevokeSessions(
        self, request: admin_pb.RevokeSessionsRequest, context: Any
    ) -> admin_pb.RevokeSessionsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            count = await admin.revoke_sessions(
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
            await admin.revoke_session(
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
            page = await audit.list_audit_log(
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

    async def GetAccountStats(
        self, request: admin_pb.GetAccountStatsRequest, context: Any
    ) -> admin_pb.AccountStats:
        actor = require_principal()
        async with transaction(self.settings) as session:
            figures = await stats.account_stats(
                session, actor=actor, now=self.clock(), days=request.days
            )
        return admin_pb.AccountStats(
            days=[
                admin_pb.AccountDay(date=d.day.isoformat(), sign_ups=d.sign_ups, active=d.active)
                for d in figures.days
            ],
            accounts=figures.accounts,
            suspended=figures.suspended,
            active_in_window=figures.active_in_window,
            active_last_7_days=figures.active_last_7_days,
        )
