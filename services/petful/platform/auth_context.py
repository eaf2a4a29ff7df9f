"""Who is calling: the principal of the current call, held in a contextvar.

The edge binds the signed-in user (after Envoy and the edge verified the JWT); the platform's
client interceptor sends the current principal inside a signed internal token on every
outgoing gRPC call (platform/internal_token.py), and the server interceptor makes the
verified principal current for the servicer. Plain identity metadata is never trusted.
Services still re-check ownership and roles for each mutating call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from petful.platform.errors import PermissionDenied, Unauthenticated


class Role(StrEnum):
    """The one list of roles. Tokens carry the user roles; SERVICE is for internal callers
    (Celery tasks, the operator): identity never issues it and the edge drops it."""

    USER = "USER"  # a pet owner (and, with an approved pet, a PetStar)
    ADVERTISER = "ADVERTISER"
    ADMIN = "ADMIN"
    SERVICE = "SERVICE"


USER_ROLES: frozenset[Role] = frozenset({Role.USER, Role.ADVERTISER, Role.ADMIN})


def new_request_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str | None = None
    roles: frozenset[str] = frozenset()
    request_id: str = field(default_factory=new_request_id)
    session_id: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has_role(self, *roles: str) -> bool:
        """True if the principal holds any of roles (Role members or their names)."""
        return not self.roles.isdisjoint(str(r) for r in roles)


def service_principal(name: str) -> Principal:
    """The principal a background task uses to call another service."""
    return Principal(user_id=f"service:{name}", roles=frozenset({Role.SERVICE}))


_current: ContextVar[Principal | None] = ContextVar("petful_principal", default=None)


def current_principal() -> Principal | None:
    return _current.get()


@contextmanager
def use_principal(principal: Principal | None) -> Iterator[Principal | None]:
    """Make principal current for the block (and tasks created inside it)."""
    token = _current.set(principal)
    try:
        yield principal
    finally:
        _current.reset(token)


def caller_id(actor: Principal) -> uuid.UUID:
    """The signed-in caller's account id, or Unauthenticated (for service logic)."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    try:
        return uuid.UUID(actor.user_id or "")
    except ValueError:
        raise Unauthenticated("the caller id is not a valid user id") from None


def require_role(actor: Principal, *roles: Role, message: str = "you may not do this") -> uuid.UUID:
    """The caller's account id when it is signed in and holds any of roles.

    Unauthenticated without a signed-in caller, PermissionDenied(message) without the role.
    Service principals have no account id: callers allowing Role.SERVICE use `has_role`.
    """
    user_id = caller_id(actor)
    if not actor.has_role(*roles):
        raise PermissionDenied(message)
    return user_id


def is_admin(actor: Principal) -> bool:
    return actor.is_authenticated and actor.has_role(Role.ADMIN)


def require_principal() -> Principal:
    """The authenticated caller, or Unauthenticated (for servicers)."""
    principal = _current.get()
    if principal is None or principal.user_id is None:
        raise Unauthenticated("this call needs a signed-in user")
    return principal
