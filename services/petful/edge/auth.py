"""Who is calling: the edge re-validates the access token Envoy already checked.

Envoy's jwt_authn rejects bad tokens before they reach us; the edge checks again (it must
be safe without Envoy in front, e.g. in tests or a misrouted request) and asks identity
whether the token's session is still live, so a logged-out or revoked session's access
token stops working at once rather than when it expires.

The caller is bound once per request: the app's middleware makes an anonymous principal
with the request id current, `optional_user` replaces it with the signed-in one, and the
platform's client interceptor sends whichever is current with every gRPC call. Routes only
declare the dependency they need (`CurrentUser`, `AdminUser`, ...) for its role check.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request

from petful.edge import clients
from petful.pb.advertisers.v1 import advertisers_pb2
from petful.pb.identity.v1 import identity_pb2
from petful.platform.auth_context import USER_ROLES, Principal, Role, new_request_id, use_principal
from petful.platform.errors import PermissionDenied, Unauthenticated
from petful.platform.settings import get_settings

JWKS_TTL_SECONDS = 300.0

REQUEST_ID_HEADER = "X-Request-Id"
# A caller's request id is kept only when it looks like one: it is echoed in a header and
# written to every log line, so arbitrary input never is. (Stricter than what services
# accept, so whatever the edge forwards passes there too.)
_CALLER_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

# The /api/ routes Envoy lets through without a token (its jwt_authn rules, in
# charts/petful/files/envoy.yaml, must say the same; a test compares them).
PUBLIC_ROUTES: tuple[tuple[str, str], ...] = (
    ("prefix", "/api/v1/auth/"),
    ("prefix", "/api/v1/health"),
    ("path", "/api/openapi.json"),
    ("prefix", "/api/docs"),
    ("safe_regex", "^/api/v1/users/[^/]+/public$"),
    ("prefix", "/api/v1/petstars"),
    ("path", "/api/v1/breeds"),
    ("prefix", "/api/v1/public/"),
)


class _JwksCache:
    """Identity's public keys, refetched after a TTL or when a token names an unknown kid."""

    def __init__(self) -> None:
        self.keys: dict[str, Any] = {}
        self.fetched_at = 0.0

    async def refresh(self) -> None:
        response = await clients.identity().GetJwks(identity_pb2.GetJwksRequest())
        jwks = json.loads(response.jwks_json)
        self.keys = {k["kid"]: jwt.PyJWK(k).key for k in jwks.get("keys", [])}
        self.fetched_at = time.monotonic()

    async def key(self, kid: str) -> Any:
        stale = time.monotonic() - self.fetched_at > JWKS_TTL_SECONDS
        if stale or kid not in self.keys:
            await self.refresh()
        if kid not in self.keys:
            raise Unauthenticated("The access token was signed by an unknown key.")
        return self.keys[kid]

    async def jwks_json(self) -> str:
        response = await clients.identity().GetJwks(identity_pb2.GetJwksRequest())
        return str(response.jwks_json)


jwks_cache = _JwksCache()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Use 'Authorization: Bearer <access token>'.")
    return token.strip()


async def verify_access_token(token: str) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise Unauthenticated("The access token is malformed.") from exc
    # Only our algorithm: refuses `alg: none` and HMAC-with-public-key confusion.
    if header.get("alg") != "EdDSA" or not isinstance(header.get("kid"), str):
        raise Unauthenticated("The access token is not signed the way we sign tokens.")
    key = await jwks_cache.key(header["kid"])
    settings = get_settings()
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            audience=settings.identity.jwt_audience,
            issuer=settings.identity.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "jti", "sid"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("The access token has expired; refresh it.") from exc
    except jwt.PyJWTError as exc:
        raise Unauthenticated("The access token is invalid.") from exc
    session = await clients.identity().CheckSession(
        identity_pb2.CheckSessionRequest(session_id=str(claims["sid"]))
    )
    if not session.active:
        raise Unauthenticated("This session has ended; sign in again.")
    return claims


