"""Identity business logic: verification codes, accounts, sessions and tokens.

Functions are keyword-only, take the caller's session (never commit: the RPC or task
boundary does), the Redis client and `now` (so expiry and throttling are testable without
sleeping). Redis state (codes, throttles) keeps its own logical timestamps, checked against
`now`; Redis TTLs only clean up.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any, Generic, TypeVar, cast

import redis.asyncio as aioredis
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import mails, repository, rules, tokens
from petful.identity.models import Account, AuditLogEntry, RefreshToken, Report, Session
from petful.identity.rules import AccountStatus, Role, RuleError
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
)
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings
from petful.platform.validation import Violations

log = get_logger(__name__)

SCHEMA = "identity"
MAIL_TOPIC = "identity.mail_requested"
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


_UNUSABLE_PASSWORD = "!"  # not an argon2 hash: never verifies
_dummy_hashes: dict[tuple[int, int, int], str] = {}

BAD_CREDENTIALS = "email or password is incorrect"


# --- small helpers -----------------------------------------------------------------------


def _one(field: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    v = Violations()
    value = v.check(field, fn, *args, **kw)
    v.raise_if_any(f"{field} is invalid")
    return value


def _cost(settings: Settings) -> tuple[int, int, int]:
    return (
        settings.password_hash_time_cost,
        settings.password_hash_memory_kib,
        settings.password_hash_parallelism,
    )


@functools.cache
def _hasher_for(cost: tuple[int, int, int]) -> PasswordHasher:
    t, m, p = cost
    return PasswordHasher(time_cost=t, memory_cost=m, parallelism=p)  # argon2id


def _hasher(settings: Settings) -> PasswordHasher:
    return _hasher_for(_cost(settings))


async def hash_password(password: str, *, settings: Settings) -> str:
    return await asyncio.to_thread(_hasher(settings).hash, password)


async def _password_matches(password_hash: str, password: str) -> bool:
    def check() -> bool:
        try:
            # The cost parameters come from the hash itself.
            return bool(_hasher_for((1, 1024, 1)).verify(password_hash, password))
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


async def _burn_time(password: str, settings: Settings) -> None:
    """Spend a password check's time when there is no account (no timing oracle)."""
    cost = _cost(settings)
    if cost not in _dummy_hashes:
        _dummy_hashes[cost] = await hash_password(secrets.token_hex(16), settings=settings)
    await _password_matches(_dummy_hashes[cost], password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _parse_uuid(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise InvalidArgument(
            f"{field} is invalid", field_violations=[(field, "must be a UUID")]
        ) from None


def _principal_uuid(user_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(user_id)
    except ValueError:
        raise Unauthenticated("this call needs a signed-in user") from None


async def _mail(
    session: AsyncSession, to: str, template: str, now: datetime, **params: Any
) -> None:
    await outbox.add_event(
        session, SCHEMA, MAIL_TOPIC, {"to": to, "template": template, "params": params}, now=now
    )


async def notify_instagram_reauth(
    session: AsyncSession, *, user_id: str, username: str, now: datetime
) -> bool:
    """Mail the owner that an Instagram account must be connected again (sns said so)."""
    try:
        account = await repository.get_account(session, uuid.UUID(user_id))
    except ValueError:
        return False
    if account is None or account.status_enum is not AccountStatus.ACTIVE:
        return False
    await _mail(session, account.email, mails.INSTAGRAM_REAUTH, now, username=username)
    return True


# --- one-time codes in Redis -------------------------------------------------------------


@dataclass(frozen=True)
class CodeIssue:
    code: str | None
    expires_at: datetime
    resend_available_at: datetime


def _code_key(purpose: str, email: str) -> str:
    return f"identity:code:{purpose}:{email}"


def _code_digest(purpose: str, email: str, code: str) -> str:
    return hashlib.sha256(f"{purpose}:{email}:{code}".encode()).hexdigest()


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


async def _issue_code(
    redis: aioredis.Redis,
    *,
    purpose: str,
    email: str,
    now: datetime,
    ttl: int,
    resend_after: int,
    with_code: bool,
) -> CodeIssue:
    """Store a fresh code (hashed), unless one was sent less than resend_after ago.

    with_code=False records only the send (same throttling, nothing to confirm), so callers
    behave alike whether or not an account exists.
    """
    key = _code_key(purpose, email)
    ts = now.timestamp()
    sent_at = await redis.hget(key, "sent_at")
    if sent_at is not None and ts < float(sent_at) + resend_after:
        wait = float(sent_at) + resend_after - ts
        raise ResourceExhausted(
            f"a code was sent recently; try again in {int(wait) + 1} s", retry_after=wait
        )
    code = _new_code() if with_code else None
    mapping: dict[str, str | float | int] = {
        "sent_at": ts,
        "expires_at": ts + ttl,
        "attempts": 0,
        "code_hash": _code_digest(purpose, email, code) if code else "",
    }
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(key)
        pipe.hset(key, mapping=cast(Any, mapping))
        pipe.expire(key, max(ttl, resend_after))
        await pipe.execute()
    return CodeIssue(
        code=code,
        expires_at=now + timedelta(seconds=ttl),
        resend_available_at=now + timedelta(seconds=resend_after),
    )


async def _consume_code(
    redis: aioredis.Redis,
    *,
    purpose: str,
    email: str,
    code: str,
    now: datetime,
    max_attempts: int,
) -> bool:
    """True once for the right code; wrong tries count, and the last allowed one kills it."""
    key = _code_key(purpose, email)
    data = await redis.hgetall(key)
    if not data or not data.get("code_hash"):
        return False
    if now.timestamp() >= float(data["expires_at"]):
        await redis.hset(key, "code_hash", "")
        return False
    attempts = int(await redis.hincrby(key, "attempts", 1))
    if attempts > max_attempts:
        await redis.hset(key, "code_hash", "")
        return False
    if hmac.compare_digest(_code_digest(purpose, email, code), str(data["code_hash"])):
        await redis.delete(key)
        return True
    if attempts >= max_attempts:
        await redis.hset(key, "code_hash", "")  # dead; the resend throttle stays
    return False


def _bad_code() -> InvalidArgument:
    return InvalidArgument(
        "the code is wrong or no longer valid",
        field_violations=[("code", "is invalid or expired")],
    )


def _check_code_format(code: str) -> str:
    code = code.strip()
    if len(code) != 6 or not code.isdigit():
        raise InvalidArgument("code is invalid", field_violations=[("code", "must be 6 digits")])
    return code


# --- email verification ------------------------------------------------------------------

VERIFY = "verify"
RESET = "reset"


async def start_email_verification(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    settings: Settings,
    now: datetime,
    email: str,
) -> CodeIssue:
    """Mail a code, or an "you already have an account" note; the caller cannot tell which.

    The returned `code` (None when the account exists) is for Python callers (tests, CLI);
    the gRPC API never returns it.
    """
    email = _one("email", rules.normalize_email, email)
    exists = await repository.live_email_exists(session, email)
    issue = await _issue_code(
        redis,
        purpose=VERIFY,
        email=email,
        now=now,
        ttl=settings.email_code_ttl_seconds,
        resend_after=settings.email_code_resend_seconds,
        with_code=not exists,
    )
    if issue.code is None:
        await _mail(session, email, mails.ACCOUNT_EXISTS, now)
    else:
        minutes = max(1, settings.email_code_ttl_seconds // 60)
        await _mail(session, email, mails.VERIFICATION_CODE, now, code=issue.code, minutes=minutes)
    return issue


async def confirm_email_verification(
    *,
    redis: aioredis.Redis,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    email: str,
    code: str,
) -> tokens.IssuedToken:
    email = _one("email", rules.normalize_email, email)
    code = _check_code_format(code)
    ok = await _consume_code(
        redis,
        purpose=VERIFY,
        email=email,
        code=code,
        now=now,
        max_attempts=settings.email_code_max_attempts,
    )
    if not ok:
        raise _bad_code()
    return tokens.issue_verification_token(keys, settings, email=email, now=now)


# --- accounts ----------------------------------------------------------------------------


async def _create_account(
    session: AsyncSession,
    *,
    now: datetime,
    email: str,
    password_hash: str,
    name: str,
    nickname: str,
    phone: str,
    role: Role,
    birth_date: date | None = None,
    address: str = "",
    email_verified: bool = True,
) -> Account:
    if await repository.live_email_exists(session, email):
        raise AlreadyExists(
            "an account with this email exists", field_violations=[("email", "is already in use")]
        )
    key = rules.nickname_key(nickname)
    if await repository.live_nickname_taken(session, key):
        raise AlreadyExists(
            "this nickname is taken", field_violations=[("nickname", "is already in use")]
        )
    account = Account(
        id=uuid.uuid4(),
        email=email,
        password_hash=password_hash,
        name=name,
        nickname=nickname,
        nickname_key=key,
        phone=phone,
        role=role.value,
        status=AccountStatus.ACTIVE.value,
        bio="",
        address=address,
        birth_date=birth_date,
        profile_image_id="",
        email_verified_at=now if email_verified else None,
        password_changed_at=now,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, account)
    except IntegrityError:  # lost a race with a concurrent sign-up
        raise AlreadyExists(
            "an account with this email or nickname exists",
            field_violations=[("email", "or nickname is already in use")],
        ) from None
    await outbox.add_event(
        session,
        SCHEMA,
        "identity.account_created",
        {"user_id": str(account.id), "role": account.role},
        now=now,
    )
    return account


async def sign_up(
    session: AsyncSession,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    verification_token: str,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
    role: str = "",
    birth_date: str = "",
    address: str = "",
) -> Account:
    v = Violations()
    norm_email = v.check("email", rules.normalize_email, email)
    v.check("password", rules.check_password, password, email=norm_email or email)
    clean_name = v.check("name", rules.check_name, name)
    clean_nick = v.check("nickname", rules.check_nickname, nickname)
    clean_phone = v.check("phone", rules.normalize_phone, phone)
    chosen_role = v.check("role", rules.check_signup_role, role)
    born = v.check("birth_date", rules.parse_birth_date, birth_date, today=now.date())
    clean_address = v.check("address", rules.check_text, address, max_len=rules.ADDRESS_MAX)
    if not verification_token:
        v.add("verification_token", "is required")
    else:
        try:
            token_email = tokens.verified_email(keys, settings, verification_token, now=now)
        except tokens.InvalidToken:
            v.add("verification_token", "is invalid or expired")
        else:
            if norm_email is not None and token_email != norm_email:
                v.add("verification_token", "does not match the email")
    v.raise_if_any("sign-up has invalid fields")
    return await _create_account(
        session,
        now=now,
        email=norm_email,
        password_hash=await hash_password(password, settings=settings),
        name=clean_name,
        nickname=clean_nick,
        phone=clean_phone,
        role=chosen_role,
        birth_date=born,
        address=clean_address or "",
    )


async def create_account_without_verification(
    session: AsyncSession,
    *,
    settings: Settings | None = None,
    now: datetime,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
    role: Role,
) -> Account:
    """An account created by an operator (CLI, demo seed): no email verification step.

    settings (for the password hash cost) default to `get_settings()`.
    """
    settings = settings or get_settings()
    v = Violations()
    norm_email = v.check("email", rules.normalize_email, email)
    v.check("password", rules.check_password, password, email=norm_email or email)
    clean_name = v.check("name", rules.check_name, name)
    clean_nick = v.check("nickname", rules.check_nickname, nickname)
    clean_phone = v.check("phone", rules.normalize_phone, phone)
    v.raise_if_any("account has invalid fields")
    return await _create_account(
        session,
        now=now,
        email=norm_email,
        password_hash=await hash_password(password, settings=settings),
        name=clean_name,
        nickname=clean_nick,
        phone=clean_phone,
        role=role,
    )


async def create_admin(
    session: AsyncSession,
    *,
    settings: Settings | None = None,
    now: datetime,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
) -> Account:
    """An ADMIN account (for `petful admin create`); never reachable over the API."""
    return await create_account_without_verification(
        session,
        settings=settings,
        now=now,
        email=email,
        password=password,
        name=name,
        nickname=nickname,
        phone=phone,
        role=Role.ADMIN,
    )


# --- sessions and tokens -----------------------------------------------------------------


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    session_id: uuid.UUID
    account: Account


def _fail_key(kind: str, value: str) -> str:
    return f"identity:login_fail:{kind}:{value}"


async def _throttle_wait(
    redis: aioredis.Redis, key: str, *, now: datetime, window: int, limit: int
) -> float | None:
    """Seconds until another attempt is allowed, or None when not throttled."""
    ts = now.timestamp()
    await redis.zremrangebyscore(key, "-inf", ts - window)
    recent = await redis.zrange(key, 0, -1, withscores=True)
    if len(recent) < limit:
        return None
    # The window reopens when the oldest failure that still counts falls out of it.
    pairs = cast(list[tuple[str, float]], recent)
    scores = sorted(float(score) for _, score in pairs)
    return max(1.0, scores[len(scores) - limit] + window - ts)


async def _record_failure(redis: aioredis.Redis, key: str, *, now: datetime, window: int) -> None:
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zadd(key, {uuid.uuid4().hex: now.timestamp()})
        pipe.expire(key, window)
        await pipe.execute()


def _login_keys(email: str, client_ip: str) -> list[tuple[str, str]]:
    keys = [("account", _fail_key("account", hashlib.sha256(email.encode()).hexdigest()))]
    if client_ip:
        keys.append(("ip", _fail_key("ip", client_ip.strip())))
    return keys


async def _check_login_throttle(
    redis: aioredis.Redis, settings: Settings, *, email: str, client_ip: str, now: datetime
) -> None:
    window = settings.login_failure_window_seconds
    for kind, key in _login_keys(email, client_ip):
        limit = (
            settings.login_max_failures_per_account
            if kind == "account"
            else settings.login_max_failures_per_ip
        )
        wait = await _throttle_wait(redis, key, now=now, window=window, limit=limit)
        if wait is not None:
            raise ResourceExhausted(
                f"too many failed sign-in attempts; try again in {int(wait) + 1} s",
                retry_after=wait,
            )


def _suspension_error(account: Account) -> PermissionDenied:
    reason = account.suspension_reason or "no reason given"
    until = account.suspended_until
    detail = f"account suspended: {reason}"
    if until is not None:
        detail += f" (until {until.astimezone(UTC).isoformat()})"
    return PermissionDenied(
        detail, type_="https://petful.dev/problems/account-suspended", title="Account suspended"
    )


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
    refresh_expires = now + timedelta(seconds=settings.refresh_token_ttl_seconds)
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
) -> TokenPair:
    refresh = secrets.token_urlsafe(32)
    refresh_expires = now + timedelta(seconds=settings.refresh_token_ttl_seconds)
    await repository.add(
        session,
        RefreshToken(
            id=uuid.uuid4(),
            session_id=family.id,
            token_hash=_token_hash(refresh),
            issued_at=now,
            expires_at=refresh_expires,
        ),
    )
    family.expires_at = refresh_expires
    family.last_used_at = now
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
        refresh_token=refresh,
        refresh_expires_at=refresh_expires,
        session_id=family.id,
        account=account,
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
        norm_email = rules.normalize_email(email)
    except RuleError:
        raise Unauthenticated(BAD_CREDENTIALS) from None
    await _check_login_throttle(redis, settings, email=norm_email, client_ip=client_ip, now=now)
    account = await repository.get_live_account_by_email(session, norm_email, for_update=True)
    if account is None:
        await _burn_time(password, settings)
        ok = False
    else:
        ok = await _password_matches(account.password_hash, password)
    if account is None or not ok:
        for _, key in _login_keys(norm_email, client_ip):
            await _record_failure(redis, key, now=now, window=settings.login_failure_window_seconds)
        raise Unauthenticated(BAD_CREDENTIALS)
    await redis.delete(_login_keys(norm_email, "")[0][1])
    _lapse_suspension(account, now)
    if account.status_enum is AccountStatus.SUSPENDED:
        raise _suspension_error(account)
    if account.status_enum is not AccountStatus.ACTIVE:
        raise Unauthenticated(BAD_CREDENTIALS)
    if _hasher(settings).check_needs_rehash(account.password_hash):
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


REFRESH_INVALID = "the refresh token is invalid or expired"


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
    row = await repository.get_refresh_token(session, _token_hash(refresh_token), for_update=True)
    if row is None:
        return Unauthenticated(REFRESH_INVALID)
    family = await repository.get_session(session, row.session_id, for_update=True)
    if family is None or family.revoked_at is not None:
        return Unauthenticated(REFRESH_INVALID)
    if row.used_at is not None:
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
    account = await repository.get_account(session, family.account_id, for_update=True)
    if account is None or account.status_enum is AccountStatus.WITHDRAWN:
        return Unauthenticated(REFRESH_INVALID)
    _lapse_suspension(account, now)
    if account.status_enum is AccountStatus.SUSPENDED:
        return _suspension_error(account)
    row.used_at = now
    if client_ip:
        family.client_ip = client_ip[:100]
    if user_agent:
        family.user_agent = user_agent[:500]
    return await _issue_pair(session, account, family, keys=keys, settings=settings, now=now)


async def logout(session: AsyncSession, *, now: datetime, refresh_token: str) -> None:
    """Revoke the session family of the token; unknown tokens are ignored (idempotent)."""
    if not refresh_token:
        return
    row = await repository.get_refresh_token(session, _token_hash(refresh_token))
    if row is not None:
        await repository.revoke_session(session, row.session_id, now=now, reason="logout")


async def check_session(session: AsyncSession, *, now: datetime, session_id: str) -> bool:
    try:
        sid = uuid.UUID(session_id)
    except ValueError:
        return False
    family = await repository.get_session(session, sid)
    return family is not None and family.is_active(now)


# --- passwords ---------------------------------------------------------------------------


async def start_password_reset(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    settings: Settings,
    now: datetime,
    email: str,
) -> CodeIssue:
    """Mail a reset code if the account exists; behaves the same (and throttles the same)
    when it does not. `code` is for Python callers only."""
    email = _one("email", rules.normalize_email, email)
    account = await repository.get_live_account_by_email(session, email)
    issue = await _issue_code(
        redis,
        purpose=RESET,
        email=email,
        now=now,
        ttl=settings.password_reset_code_ttl_seconds,
        resend_after=settings.email_code_resend_seconds,
        with_code=account is not None,
    )
    if account is not None and issue.code is not None:
        minutes = max(1, settings.password_reset_code_ttl_seconds // 60)
        await _mail(
            session,
            email,
            mails.PASSWORD_RESET_CODE,
            now,
            code=issue.code,
            minutes=minutes,
            name=account.name,
        )
    return issue


async def confirm_password_reset(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    settings: Settings,
    now: datetime,
    email: str,
    code: str,
    new_password: str,
) -> None:
    norm_email = _one("email", rules.normalize_email, email)
    _one("new_password", rules.check_password, new_password, email=norm_email)
    code = _check_code_format(code)
    ok = await _consume_code(
        redis,
        purpose=RESET,
        email=norm_email,
        code=code,
        now=now,
        max_attempts=settings.email_code_max_attempts,
    )
    account = await repository.get_live_account_by_email(session, norm_email, for_update=True)
    if not ok or account is None:
        raise _bad_code()
    await _set_password(session, account, new_password, settings=settings, now=now)
    await repository.revoke_account_sessions(session, account.id, now=now, reason="password_reset")


async def _set_password(
    session: AsyncSession, account: Account, password: str, *, settings: Settings, now: datetime
) -> None:
    account.password_hash = await hash_password(password, settings=settings)
    account.password_changed_at = now
    account.updated_at = now
    await _mail(session, account.email, mails.PASSWORD_CHANGED, now)


async def _signed_in_account(
    session: AsyncSession, user_id: str, *, for_update: bool = False
) -> Account:
    account = await repository.get_account(session, _principal_uuid(user_id), for_update=for_update)
    if account is None or account.status_enum is AccountStatus.WITHDRAWN:
        raise NotFound("account not found")
    return account


async def change_password(
    session: AsyncSession,
    *,
    settings: Settings,
    now: datetime,
    user_id: str,
    current_password: str,
    new_password: str,
    keep_session_id: str | None = None,
) -> int:
    """Change the password and revoke every other session; returns how many were revoked.

    keep_session_id is the caller's own session (the access token's `sid`); without it
    every session is revoked and the caller signs in again.
    """
    account = await _signed_in_account(session, user_id, for_update=True)
    _one("new_password", rules.check_password, new_password, email=account.email)
    if not await _password_matches(account.password_hash, current_password):
        raise InvalidArgument(
            "the current password is wrong", field_violations=[("current_password", "is incorrect")]
        )
    keep: uuid.UUID | None = None
    if keep_session_id:
        try:
            keep = uuid.UUID(keep_session_id)
        except ValueError:
            keep = None
        if keep is not None:
            family = await repository.get_session(session, keep)
            if family is None or family.account_id != account.id:
                keep = None
    await _set_password(session, account, new_password, settings=settings, now=now)
    return await repository.revoke_account_sessions(
        session, account.id, now=now, reason="password_changed", keep=keep
    )


# --- profile -----------------------------------------------------------------------------


async def get_me(session: AsyncSession, *, user_id: str) -> Account:
    return await _signed_in_account(session, user_id)


async def update_me(
    session: AsyncSession,
    *,
    now: datetime,
    user_id: str,
    nickname: str | None = None,
    phone: str | None = None,
    bio: str | None = None,
    address: str | None = None,
    birth_date: str | None = None,
    profile_image_id: str | None = None,
) -> Account:
    """Change the given fields (None means unchanged)."""
    account = await _signed_in_account(session, user_id, for_update=True)
    v = Violations()
    new_nick = v.check("nickname", rules.check_nickname, nickname) if nickname is not None else None
    new_phone = v.check("phone", rules.normalize_phone, phone) if phone is not None else None
    new_bio = (
        v.check("bio", rules.check_text, bio, max_len=rules.BIO_MAX) if bio is not None else None
    )
    new_address = (
        v.check("address", rules.check_text, address, max_len=rules.ADDRESS_MAX)
        if address is not None
        else None
    )
    new_birth: date | None = None
    if birth_date is not None:
        new_birth = v.check("birth_date", rules.parse_birth_date, birth_date, today=now.date())
    new_image = (
        v.check(
            "profile_image_id",
            rules.check_text,
            profile_image_id,
            max_len=rules.PROFILE_IMAGE_ID_MAX,
        )
        if profile_image_id is not None
        else None
    )
    v.raise_if_any("profile has invalid fields")
    if new_nick is not None:
        key = rules.nickname_key(new_nick)
        if await repository.live_nickname_taken(session, key, except_id=account.id):
            raise AlreadyExists(
                "this nickname is taken", field_violations=[("nickname", "is already in use")]
            )
        account.nickname, account.nickname_key = new_nick, key
    if new_phone is not None:
        account.phone = new_phone
    if new_bio is not None:
        account.bio = new_bio
    if new_address is not None:
        account.address = new_address
    if birth_date is not None:
        account.birth_date = new_birth
    if new_image is not None:
        account.profile_image_id = new_image
    account.updated_at = now
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        raise AlreadyExists(
            "this nickname is taken", field_violations=[("nickname", "is already in use")]
        ) from None
    return account


async def withdraw(
    session: AsyncSession, *, now: datetime, user_id: str, password: str, reason: str
) -> None:
    """WITHDRAWN: personal data anonymised (the row stays so content keeps an author),
    email and nickname free again, every session revoked."""
    account = await _signed_in_account(session, user_id, for_update=True)
    clean_reason = _one("reason", rules.check_withdraw_reason, reason)
    if not await _password_matches(account.password_hash, password):
        raise InvalidArgument(
            "the password is wrong", field_violations=[("password", "is incorrect")]
        )
    try:
        rules.check_transition(account.status_enum, AccountStatus.WITHDRAWN)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    hex_id = account.id.hex
    account.status = AccountStatus.WITHDRAWN.value
    account.email = f"withdrawn+{hex_id}@withdrawn.invalid"
    account.password_hash = _UNUSABLE_PASSWORD
    account.name = ""
    account.nickname = rules.WITHDRAWN_NICKNAME
    account.nickname_key = f"withdrawn:{hex_id}"
    account.phone = ""
    account.bio = ""
    account.address = ""
    account.birth_date = None
    account.profile_image_id = ""
    account.suspension_reason = None
    account.suspended_until = None
    account.withdrawn_at = now
    account.withdrawal_reason = clean_reason
    account.updated_at = now
    await repository.revoke_account_sessions(session, account.id, now=now, reason="withdrawn")
    await outbox.add_event(
        session, SCHEMA, "identity.account_withdrawn", {"user_id": str(account.id)}, now=now
    )


async def get_public_profile(session: AsyncSession, *, user_id: str) -> Account:
    return await _target_account(session, user_id)


# --- administration (CLI and later admin RPCs) -------------------------------------------


async def suspend_account(
    session: AsyncSession,
    *,
    now: datetime,
    user_id: uuid.UUID,
    reason: str,
    until: datetime | None = None,
) -> Account:
    """Suspend an account (reason shown at sign-in) and revoke its sessions."""
    account = await repository.get_account(session, user_id, for_update=True)
    if account is None:
        raise NotFound("account not found")
    if account.status_enum is not AccountStatus.SUSPENDED:
        try:
            rules.check_transition(account.status_enum, AccountStatus.SUSPENDED)
        except RuleError as e:
            raise FailedPrecondition(e.reason) from None
    account.status = AccountStatus.SUSPENDED.value
    account.suspension_reason = reason.strip() or None
    account.suspended_until = until
    account.updated_at = now
    await repository.revoke_account_sessions(session, account.id, now=now, reason="suspended")
    return account


async def reactivate_account(
    session: AsyncSession, *, now: datetime, user_id: uuid.UUID
) -> Account:
    account = await repository.get_account(session, user_id, for_update=True)
    if account is None:
        raise NotFound("account not found")
    try:
        rules.check_transition(account.status_enum, AccountStatus.ACTIVE)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    account.status = AccountStatus.ACTIVE.value
    account.suspension_reason = None
    account.suspended_until = None
    account.updated_at = now
    return account


# --- admin console (IdentityAdminService) ------------------------------------------------
#
# Every function takes the caller's `actor` Principal and re-checks it: the role in the
# metadata must say ADMIN *and* the caller's own account must still be an active ADMIN.
# Every mutating function writes one audit-log row in the caller's transaction.

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str  # "" on the last page


def _paging(page_size: int, cursor: str) -> tuple[int, tuple[datetime, uuid.UUID] | None]:
    v = Violations()
    size = v.check("page_size", rules.check_page_size, page_size)
    after = v.check("cursor", rules.decode_cursor, cursor)
    v.raise_if_any("paging parameters are invalid")
    return size, after


def _page(rows: list[Any], size: int) -> Page[Any]:
    """rows were fetched with limit size+1: the extra row only says there is more."""
    more = len(rows) > size
    items = rows[:size]
    cursor = rules.encode_cursor(items[-1].created_at, items[-1].id) if more and items else ""
    return Page(items=items, next_cursor=cursor)


async def _require_admin(session: AsyncSession, actor: Principal) -> Account:
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    if not actor.has_role(Role.ADMIN.value):
        raise PermissionDenied("only administrators may do this")
    account = await repository.get_account(session, _principal_uuid(actor.user_id or ""))
    if (
        account is None
        or account.role_enum is not Role.ADMIN
        or account.status_enum is not AccountStatus.ACTIVE
    ):
        raise PermissionDenied("only administrators may do this")
    return account


async def _audit(
    session: AsyncSession,
    *,
    now: datetime,
    actor_id: uuid.UUID,
    action: str,
    target_type: str,
    target_id: uuid.UUID,
    reason: str,
    details: dict[str, Any] | None = None,
) -> AuditLogEntry:
    entry = AuditLogEntry(
        id=uuid.uuid4(),
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=reason,
        details=details or {},
        created_at=now,
    )
    await repository.add_audit(session, entry)
    return entry


# Admin decisions other services make arrive as events; identity keeps the one audit log.
AUDITED_TOPICS: dict[str, tuple[str, str]] = {
    "advertisers.approved": ("advertiser.approve", "ADVERTISER"),
    "advertisers.rejected": ("advertiser.reject", "ADVERTISER"),
    "advertisers.restricted": ("advertiser.restrict", "ADVERTISER"),
    "advertisers.reinstated": ("advertiser.reinstate", "ADVERTISER"),
}


async def audit_event(
    session: AsyncSession, *, topic: str, payload: dict[str, Any], at: datetime
) -> AuditLogEntry:
    """Record another service's admin decision (payload: admin_id, user_id, reason)."""
    action, target_type = AUDITED_TOPICS[topic]
    details = {k: v for k, v in payload.items() if k not in ("admin_id", "user_id", "reason")}
    return await _audit(
        session,
        now=at,
        actor_id=uuid.UUID(str(payload["admin_id"])),
        action=action,
        target_type=target_type,
        target_id=uuid.UUID(str(payload["user_id"])),
        reason=str(payload.get("reason") or ""),
        details={"source": topic, **details},
    )


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


async def _target_account(
    session: AsyncSession, user_id: str, *, for_update: bool = False
) -> Account:
    account = await repository.get_account(
        session, _parse_uuid(user_id, "user_id"), for_update=for_update
    )
    if account is None:
        raise NotFound("user not found")
    return account


async def admin_list_users(
    session: AsyncSession,
    *,
    actor: Principal,
    query: str = "",
    role: str = "",
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Account]:
    await _require_admin(session, actor)
    v = Violations()
    clean_query = v.check("query", rules.check_search_query, query)
    if role and role not in Role.__members__:
        v.add("role", "must be USER, ADVERTISER or ADMIN")
    if status and status not in AccountStatus.__members__:
        v.add("status", "must be ACTIVE, SUSPENDED or WITHDRAWN")
    size = v.check("page_size", rules.check_page_size, page_size)
    after = v.check("cursor", rules.decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.search_accounts(
        session,
        query=clean_query or "",
        role=role or None,
        status=status or None,
        cursor=after,
        limit=size + 1,
    )
    return _page(rows, size)


async def admin_get_user(session: AsyncSession, *, actor: Principal, user_id: str) -> Account:
    await _require_admin(session, actor)
    return await _target_account(session, user_id)


async def _admin_suspend(
    session: AsyncSession,
    *,
    admin: Account,
    now: datetime,
    target: Account,
    reason: str,
    until: datetime | None,
    via_report: uuid.UUID | None = None,
) -> Account:
    try:
        rules.check_can_suspend(
            actor_id=admin.id, target_id=target.id, target_role=target.role_enum
        )
    except RuleError as e:
        raise PermissionDenied(e.reason) from None
    revoked = await repository.count_active_sessions(session, target.id, now=now)
    account = await suspend_account(session, now=now, user_id=target.id, reason=reason, until=until)
    details: dict[str, Any] = {"until": _iso(until), "sessions_revoked": revoked}
    if via_report is not None:
        details["report_id"] = str(via_report)
    await _audit(
        session,
        now=now,
        actor_id=admin.id,
        action="user.suspend",
        target_type="USER",
        target_id=target.id,
        reason=reason,
        details=details,
    )
    await outbox.add_event(
        session,
        SCHEMA,
        "identity.account_suspended",
        {
            "user_id": str(target.id),
            "reason": reason,
            "until": _iso(until),
            "actor_id": str(admin.id),
        },
        now=now,
    )
    return account


async def admin_suspend_user(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    user_id: str,
    reason: str,
    until: datetime | None = None,
) -> Account:
    """Suspend an account and revoke its sessions. Not for admins (nor oneself): 403."""
    admin = await _require_admin(session, actor)
    v = Violations()
    uid = v.check("user_id", _rule_uuid, user_id)
    clean_reason = v.check("reason", rules.check_admin_reason, reason)
    if until is not None:
        v.check("until", rules.check_future, until, now=now)
    v.raise_if_any("the suspension has invalid fields")
    target = await _target_account(session, str(uid), for_update=True)
    return await _admin_suspend(
        session, admin=admin, now=now, target=target, reason=clean_reason, until=until
    )


async def admin_unsuspend_user(
    session: AsyncSession, *, actor: Principal, now: datetime, user_id: str, reason: str
) -> Account:
    """Lift a suspension; 409 when the account is not suspended."""
    admin = await _require_admin(session, actor)
    v = Violations()
    uid = v.check("user_id", _rule_uuid, user_id)
    clean_reason = v.check("reason", rules.check_admin_reason, reason)
    v.raise_if_any("the request has invalid fields")
    target = await _target_account(session, str(uid), for_update=True)
    if target.status_enum is not AccountStatus.SUSPENDED:
        raise FailedPrecondition(f"the account is {target.status_enum.value}, not SUSPENDED")
    previous = {"reason": target.suspension_reason, "until": _iso(target.suspended_until)}
    account = await reactivate_account(session, now=now, user_id=target.id)
    await _audit(
        session,
        now=now,
        actor_id=admin.id,
        action="user.unsuspend",
        target_type="USER",
        target_id=target.id,
        reason=clean_reason,
        details={"previous_suspension": previous},
    )
    await outbox.add_event(
        session,
        SCHEMA,
        "identity.account_unsuspended",
        {"user_id": str(target.id), "reason": clean_reason, "actor_id": str(admin.id)},
        now=now,
    )
    return account


def _rule_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise RuleError("must be a UUID") from None


async def admin_list_sessions(
    session: AsyncSession, *, actor: Principal, user_id: str
) -> list[Session]:
    await _require_admin(session, actor)
    target = await _target_account(session, user_id)
    return await repository.list_account_sessions(session, target.id)


async def admin_revoke_sessions(
    session: AsyncSession, *, actor: Principal, now: datetime, user_id: str, reason: str
) -> int:
    """Revoke every live session of an account; returns how many."""
    admin = await _require_admin(session, actor)
    v = Violations()
    uid = v.check("user_id", _rule_uuid, user_id)
    clean_reason = v.check("reason", rules.check_admin_reason, reason)
    v.raise_if_any("the request has invalid fields")
    target = await _target_account(session, str(uid), for_update=True)
    count = await repository.revoke_account_sessions(
        session, target.id, now=now, reason="revoked_by_admin"
    )
    await _audit(
        session,
        now=now,
        actor_id=admin.id,
        action="sessions.revoke_all",
        target_type="USER",
        target_id=target.id,
        reason=clean_reason,
        details={"sessions_revoked": count},
    )
    return count


async def admin_revoke_session(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    user_id: str,
    session_id: str,
    reason: str,
) -> None:
    """Revoke one session of the account; 404 if it is not theirs, 409 if already ended."""
    admin = await _require_admin(session, actor)
    v = Violations()
    uid = v.check("user_id", _rule_uuid, user_id)
    sid = v.check("session_id", _rule_uuid, session_id)
    clean_reason = v.check("reason", rules.check_admin_reason, reason)
    v.raise_if_any("the request has invalid fields")
    target = await _target_account(session, str(uid))
    family = await repository.get_session(session, sid, for_update=True)
    if family is None or family.account_id != target.id:
        raise NotFound("session not found")
    if family.revoked_at is not None:
        raise FailedPrecondition("the session is already revoked")
    await repository.revoke_session(session, family.id, now=now, reason="revoked_by_admin")
    await _audit(
        session,
        now=now,
        actor_id=admin.id,
        action="session.revoke",
        target_type="SESSION",
        target_id=family.id,
        reason=clean_reason,
        details={"user_id": str(target.id)},
    )


AUDIT_TARGET_TYPES = frozenset({"USER", "SESSION", "REPORT"})


async def admin_list_audit_log(
    session: AsyncSession,
    *,
    actor: Principal,
    actor_id: str = "",
    target_type: str = "",
    target_id: str = "",
    action: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[AuditLogEntry]:
    await _require_admin(session, actor)
    v = Violations()
    by_actor = v.check("actor_id", _rule_uuid, actor_id) if actor_id else None
    by_target = v.check("target_id", _rule_uuid, target_id) if target_id else None
    if target_type and target_type not in AUDIT_TARGET_TYPES:
        v.add("target_type", "must be USER, SESSION or REPORT")
    if len(action) > 100:
        v.add("action", "must be at most 100 characters")
    size = v.check("page_size", rules.check_page_size, page_size)
    after = v.check("cursor", rules.decode_cursor, cursor)
    v.raise_if_any("the filter has invalid fields")
    rows = await repository.list_audit(
        session,
        actor_id=by_actor,
        target_type=target_type,
        target_id=by_target,
        action=action,
        cursor=after,
        limit=size + 1,
    )
    return _page(rows, size)


# --- user reports (ReportService) --------------------------------------------------------


def _enum(field: str, cls: type[E], value: str, v: Violations) -> E | None:
    try:
        return cls(value)
    except ValueError:
        v.add(field, "must be one of " + ", ".join(str(m.value) for m in cls))
        return None


async def create_report(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    target_type: str,
    target_id: str,
    category: str,
    text: str,
) -> Report:
    """Report a user, post or comment by its exact id. One OPEN report per (reporter,
    target): a second is 409. Reporting oneself is 422 on target_id. A reported USER must
    exist (404); post and comment ids are not checked here (community owns them)."""
    reporter = await _signed_in_account(session, actor.user_id or "")
    v = Violations()
    kind = _enum("target_type", rules.ReportTargetType, target_type, v)
    tid = v.check("target_id", _rule_uuid, target_id)
    cat = _enum("category", rules.ReportCategory, category, v)
    clean_text = v.check("text", rules.check_report_text, text)
    if kind is not None and tid is not None:
        v.check(
            "target_id",
            rules.check_not_self_report,
            reporter_id=reporter.id,
            target_type=kind,
            target_id=tid,
        )
    v.raise_if_any("the report has invalid fields")
    assert kind is not None
    assert cat is not None
    if kind is rules.ReportTargetType.USER:
        target = await repository.get_account(session, tid)
        if target is None or target.status_enum is AccountStatus.WITHDRAWN:
            raise NotFound("the reported user does not exist")
    duplicate = AlreadyExists(
        "you already have an open report about this",
        field_violations=[("target_id", "already has an open report from you")],
    )
    if await repository.open_report_exists(
        session, reporter_id=reporter.id, target_type=kind.value, target_id=tid
    ):
        raise duplicate
    report = Report(
        id=uuid.uuid4(),
        reporter_id=reporter.id,
        target_type=kind.value,
        target_id=tid,
        category=cat.value,
        text=clean_text,
        status=rules.ReportStatus.OPEN.value,
        created_at=now,
        target_suspended=False,
    )
    try:
        async with session.begin_nested():
            await repository.add_report(session, report)
    except IntegrityError:  # a concurrent duplicate won
        raise duplicate from None
    return report


async def list_my_reports(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page[Report]:
    reporter = await _signed_in_account(session, actor.user_id or "")
    size, after = _paging(page_size, cursor)
    rows = await repository.list_reports(
        session, reporter_id=reporter.id, status=None, cursor=after, limit=size + 1
    )
    return _page(rows, size)


async def admin_list_reports(
    session: AsyncSession,
    *,
    actor: Principal,
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Report]:
    await _require_admin(session, actor)
    v = Violations()
    if status:
        _enum("status", rules.ReportStatus, status, v)
    size = v.check("page_size", rules.check_page_size, page_size)
    after = v.check("cursor", rules.decode_cursor, cursor)
    v.raise_if_any("the filter has invalid fields")
    rows = await repository.list_reports(
        session, reporter_id=None, status=status or None, cursor=after, limit=size + 1
    )
    return _page(rows, size)


async def _handle_report(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    report_id: str,
    reason: str,
    to: rules.ReportStatus,
    suspend_target: bool = False,
    suspend_until: datetime | None = None,
) -> Report:
    admin = await _require_admin(session, actor)
    v = Violations()
    rid = v.check("report_id", _rule_uuid, report_id)
    clean_reason = v.check("reason", rules.check_admin_reason, reason)
    if suspend_until is not None:
        if not suspend_target:
            v.add("suspend_until", "is allowed only with suspend_target")
        else:
            v.check("suspend_until", rules.check_future, suspend_until, now=now)
    v.raise_if_any("the request has invalid fields")
    report = await repository.get_report(session, rid, for_update=True)
    if report is None:
        raise NotFound("report not found")
    _one(
        "suspend_target",
        rules.check_suspend_target_allowed,
        report.target_type_enum,
        suspend_target,
    )
    try:
        rules.check_report_transition(report.status_enum, to)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    if suspend_target:
        target = await repository.get_account(session, report.target_id, for_update=True)
        if target is None:
            raise NotFound("the reported user does not exist")
        await _admin_suspend(
            session,
            admin=admin,
            now=now,
            target=target,
            reason=clean_reason,
            until=suspend_until,
            via_report=report.id,
        )
    report.status = to.value
    report.handled_at = now
    report.handled_by = admin.id
    report.resolution_reason = clean_reason
    report.target_suspended = suspend_target
    resolved = to is rules.ReportStatus.RESOLVED
    await _audit(
        session,
        now=now,
        actor_id=admin.id,
        action="report.resolve" if resolved else "report.dismiss",
        target_type="REPORT",
        target_id=report.id,
        reason=clean_reason,
        details={
            "target_type": report.target_type,
            "target_id": str(report.target_id),
            "reporter_id": str(report.reporter_id),
            "target_suspended": suspend_target,
        },
    )
    await outbox.add_event(
        session,
        SCHEMA,
        "identity.report_resolved" if resolved else "identity.report_dismissed",
        {
            "report_id": str(report.id),
            "reporter_id": str(report.reporter_id),
            "target_type": report.target_type,
            "target_id": str(report.target_id),
            "status": report.status,
            "target_suspended": suspend_target,
        },
        now=now,
    )
    await session.flush()
    return report


async def admin_resolve_report(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    report_id: str,
    reason: str,
    suspend_target: bool = False,
    suspend_until: datetime | None = None,
) -> Report:
    """OPEN -> RESOLVED, optionally suspending the reported user.

    suspend_target is accepted only when the report's target_type is USER (422 on
    suspend_target otherwise): the owner of a post or comment is known only to the
    community service, which does not exist yet; once it does, resolving a post/comment
    report can ask it for the owner.
    """
    return await _handle_report(
        session,
        actor=actor,
        now=now,
        report_id=report_id,
        reason=reason,
        to=rules.ReportStatus.RESOLVED,
        suspend_target=suspend_target,
        suspend_until=suspend_until,
    )


async def admin_dismiss_report(
    session: AsyncSession, *, actor: Principal, now: datetime, report_id: str, reason: str
) -> Report:
    """OPEN -> DISMISSED."""
    return await _handle_report(
        session,
        actor=actor,
        now=now,
        report_id=report_id,
        reason=reason,
        to=rules.ReportStatus.DISMISSED,
    )
