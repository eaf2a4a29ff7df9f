"""Identity's routes: /api/v1/auth (public: verification, sign-up, tokens, password reset),
/api/v1/me (the own account), /api/v1/users (what anyone may see of another user),
/.well-known/jwks.json, and /api/v1/admin (accounts, sessions and the audit log; ADMIN)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, File, Query, Request, Response, UploadFile, status
from fastapi.responses import JSONResponse

from petful.edge import clients
from petful.edge.auth import AdminUser, CurrentUser, jwks_cache
from petful.edge.common import Page, PageSize
from petful.edge.identity import browser
from petful.edge.identity.schemas import (
    AccountStatus,
    AdminSession,
    AuditEntry,
    EmailVerificationConfirm,
    EmailVerificationConfirmed,
    EmailVerificationStart,
    EmailVerificationStarted,
    Login,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetStart,
    ProfileUpdate,
    PublicProfile,
    ReasonBody,
    RefreshBody,
    RevokedCount,
    RoleChange,
    RoleName,
    SessionList,
    SignUp,
    Suspension,
    Tokens,
    User,
    Withdrawal,
)
from petful.edge.uploads import read_upload
from petful.pb.identity.v1 import admin_pb2 as apb
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.errors import InvalidArgument
from petful.platform.protobuf import timestamp_or_none, to_timestamp
from petful.platform.settings import get_settings

auth_router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
me_router = APIRouter(prefix="/api/v1/me", tags=["me"])
users_router = APIRouter(prefix="/api/v1/users", tags=["users"])
wellknown_router = APIRouter(tags=["auth"])
admin_router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

Cursor = Annotated[str | None, Query(max_length=200)]


def _client(request: Request) -> tuple[str, str]:
    ip = request.client.host if request.client else ""
    return ip, request.headers.get("user-agent", "")[:256]


# --- /api/v1/auth --------------------------------------------------------------------------


@auth_router.post(
    "/email-verifications",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=EmailVerificationStarted,
)
async def start_email_verification(body: EmailVerificationStart) -> EmailVerificationStarted:
    r = await clients.identity().StartEmailVerification(
        pb.StartEmailVerificationRequest(email=body.email)
    )
    return EmailVerificationStarted(
        resend_available_at=timestamp_or_none(r.resend_available_at),
        expires_at=timestamp_or_none(r.expires_at),
    )


@auth_router.post("/email-verifications/confirm", response_model=EmailVerificationConfirmed)
async def confirm_email_verification(
    body: EmailVerificationConfirm,
) -> EmailVerificationConfirmed:
    r = await clients.identity().ConfirmEmailVerification(
        pb.ConfirmEmailVerificationRequest(email=body.email, code=body.code)
    )
    return EmailVerificationConfirmed(
        verification_token=r.verification_token, expires_at=timestamp_or_none(r.expires_at)
    )


@auth_router.post("/signup", status_code=status.HTTP_201_CREATED, response_model=User)
async def signup(body: SignUp) -> User:
    r = await clients.identity().SignUp(
        pb.SignUpRequest(
            verification_token=body.verification_token,
            email=body.email,
            password=body.password,
            name=body.name,
            nickname=body.nickname,
            phone=body.phone,
            role=f"ROLE_{body.role}",
            birth_date=body.birth_date or "",
            address=body.address or "",
        )
    )
    return User.from_pb(r.user)


def _tokens(pair: pb.TokenPair, request: Request) -> Tokens | Response:
    """The token pair; for the web app without the refresh token, which goes in its cookie."""
    tokens = Tokens.from_pb(pair)
    if not browser.is_web_app(request):
        return tokens
    response = JSONResponse(tokens.model_dump(mode="json", exclude={"refresh_token"}))
    browser.set_refresh_cookie(response, pair.refresh_token, tokens.refresh_expires_at)
    return response


def _refresh_token(request: Request, body: RefreshBody | None) -> str:
    token = browser.refresh_token_from(request, body.refresh_token if body else None)
    if not token and not browser.is_web_app(request):
        raise InvalidArgument(
            "Send the refresh token.", field_violations=[("refresh_token", "Field required")]
        )
    return token


@auth_router.post("/login", response_model=Tokens)
async def login(body: Login, request: Request) -> Tokens | Response:
    """Sign in. With `X-Petful-Client: web` (the web app) the refresh token is set as the
    httpOnly cookie `petful_refresh` (path /api/v1/auth) and left out of the body."""
    ip, agent = _client(request)
    r = await clients.identity().Login(
        pb.LoginRequest(email=body.email, password=body.password, client_ip=ip, user_agent=agent)
    )
    return _tokens(r, request)


@auth_router.post("/refresh", response_model=Tokens)
async def refresh(request: Request, body: RefreshBody | None = None) -> Tokens | Response:
    """Rotate the refresh token: the body's, or with `X-Petful-Client: web` the cookie's
    when the body has none (the new one is set as the cookie, not in the body)."""
    ip, agent = _client(request)
    r = await clients.identity().Refresh(
        pb.RefreshRequest(
            refresh_token=_refresh_token(request, body), client_ip=ip, user_agent=agent
        )
    )
    return _tokens(r, request)


@auth_router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(request: Request, body: RefreshBody | None = None) -> Response:
    """End the session of the refresh token (the body's, or with `X-Petful-Client: web` the
    cookie's, which is cleared)."""
    token = _refresh_token(request, body)
    if token:
        await clients.identity().Logout(pb.LogoutRequest(refresh_token=token))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    if browser.is_web_app(request):
        browser.clear_refresh_cookie(response)
    return response


# No body: the document must not promise JSON (the API fuzz run caught an empty 202 there).
@auth_router.post("/password-resets", status_code=status.HTTP_202_ACCEPTED, response_class=Response)
async def start_password_reset(body: PasswordResetStart) -> Response:
    await clients.identity().StartPasswordReset(pb.StartPasswordResetRequest(email=body.email))
    return Response(status_code=status.HTTP_202_ACCEPTED)


@auth_router.post("/password-resets/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_password_reset(body: PasswordResetConfirm) -> Response:
    await clients.identity().ConfirmPasswordReset(
        pb.ConfirmPasswordResetRequest(
            email=body.email, code=body.code, new_password=body.new_password
        )
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# The keys Envoy and clients verify access tokens with.
@wellknown_router.get("/.well-known/jwks.json")
async def jwks() -> Response:
    return Response(
        await jwks_cache.jwks_json(),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=300"},
    )


# --- /api/v1/me and /api/v1/users ----------------------------------------------------------


@me_router.get("", response_model=User)
async def get_me(user: CurrentUser) -> User:
    r = await clients.identity().GetMe(pb.GetMeRequest())
    return User.from_pb(r)


@me_router.patch("", response_model=User)
async def update_me(body: ProfileUpdate, user: CurrentUser) -> User:
    # Only the fields the caller sent change; `null` is not "clear", it is "not sent".
    fields = body.model_dump(exclude_none=True)
    r = await clients.identity().UpdateMe(pb.UpdateMeRequest(**fields))
    return User.from_pb(r)


@me_router.delete("", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw(body: Withdrawal, user: CurrentUser) -> Response:
    await clients.identity().Withdraw(
        pb.WithdrawRequest(password=body.password, reason=body.reason)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@me_router.put("/profile-image", response_model=User)
async def set_profile_image(
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP or GIF, at most 10 MB")],
    user: CurrentUser,
) -> User:
    """Upload the profile picture (shown publicly): checked by content (415 wrong type, 413
    too large, 422 broken). Replaces the previous picture, which is deleted."""
    data = await read_upload(file, get_settings().media.max_bytes)
    r = await clients.identity().SetProfileImage(
        pb.SetProfileImageRequest(data=data, filename=file.filename or "")
    )
    return User.from_pb(r)


@me_router.delete("/profile-image", response_model=User)
async def remove_profile_image(user: CurrentUser) -> User:
    """Remove the profile picture (and delete it); without one nothing changes."""
    r = await clients.identity().RemoveProfileImage(pb.RemoveProfileImageRequest())
    return User.from_pb(r)


@me_router.put("/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(body: PasswordChange, user: CurrentUser) -> Response:
    await clients.identity().ChangePassword(
        pb.ChangePasswordRequest(
            current_password=body.current_password, new_password=body.new_password
        )
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@users_router.get("/{user_id}/public", response_model=PublicProfile)
async def public_profile(user_id: UUID) -> PublicProfile:
    r = await clients.identity().GetPublicProfile(pb.GetPublicProfileRequest(user_id=str(user_id)))
    return PublicProfile.from_pb(r)


# --- /api/v1/admin: accounts, sessions, audit log ------------------------------------------


@admin_router.get("/users", response_model=Page[User])
async def list_users(
    admin: AdminUser,
    q: Annotated[str, Query(max_length=100, description="Email or nickname substring")] = "",
    role: RoleName | None = None,
    status_: Annotated[AccountStatus | None, Query(alias="status")] = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[User]:
    r = await clients.identity_admin().ListUsers(
        apb.ListUsersRequest(
            query=q,
            role=f"ROLE_{role}" if role else None,
            status=f"ACCOUNT_STATUS_{status_}" if status_ else None,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[User](items=[User.from_pb(u) for u in r.items], next_cursor=r.next_cursor or None)


@admin_router.get("/users/{user_id}", response_model=User)
async def get_user(user_id: UUID, admin: AdminUser) -> User:
    r = await clients.identity_admin().GetUser(apb.GetUserRequest(user_id=str(user_id)))
    return User.from_pb(r)


@admin_router.post("/users/{user_id}/suspension", response_model=User)
async def suspend_user(user_id: UUID, body: Suspension, admin: AdminUser) -> User:
    """Suspend the account and revoke all its sessions. Admin accounts cannot be suspended."""
    req = apb.SuspendUserRequest(user_id=str(user_id), reason=body.reason)
    if body.until is not None:
        req.until.CopyFrom(to_timestamp(body.until))
    r = await clients.identity_admin().SuspendUser(req)
    return User.from_pb(r)


@admin_router.delete("/users/{user_id}/suspension", response_model=User)
async def unsuspend_user(user_id: UUID, body: ReasonBody, admin: AdminUser) -> User:
    """Lift the suspension (409 when the account is not suspended)."""
    r = await clients.identity_admin().UnsuspendUser(
        apb.UnsuspendUserRequest(user_id=str(user_id), reason=body.reason)
    )
    return User.from_pb(r)


@admin_router.put("/users/{user_id}/role", response_model=User)
async def change_role(user_id: UUID, body: RoleChange, admin: AdminUser) -> User:
    """Give the account another role (USER, ADVERTISER or ADMIN) and revoke all its
    sessions, so no token keeps the old role. 403 for your own account; 409 for a withdrawn
    account or the role it already has."""
    r = await clients.identity_admin().ChangeRole(
        apb.ChangeRoleRequest(user_id=str(user_id), role=f"ROLE_{body.role}", reason=body.reason)
    )
    return User.from_pb(r)


@admin_router.get("/users/{user_id}/sessions", response_model=SessionList)
async def list_sessions(user_id: UUID, admin: AdminUser) -> SessionList:
    r = await clients.identity_admin().ListSessions(apb.ListSessionsRequest(user_id=str(user_id)))
    return SessionList(items=[AdminSession.from_pb(s) for s in r.items])


@admin_router.post("/users/{user_id}/sessions/revoke", response_model=RevokedCount)
async def revoke_sessions(user_id: UUID, body: ReasonBody, admin: AdminUser) -> RevokedCount:
    r = await clients.identity_admin().RevokeSessions(
        apb.RevokeSessionsRequest(user_id=str(user_id), reason=body.reason)
    )
    return RevokedCount(revoked=r.revoked)


@admin_router.delete(
    "/users/{user_id}/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT
)
async def revoke_session(
    user_id: UUID, session_id: UUID, body: ReasonBody, admin: AdminUser
) -> Response:
    await clients.identity_admin().RevokeSession(
        apb.RevokeSessionRequest(
            user_id=str(user_id), session_id=str(session_id), reason=body.reason
        )
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@admin_router.get("/audit-log", response_model=Page[AuditEntry])
async def audit_log(
    admin: AdminUser,
    actor_id: UUID | None = None,
    target_type: Literal["USER", "SESSION", "REPORT"] | None = None,
    target_id: UUID | None = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[AuditEntry]:
    r = await clients.identity_admin().ListAuditLog(
        apb.ListAuditLogRequest(
            actor_id=str(actor_id) if actor_id else "",
            target_type=target_type or "",
            target_id=str(target_id) if target_id else "",
            action=action or "",
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[AuditEntry](
        items=[AuditEntry.from_pb(e) for e in r.items], next_cursor=r.next_cursor or None
    )
