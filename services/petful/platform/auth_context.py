"""Who is calling: the identity the edge puts into gRPC metadata, held in a contextvar.

The edge (after Envoy verified the JWT) sets `x-petful-user-id`, `x-petful-roles` and
`x-request-id`; the server interceptor turns them into a `Principal` for the servicer, and
the client interceptor forwards the current one on every outgoing call. Services still
re-check ownership and roles for each mutating call.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from petful.platform.errors import PermissionDenied, Unauthenticated

USER_ID_KEY = "x-petful-user-id"
ROLES_KEY = "x-petful-roles"
REQUEST_ID_KEY = "x-request-id"
# The sign-in session (the access token's `sid`), so a call can spare the caller's own.
SESSION_ID_KEY = "x-petful-session-id"
METADATA_KEYS = (USER_ID_KEY, ROLES_KEY, REQUEST_ID_KEY, SESSION_ID_KEY)

# Request ids end up in logs and headers: keep them short and printable.
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


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


def to_metadata(principal: Principal) -> tuple[tuple[str, str], ...]:
    md: list[tuple[str, str]] = [(REQUEST_ID_KEY, principal.request_id)]
    if principal.user_id is not None:
        md.append((USER_ID_KEY, principal.user_id))
    if principal.roles:
        md.append((ROLES_KEY, ",".join(sorted(principal.roles))))
    if principal.session_id is not None:
        md.append((SESSION_ID_KEY, principal.session_id))
    return tuple(md)


def _text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def from_metadata(metadata: Iterable[tuple[str, str | bytes]] | None) -> Principal:
    """Principal from request metadata; a missing or unusable request id gets a fresh one."""
    values: dict[str, str] = {}
    for key, value in metadata or ():
        if key in METADATA_KEYS and key not in values:
            values[key] = _text(value).strip()
    roles = frozenset(r.strip() for r in values.get(ROLES_KEY, "").split(",") if r.strip())
    request_id = values.get(REQUEST_ID_KEY, "")
    if not _REQUEST_ID_RE.match(request_id):
        request_id = new_request_id()
    return Principal(
        user_id=values.get(USER_ID_KEY) or None,
        roles=roles,
        request_id=request_id,
        session_id=values.get(SESSION_ID_KEY) or None,
    )