def request_id(request: Request) -> str:
    """The request's id: the caller's X-Request-Id when it looks like one, else a new one.

    Decided once per request and kept in its state, so the response header, the principal
    and with it every gRPC call of the request carry the same id.
    """
    known: str | None = getattr(request.state, "request_id", None)
    if known is None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        known = incoming if _CALLER_REQUEST_ID.fullmatch(incoming) else new_request_id()
        request.state.request_id = known
    return known


async def optional_user(request: Request) -> AsyncIterator[Principal | None]:
    """The signed-in caller (None without a token), made current for the rest of the request.

    The platform's client interceptor sends the current principal with every gRPC call, so
    routes never pass identity by hand. The binding lives in this request's context only:
    FastAPI runs the dependency, the route and the dependency's exit in the request's task.
    """
    token = _bearer(request)
    if token is None:
        yield None
        return
    claims = await verify_access_token(token)
    principal = Principal(
        user_id=str(claims["sub"]),
        # Only user roles: a token naming SERVICE (or anything else) gains nothing.
        roles=frozenset(Role(r) for r in claims.get("roles", []) if r in USER_ROLES),
        request_id=request_id(request),
        session_id=str(claims["sid"]),
    )
    with use_principal(principal):
        yield principal


async def current_user(user: Annotated[Principal | None, Depends(optional_user)]) -> Principal:
    if user is None:
        raise Unauthenticated("Sign in to do this.")
    return user


async def admin_user(user: Annotated[Principal, Depends(current_user)]) -> Principal:
    if not user.has_role(Role.ADMIN):
        raise PermissionDenied("Only administrators may do this.")
    return user


async def pet_owner(user: Annotated[Principal, Depends(current_user)]) -> Principal:
    """A pet owner's account (role USER): what PetStars do in campaigns."""
    if not user.has_role(Role.USER):
        raise PermissionDenied("Only pet owner accounts may do this.")
    return user


async def advertiser_user(user: Annotated[Principal, Depends(current_user)]) -> Principal:
    """An ADVERTISER account, approved or not (its own company profile routes)."""
    if not user.has_role(Role.ADVERTISER):
        raise PermissionDenied("Only advertiser accounts may do this.")
    return user


async def approved_advertiser(user: Annotated[Principal, Depends(current_user)]) -> Principal:
    """An ADVERTISER account whose company profile an admin approved (and did not restrict).

    Admins are not advertisers: they act on advertisers through the admin routes and are
    refused here like any other non-advertiser account.
    """
    if not user.has_role(Role.ADVERTISER):
        raise PermissionDenied("Only advertiser accounts may do this.")
    approval = await clients.advertisers().GetApproval(
        advertisers_pb2.GetApprovalRequest(user_id=user.user_id or "")
    )
    if approval.status == advertisers_pb2.PROFILE_STATUS_APPROVED:
        return user
    if approval.status == advertisers_pb2.PROFILE_STATUS_RESTRICTED:
        raise PermissionDenied(
            "Your advertiser account is restricted."
            + (f" Reason: {approval.status_reason}" if approval.status_reason else ""),
            type_="https://petful.dev/problems/advertiser-restricted",
            title="Advertiser account restricted",
        )
    raise PermissionDenied(
        "Your advertiser account is awaiting approval.",
        type_="https://petful.dev/problems/advertiser-not-approved",
        title="Advertiser account not approved",
    )


OptionalUser = Annotated[Principal | None, Depends(optional_user)]
CurrentUser = Annotated[Principal, Depends(current_user)]
AdminUser = Annotated[Principal, Depends(admin_user)]
PetOwner = Annotated[Principal, Depends(pet_owner)]
AdvertiserUser = Annotated[Principal, Depends(advertiser_user)]
ApprovedAdvertiser = Annotated[Principal, Depends(approved_advertiser)]
