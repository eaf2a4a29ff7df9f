"""/api/v1/auth: email verification, sign-up, tokens, password reset (public routes)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from petful.edge import clients
from petful.edge.identity_schemas import (
    EmailVerificationConfirm,
    EmailVerificationConfirmed,
    EmailVerificationStart,
    EmailVerificationStarted,
    Login,
    PasswordResetConfirm,
    PasswordResetStart,
    RefreshBody,
    SignUp,
    Tokens,
    User,
    ts,
)
from petful.pb.identity.v1 import identity_pb2 as pb

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

ROLES = {"USER": pb.ROLE_USER, "ADVERTISER": pb.ROLE_ADVERTISER}


def _client(request: Request) -> tuple[str, str]:
    ip = request.client.host if request.client else ""
    return ip, request.headers.get("user-agent", "")[:256]


@router.post(
    "/email-verifications",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=EmailVerificationStarted,
)
async def start_email_verification(body: EmailVerificationStart) -> EmailVerificationStarted:
    r = await clients.identity().StartEmailVerification(
        pb.StartEmailVerificationRequest(email=body.email)
    )
    return EmailVerificationStarted(
        resend_available_at=ts(r.resend_available_at), expires_at=ts(r.expires_at)
    )


@router.post("/email-verifications/confirm", response_model=EmailVerificationConfirmed)
async def confirm_email_verification(
    body: EmailVerificationConfirm,
) -> EmailVerificationConfirmed:
    r = await clients.identity().ConfirmEmailVerification(
        pb.ConfirmEmailVerificationRequest(email=body.email, code=body.code)
    )
    return EmailVerificationConfirmed(
        verification_token=r.verification_token, expires_at=ts(r.expires_at)
    )


@router.post("/signup", status_code=status.HTTP_201_CREATED, response_model=User)
async def signup(body: SignUp) -> User:
    r = await clients.identity().SignUp(
        pb.SignUpRequest(
            verification_token=body.verification_token,
            email=body.email,
            password=body.password,
            name=body.name,
            nickname=body.nickname,
            phone=body.phone,
            role=ROLES[body.role],
            birth_date=body.birth_date or "",
            address=body.address or "",
        )
    )
    return User.from_pb(r.user)


@router.post("/login", response_model=Tokens)
async def login(body: Login, request: Request) -> Tokens:
    ip, agent = _client(request)
    r = await clients.identity().Login(
        pb.LoginRequest(email=body.email, password=body.password, client_ip=ip, user_agent=agent)
    )
    return Tokens.from_pb(r)


@router.post("/refresh", response_model=Tokens)
async def refresh(body: RefreshBody, request: Request) -> Tokens:
    ip, agent = _client(request)
    r = await clients.identity().Refresh(
        pb.RefreshRequest(refresh_token=body.refresh_token, client_ip=ip, user_agent=agent)
    )
    return Tokens.from_pb(r)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(body: RefreshBody) -> Response:
    await clients.identity().Logout(pb.LogoutRequest(refresh_token=body.refresh_token))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/password-resets", status_code=status.HTTP_202_ACCEPTED)
async def start_password_reset(body: PasswordResetStart) -> Response:
    await clients.identity().StartPasswordReset(pb.StartPasswordResetRequest(email=body.email))
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/password-resets/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_password_reset(body: PasswordResetConfirm) -> Response:
    await clients.identity().ConfirmPasswordReset(
        pb.ConfirmPasswordResetRequest(
            email=body.email, code=body.code, new_password=body.new_password
        )
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
