"""Signing in (behind the `throttle`), sessions (refresh-token families) and token rotation."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import repository, rules, tokens
from petful.identity.models import Account, RefreshToken, Session
from petful.identity.rules import AccountStatus
from petful.identity.service import throttle
from petful.identity.service.shared import (
    burn_time,
    hash_password,
    needs_rehash,
    password_matches,
)
from petful.platform.errors import DomainError, PermissionDenied, Unauthenticated
from petful.platform.logging import get_logger
from petful.platform.settings import Settings
from petful.platform.validation import RuleError, normalize_email, parse_uuid

log = get_logger(__name__)

BAD_CREDENTIALS = "email or password is incorrect"
REFRESH_INVALID = "the refresh token is invalid or expired"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    session_id: uuid.UUID
    account: Account


def token_hash(token: str) -> str:
    """What is stored of an opaque refresh token."""
    return hashlib.sha256(token.encode()).hexdigest()


# --- sessions ----------------------------------------------------------------------------


def _suspension_error(account: Account) -> PermissionDenied:
    reason = account.suspension_reason or "no reason given"
    until = account.suspended_until
    detail = f"account suspended: {reason}"
    if until is not None:
        detail += f" (until {until.astimezone(UTC).isoformat()})"
    return PermissionDenied(
        detail, type_="https://petful.dev/problems/account-suspended", title="Account suspended"
    )


def _lapse_suspension(account: Account, now: datetime) -> None:
    """A suspension whose end date has passed ends at the next sign-in."""
    if account.status_enum is AccountStatus.SUSPENDED and not rules.suspension_in_force(
        account.status_enum, account.suspended_until, now=now
    ):
        account.status = AccountStatus.ACTIVE.value
        account.suspension_reason = None
        account.suspended_until = None
        account.updated_at = now


async def _open_session(
    session: AsyncSession,
    account: Account,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    client_ip: str,
    user_agent: str,
) -> TokenPair:
    refresh_expires = now + timedelta(seconds=settings.identity.refresh_token_ttl_seconds)
    family = Session(
        id=uuid.uuid4(),
        account_id=account.id,
        created_at=now,
        last_used_at=now,
        expires_at=refresh_expires,
        client_ip=client_ip[:100],
        user_agent=user_agent[:500],
    )
    await repository.add(session, family)
    return await _issue_pair(session, account, family, keys=keys, settings=settings, now=now)


async def _issue_pair(
    session: AsyncSession,
    account: Account,
    family: Session,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    refresh_token: str | None = None,
) -> TokenPair:
    """A new refresh token (refresh_token if given, else a random one) and access token."""
    refresh_token = refresh_token or secrets.token_urlsafe(32)
    refresh_expires = now + timedelta(seconds=settings.identity.refresh_token_ttl_seconds)
    await repository.add(
        session,
        RefreshToken(
            id=uuid.uuid4(),
            session_id=family.id,
            token_hash=token_hash(refresh_token),
            issued_at=now,
            expires_at=refresh_expires,
        ),
    )
    family.expires_at = refresh_expires
    family.last_used_at = now
    return _pair(
        account, family, refresh_token, refresh_expires, keys=keys, settings=settings, now=now
    )


def _pair(
    account: Account,
    family: Session,
    refresh_token: str,
    refresh_expires: datetime,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
) -> TokenPair:
    """refresh_token with a new access token of the account for the family."""
    access = tokens.issue_access_token(
        keys,
        settings,
        user_id=account.id,
        roles=[account.role],
        status=account.status,
        session_id=family.id,
        now=now,
    )
    return TokenPair(
        access_token=access.token,
        access_expires_at=access.expires_at,
        refresh_token=refresh_token,
        refresh_expires_at=refresh_expires,
        session_id=family.id,
        account=account,
    )


async def login(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    email: str,
    password: str,
    client_ip: str = "",
    user_agent: str = "",
) -> TokenPair:
    try:
        norm_email = normalize_email(email)
    except RuleError:
        raise Unauthenticated(BAD_CREDENTIALS) from None
    attempt = await throttle.begin(redis, settings, email=norm_email, client_ip=client_ip, now=now)
    account = await repository.get_live_account_by_email(session, norm_email, for_update=True)
    if account is None:
        await burn_time(password, settings)
        raise Unauthenticated(BAD_CREDENTIALS)
    if not await password_matches(account.password_hash, password):
        raise Unauthenticated(BAD_CREDENTIALS)
    await throttle.succeeded(redis, attempt)
    _lapse_suspension(account, now)
    if account.status_enum is AccountStatus.SUSPENDED:
        raise _suspension_error(account)
    if account.status_enum is not AccountStatus.ACTIVE:
        raise Unauthenticated(BAD_CREDENTIALS)
    if needs_rehash(account.password_hash, settings):
        account.password_hash = await hash_password(password, settings=settings)
    return await _open_session(
        session,
        account,
        keys=keys,
        settings=settings,
        now=now,
        client_ip=client_ip,
        user_agent=user_agent,
    )


async def refresh(
    session: AsyncSession,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    refresh_token: str,
    client_ip: str = "",
    user_agent: str = "",
) -> TokenPair | DomainError:
    """Rotate a refresh token. Returns (not raises) the error when the caller must commit
    anyway: reuse of a rotated token revokes its whole family, and that must stick."""
    if not refresh_token:
        return Unauthenticated(REFRESH_INVALID)
    row = await repository.get_refresh_token(session, token_hash(refresh_token), for_update=True)
    if row is None:
        return Unauthenticated(REFRESH_INVALID)
    family = await repository.get_session(session, row.session_id, for_update=True)
    if family is None or family.revoked_at is not None:
        return Unauthenticated(REFRESH_INVALID)
    if row.used_at is not None:
        again = await _refreshed_moments_ago(
            session, row, family, refresh_token, keys=keys, settings=settings, now=now
        )
        if again is not None:
            return again
        await repository.revoke_session(session, family.id, now=now, reason="refresh_token_reuse")
        log.warning(
            "refresh token reused; session family revoked",
            session_id=str(family.id),
            account_id=str(family.account_id),
            client_ip=client_ip,
        )
        return Unauthenticated(REFRESH_INVALID)
    if row.expires_at <= now:
        return Unauthenticated(REFRESH_INVALID)
    account = await _signed_in_account(session, family, now)
    if isinstance(account, DomainError):
        return account
    row.used_at = now
    if client_ip:
        family.client_ip = client_ip[:100]
    if user_agent:
        family.user_agent = user_agent[:500]
    return await _issue_pair(
        session,
        account,
        family,
        keys=keys,
        settings=settings,
        now=now,
        refresh_token=keys.successor(refresh_token),
    )


async def _refreshed_moments_ago(
    session: AsyncSession,
    row: RefreshToken,
    family: Session,
    refresh_token: str,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
) -> TokenPair | DomainError | None:
    """A rotated token presented again within the grace window (two tabs refreshed at
    once): the same successor, still unused, with a fresh access token. None when it is a
    replay (too late, or the family moved on since): the caller revokes the family."""
    assert row.used_at is not None
    grace = timedelta(seconds=settings.identity.refresh_reuse_grace_seconds)
    if now - row.used_at > grace:
        return None
    successor = keys.successor(refresh_token)
    following = await repository.get_refresh_token(session, token_hash(successor), for_update=True)
    if following is None or following.session_id != family.id or following.used_at is not None:
        return None
    account = await _signed_in_account(session, family, now)
    if isinstance(account, DomainError):
        return account
    return _pair(
        account, family, successor, following.expires_at, keys=keys, settings=settings, now=now
    )


async def _signed_in_account(
    session: AsyncSession, family: Session, now: datetime
) -> Account | DomainError:
    """The family's account if it may still be signed in (a lapsed suspension lifted)."""
    account = await repository.get_account(session, family.account_id, for_update=True)
    if account is None or account.status_enum is AccountStatus.WITHDRAWN:
        return Unauthenticated(REFRESH_INVALID)
    _lapse_suspension(account, now)
    if account.status_enum is AccountStatus.SUSPENDED:
        return _suspension_error(account)
    return account


async def logout(session: AsyncSession, *, now: datetime, refresh_token: str) -> None:
    """Revoke the session family of the token; unknown tokens are ignored (idempotent)."""
    if not refresh_token:
        return
    row = await repository.get_refresh_token(session, token_hash(refresh_token))
    if row is not None:
        await repository.revoke_session(session, row.session_id, now=now, reason="logout")


async def check_session(session: AsyncSession, *, now: datetime, session_id: str) -> bool:
    """Whether a sign-in (an access token's `sid`) is still live; a malformed id is not."""
    try:
        sid = parse_uuid(session_id)
    except RuleError:
        return False
    family = await repository.get_session(session, sid)
    return family is not None and family.is_active(now)
