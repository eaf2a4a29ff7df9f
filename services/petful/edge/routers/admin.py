"""/api/v1/admin: the admin console for accounts, sessions and the audit log (ADMIN only)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from petful.edge import clients
from petful.edge.admin_schemas import (
    AdminSession,
    AuditEntry,
    AuditPage,
    ReasonBody,
    RevokedCount,
    SessionList,
    Suspension,
    UserPage,
    to_ts,
)
from petful.edge.auth import AdminUser
from petful.edge.identity_schemas import User
from petful.pb.identity.v1 import admin_pb2 as apb
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.auth_context import to_metadata

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

_ROLES = {"USER": pb.ROLE_USER, "ADVERTISER": pb.ROLE_ADVERTISER, "ADMIN": pb.ROLE_ADMIN}
_STATUSES = {
    "ACTIVE": pb.ACCOUNT_STATUS_ACTIVE,
    "SUSPENDED": pb.ACCOUNT_STATUS_SUSPENDED,
    "WITHDRAWN": pb.ACCOUNT_STATUS_WITHDRAWN,
}


@router.get("/users", response_model=UserPage)
async def list_users(
    admin: AdminUser,
    q: Annotated[str, Query(max_length=100, description="Email or nickname substring")] = "",
    role: Literal["USER", "ADVERTISER", "ADMIN"] | None = None,
    status_: Annotated[
        Literal["ACTIVE", "SUSPENDED", "WITHDRAWN"] | None, Query(alias="status")
    ] = None,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> UserPage:
    r = await clients.identity_admin().ListUsers(
        apb.ListUsersRequest(
            query=q,
            role=_ROLES[role] if role else pb.ROLE_UNSPECIFIED,
            status=_STATUSES[status_] if status_ else pb.ACCOUNT_STATUS_UNSPECIFIED,
            page_size=page_size,
            cursor=cursor or "",
        ),
        metadata=to_metadata(admin),
    )
    return UserPage(items=[User.from_pb(u) for u in r.items], next_cursor=r.next_cursor or None)


@router.get("/users/{user_id}", response_model=User)
async def get_user(user_id: UUID, admin: AdminUser) -> User:
    r = await clients.identity_admin().GetUser(
        apb.GetUserRequest(user_id=str(user_id)), metadata=to_metadata(admin)
    )
    return User.from_pb(r)


@router.post("/users/{user_id}/suspension", response_model=User)
async def suspend_user(user_id: UUID, body: Suspension, admin: AdminUser) -> User:
    """Suspend the account and revoke all its sessions. Admin accounts cannot be suspended."""
    req = apb.SuspendUserRequest(user_id=str(user_id), reason=body.reason)
    if body.until is not None:
        req.until.CopyFrom(to_ts(body.until))
    r = await clients.identity_admin().SuspendUser(req, metadata=to_metadata(admin))
    return User.from_pb(r)


@router.delete("/users/{user_id}/suspension", response_model=User)
async def unsuspend_user(user_id: UUID, body: ReasonBody, admin: AdminUser) -> User:
    """Lift the suspension (409 when the account is not suspended)."""
    r = await clients.identity_admin().UnsuspendUser(
        apb.UnsuspendUserRequest(user_id=str(user_id), reason=body.reason),
        metadata=to_metadata(admin),
    )
    return User.from_pb(r)


@router.get("/users/{user_id}/sessions", response_model=SessionList)
async def list_sessions(user_id: UUID, admin: AdminUser) -> SessionList:
    r = await clients.identity_admin().ListSessions(
        apb.ListSessionsRequest(user_id=str(user_id)), metadata=to_metadata(admin)
    )
    return SessionList(items=[AdminSession.from_pb(s) for s in r.items])


@router.post("/users/{user_id}/sessions/revoke", response_model=RevokedCount)
async def revoke_sessions(user_id: UUID, body: ReasonBody, admin: AdminUser) -> RevokedCount:
    r = await clients.identity_admin().RevokeSessions(
        apb.RevokeSessionsRequest(user_id=str(user_id), reason=body.reason),
        metadata=to_metadata(admin),
    )
    return RevokedCount(revoked=r.revoked)


@router.delete("/users/{user_id}/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_session(
    user_id: UUID, session_id: UUID, body: ReasonBody, admin: AdminUser
) -> Response:
    await clients.identity_admin().RevokeSession(
        apb.RevokeSessionRequest(
            user_id=str(user_id), session_id=str(session_id), reason=body.reason
        ),
        metadata=to_metadata(admin),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/audit-log", response_model=AuditPage)
async def audit_log(
    admin: AdminUser,
    actor_id: UUID | None = None,
    target_type: Literal["USER", "SESSION", "REPORT"] | None = None,
    target_id: UUID | None = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> AuditPage:
    r = await clients.identity_admin().ListAuditLog(
        apb.ListAuditLogRequest(
            actor_id=str(actor_id) if actor_id else "",
            target_type=target_type or "",
            target_id=str(target_id) if target_id else "",
            action=action or "",
            page_size=page_size,
            cursor=cursor or "",
        ),
        metadata=to_metadata(admin),
    )
    return AuditPage(
        items=[AuditEntry.from_pb(e) for e in r.items], next_cursor=r.next_cursor or None
    )
