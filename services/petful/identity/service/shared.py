"""What every part of the identity service uses: the clock, password hashing, one-field
validation, and the account lookups that turn a caller or a request id into an account."""

from __future__ import annotations

import asyncio
import functools
import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import ParamSpec, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import repository, rules
from petful.identity.models import Account
from petful.identity.rules import AccountStatus
from petful.platform.auth_context import Principal, Role, caller_id, require_role
from petful.platform.errors import FailedPrecondition, NotFound, PermissionDenied
from petful.platform.settings import Settings
from petful.platform.validation import RuleError, Violations, uuid_field

SCHEMA = "identity"
Clock = Callable[[], datetime]

P = ParamSpec("P")
T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


def one(field: str, fn: Callable[P, T], *args: P.args, **kw: P.kwargs) -> T:
    """fn's value, or InvalidArgument naming field (for a request with one checked field)."""
    v = Violations()
    value = v.check(field, fn, *args, **kw)
    v.raise_if_any(f"{field} is invalid")
    return value


def require_transition(current: AccountStatus, target: AccountStatus) -> None:
    """A state change the account's status does not allow is a conflict (409), not a 422."""
    try:
        rules.check_transition(current, target)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None


# --- passwords (argon2id) ----------------------------------------------------------------

UNUSABLE_PASSWORD = "!"  # not an argon2 hash: never verifies
_dummy_hashes: dict[tuple[int, int, int], str] = {}


def _cost(settings: Settings) -> tuple[int, int, int]:
    return (
        settings.identity.password_hash_time_cost,
        settings.identity.password_hash_memory_kib,
        settings.identity.password_hash_parallelism,
    )


@functools.cache
def _hasher_for(cost: tuple[int, int, int]) -> PasswordHasher:
    t, m, p = cost
    return PasswordHasher(time_cost=t, memory_cost=m, parallelism=p)  # argon2id


def needs_rehash(password_hash: str, settings: Settings) -> bool:
    """The hash was made with other costs than the settings' (re-hash at the next sign-in)."""
    return _hasher_for(_cost(settings)).check_needs_rehash(password_hash)


async def hash_password(password: str, *, settings: Settings) -> str:
    return await asyncio.to_thread(_hasher_for(_cost(settings)).hash, password)


async def password_matches(password_hash: str, password: str) -> bool:
    def check() -> bool:
        try:
            # The cost parameters come from the hash itself.
            return bool(_hasher_for((1, 1024, 1)).verify(password_hash, password))
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


async def burn_time(password: str, settings: Settings) -> None:
    """Spend a password check's time when there is no account (no timing oracle)."""
    cost = _cost(settings)
    if cost not in _dummy_hashes:
        _dummy_hashes[cost] = await hash_password(secrets.token_hex(16), settings=settings)
    await password_matches(_dummy_hashes[cost], password)


# --- accounts by caller or by id ---------------------------------------------------------


async def signed_in_account(
    session: AsyncSession, actor: Principal, *, for_update: bool = False
) -> Account:
    """The caller's own account; a withdrawn one is gone (404)."""
    account = await repository.get_account(session, caller_id(actor), for_update=for_update)
    if account is None or account.status_enum is AccountStatus.WITHDRAWN:
        raise NotFound("account not found")
    return account


async def target_account(
    session: AsyncSession, user_id: uuid.UUID | str, *, for_update: bool = False
) -> Account:
    """The account a request names (withdrawn ones included); a str is the request's
    `user_id` field, still to be parsed."""
    uid = user_id if isinstance(user_id, uuid.UUID) else uuid_field("user_id", user_id)
    account = await repository.get_account(session, uid, for_update=for_update)
    if account is None:
        raise NotFound("user not found")
    return account


async def require_admin(session: AsyncSession, actor: Principal) -> Account:
    """The caller's account, when the token says ADMIN *and* the account still is an active
    ADMIN (a role in the metadata alone is not enough)."""
    denied = "only administrators may do this"
    admin_id = require_role(actor, Role.ADMIN, message=denied)
    account = await repository.get_account(session, admin_id)
    if (
        account is None
        or account.role_enum is not Role.ADMIN
        or account.status_enum is not AccountStatus.ACTIVE
    ):
        raise PermissionDenied(denied)
    return account
