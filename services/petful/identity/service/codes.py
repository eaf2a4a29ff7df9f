"""One-time codes in Redis, and the email verification that sign-up starts with.

Redis state keeps its own logical timestamps, checked against `now` (so expiry and
throttling are testable without sleeping); Redis TTLs only clean up.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity import repository, tokens
from petful.identity.service.mail import request_code_mail, request_mail
from petful.identity.service.shared import one
from petful.platform.errors import InvalidArgument, ResourceExhausted
from petful.platform.settings import Settings
from petful.platform.validation import normalize_email

# What a code confirms: an email address (sign-up) or a password reset.
VERIFY = "verify"
RESET = "reset"


@dataclass(frozen=True)
class CodeIssue:
    code: str | None  # for Python callers (tests, CLI); the gRPC API never returns it
    expires_at: datetime
    resend_available_at: datetime


def _code_key(purpose: str, email: str) -> str:
    return f"identity:code:{purpose}:{email}"


def _code_digest(purpose: str, email: str, code: str) -> str:
    return hashlib.sha256(f"{purpose}:{email}:{code}".encode()).hexdigest()


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


async def issue_code(
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


async def _count_guess_today(
    redis: aioredis.Redis, *, purpose: str, email: str, now: datetime, max_per_day: int
) -> None:
    """Count a guess against the email's daily cap first, then refuse it over the cap (one
    atomic INCR: concurrent guesses cannot all pass). The day is UTC's, from `now`."""
    day = now.astimezone(UTC).date()
    key = f"identity:code_guesses:{purpose}:{email}:{day.isoformat()}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 24 * 3600)
        guesses, _ = await pipe.execute()
    if int(guesses) > max_per_day:
        wait = (datetime.combine(day + timedelta(days=1), time.min, UTC) - now).total_seconds()
        raise ResourceExhausted(
            f"too many wrong codes for this email today; try again in {int(wait) + 1} s "
            "(a new code does not reset this limit)",
            retry_after=wait,
        )


async def consume_code(
    redis: aioredis.Redis,
    *,
    purpose: str,
    email: str,
    code: str,
    now: datetime,
    max_attempts: int,
    max_per_day: int,
) -> bool:
    """True once for the right code; wrong tries count, and the last allowed one kills it.

    Guesses also count against a cap per email and day across codes (429 over it). Only
    guesses at a live code count, so using up the cap takes codes mailed to the owner.
    """
    key = _code_key(purpose, email)
    data = await redis.hgetall(key)
    if not data or not data.get("code_hash"):
        return False
    if now.timestamp() >= float(data["expires_at"]):
        await redis.hset(key, "code_hash", "")
        return False
    await _count_guess_today(redis, purpose=purpose, email=email, now=now, max_per_day=max_per_day)
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


def bad_code() -> InvalidArgument:
    return InvalidArgument(
        "the code is wrong or no longer valid",
        field_violations=[("code", "is invalid or expired")],
    )


def check_code_format(code: str) -> str:
    code = code.strip()
    if len(code) != 6 or not code.isdigit():
        raise InvalidArgument("code is invalid", field_violations=[("code", "must be 6 digits")])
    return code


# --- email verification ------------------------------------------------------------------


async def start_email_verification(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    settings: Settings,
    now: datetime,
    email: str,
) -> CodeIssue:
    """Mail a code, or an "you already have an account" note; the caller cannot tell which.

    The returned `code` is None when the account exists.
    """
    email = one("email", normalize_email, email)
    exists = await repository.live_email_exists(session, email)
    issue = await issue_code(
        redis,
        purpose=VERIFY,
        email=email,
        now=now,
        ttl=settings.identity.email_code_ttl_seconds,
        resend_after=settings.identity.email_code_resend_seconds,
        with_code=not exists,
    )
    if issue.code is None:
        await request_mail(session, email, contract.MAIL_ACCOUNT_EXISTS, now=now)
    else:
        ttl = settings.identity.email_code_ttl_seconds
        await request_code_mail(
            session,
            redis,
            email,
            contract.MAIL_VERIFICATION_CODE,
            code=issue.code,
            ttl_seconds=ttl,
            now=now,
            minutes=max(1, ttl // 60),
        )
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
    email = one("email", normalize_email, email)
    code = check_code_format(code)
    ok = await consume_code(
        redis,
        purpose=VERIFY,
        email=email,
        code=code,
        now=now,
        max_attempts=settings.identity.email_code_max_attempts,
        max_per_day=settings.identity.email_code_max_attempts_per_day,
    )
    if not ok:
        raise bad_code()
    return tokens.issue_verification_token(keys, settings, email=email, now=now)
