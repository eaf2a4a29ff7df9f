"""Who may see an account, and what a Graph failure means to a caller who is waiting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.auth_context import Principal, Role
from petful.platform.errors import (
    DomainError,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    ServiceUnavailable,
    Unauthenticated,
)
from petful.platform.validation import uuid_field
from petful.sns import graph, repository
from petful.sns.crypto import Sealed, TokenBox
from petful.sns.models import Account

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


HIDDEN = "Instagram account not found"


async def visible(
    session: AsyncSession,
    actor: Principal,
    raw_id: str,
    *,
    admin: bool,
    service: bool,
    for_update: bool = False,
) -> Account:
    """The account if the caller may see it; NOT_FOUND otherwise (no existence leak).

    admin / service say whether ADMIN / SERVICE callers may, besides the owner; an ADMIN or
    SERVICE caller who may not gets PERMISSION_DENIED (they may know the id exists)."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    account = await repository.get_account(
        session, uuid_field("account_id", raw_id), for_update=for_update
    )
    if account is None:
        raise NotFound(HIDDEN)
    if actor.user_id == str(account.owner_user_id):
        return account
    if admin and actor.has_role(Role.ADMIN):
        return account
    if service and actor.has_role(Role.SERVICE):
        return account
    if actor.has_role(Role.ADMIN, Role.SERVICE):
        raise PermissionDenied("only the owner may do this")
    raise NotFound(HIDDEN)


def open_token(box: TokenBox, account: Account) -> str:
    """The account's Instagram token (TokenKeyError when no configured key opens it)."""
    return box.open(
        Sealed(account.token_ciphertext or b"", account.token_key_id or ""),
        context=str(account.id),
    )


def graph_problem(e: graph.GraphError) -> DomainError:
    """A Graph failure during a call the user is waiting for."""
    if isinstance(e, graph.GraphNotConfigured):
        return ServiceUnavailable(str(e))
    if isinstance(e, graph.RateLimited):
        return ResourceExhausted("Instagram is rate limiting us: try again in a few minutes")
    if isinstance(e, graph.GraphUnavailable):
        return ServiceUnavailable("Instagram could not be reached: try again later")
    return FailedPrecondition(f"Instagram refused the request: {e.message}")
