"""Password guessing against sign-in and password reset (issue 13 items 4, 7 and 8).

The guesser must be slowed, never helped by concurrency, and never able to lock the owner
out for good: the service functions run on real PostgreSQL and Redis with an injected clock.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from petful.identity import tokens
from petful.identity.models import Account
from petful.identity.service import accounts, passwords, sessions
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument, ResourceExhausted, Unauthenticated
from petful.platform.redis import get_redis
from petful.platform.settings import Settings

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PASSWORD = "s3cret-pass"
WRONG = "wrong-pass1"
NEW_PASSWORD = "n3w-secret-pass"


def _address() -> str:
    """A fresh client address: per-address counters live in the session's one Redis."""
    return f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"


async def _owner(settings: Settings) -> Account:
    async with transaction() as session:
        return await accounts.create_account_without_verification(
            session,
            settings=settings,
            now=T0,
            email=f"bori-{uuid.uuid4().hex[:10]}@example.com",
            password=PASSWORD,
            name="Bori",
            nickname=f"bori{uuid.uuid4().hex[:10]}",
            phone="010-1234-5678",
            role=Role.USER,
        )


async def _login(
    settings: Settings, email: str, password: str, *, ip: str, now: datetime
) -> sessions.TokenPair:
    async with transaction() as session:
        return await sessions.login(
            session,
            redis=get_redis(settings),
            keys=tokens.KeyRing.from_settings(settings),
            settings=settings,
            now=now,
            email=email,
            password=password,
            client_ip=ip,
        )


async def _guess(settings: Settings, email: str, *, ip: str, now: datetime) -> None:
    """One wrong password that the service evaluated (not throttled)."""
    with pytest.raises(Unauthenticated):
        await _login(settings, email, WRONG, ip=ip, now=now)


async def _throttled(
    settings: Settings, email: str, password: str, *, ip: str, now: datetime
) -> ResourceExhausted:
    with pytest.raises(ResourceExhausted) as info:
        await _login(settings, email, password, ip=ip, now=now)
    return info.value


async def _start_reset(settings: Settings, email: str, now: datetime) -> str:
    async with transaction() as session:
        issue = await passwords.start_password_reset(
            session, redis=get_redis(settings), settings=settings, now=now, email=email
        )
    assert issue.code is not None
    return issue.code


async def _confirm_reset(settings: Settings, email: str, code: str, now: datetime) -> None:
    async with transaction() as session:
        await passwords.confirm_password_reset(
            session,
            redis=get_redis(settings),
            settings=settings,
            now=now,
            email=email,
            code=code,
            new_password=NEW_PASSWORD,
        )


async def _guesses_from_many_addresses(settings: Settings, email: str, now: datetime) -> None:
    for _ in range(settings.identity.login_max_failures_per_account):
        await _guess(settings, email, ip=_address(), now=now)


# --- 4b: check and count are one step ----------------------------------------------------


async def test_concurrent_guesses_cannot_outrun_the_limit(settings: Settings) -> None:
    bori = await _owner(settings)
    guesser_ip = _address()
    limit = settings.identity.login_free_failures
    outcomes = await asyncio.gather(
        *(_login(settings, bori.email, WRONG, ip=guesser_ip, now=T0) for _ in range(48)),
        return_exceptions=True,
    )
    evaluated = [o for o in outcomes if isinstance(o, Unauthenticated)]
    throttled = [o for o in outcomes if isinstance(o, ResourceExhausted)]
    assert len(evaluated) == limit
    assert len(throttled) == 48 - limit


# --- 7: slow the guesser, not the owner --------------------------------------------------


async def test_a_guesser_elsewhere_does_not_lock_the_owner_out(settings: Settings) -> None:
    bori = await _owner(settings)
    owner_ip = _address()
    guesser_ip = _address()
    for _ in range(settings.identity.login_free_failures):
        await _guess(settings, bori.email, ip=guesser_ip, now=T0)
    await _throttled(settings, bori.email, WRONG, ip=guesser_ip, now=T0)
    pair = await _login(settings, bori.email, PASSWORD, ip=owner_ip, now=T0)
    assert pair.account.id == bori.id


async def test_each_further_failure_doubles_the_delay(settings: Settings) -> None:
    bori = await _owner(settings)
    guesser_ip = _address()
    base = settings.identity.login_delay_base_seconds
    for _ in range(settings.identity.login_free_failures):
        await _guess(settings, bori.email, ip=guesser_ip, now=T0)
    now = T0
    for delay in (base, 2 * base, 4 * base):
        err = await _throttled(settings, bori.email, PASSWORD, ip=guesser_ip, now=now)
        assert err.retry_after == delay
        assert "doubles" in err.detail
        await _throttled(
            settings, bori.email, WRONG, ip=guesser_ip, now=now + timedelta(seconds=delay - 1)
        )
        now += timedelta(seconds=delay)
        await _guess(settings, bori.email, ip=guesser_ip, now=now)


async def test_the_delay_stops_growing_at_its_cap(settings: Settings) -> None:
    bori = await _owner(settings)
    guesser_ip = _address()
    cap = settings.identity.login_delay_max_seconds
    for _ in range(settings.identity.login_free_failures):
        await _guess(settings, bori.email, ip=guesser_ip, now=T0)
    now = T0
    for _ in range(12):
        err = await _throttled(settings, bori.email, WRONG, ip=guesser_ip, now=now)
        assert err.retry_after is not None
        assert err.retry_after <= cap
        now += timedelta(seconds=err.retry_after)
        await _guess(settings, bori.email, ip=guesser_ip, now=now)
    assert err.retry_after == cap


async def test_signing_in_clears_the_delay(settings: Settings) -> None:
    bori = await _owner(settings)
    owner_ip = _address()
    free = settings.identity.login_free_failures
    for _ in range(free):
        await _guess(settings, bori.email, ip=owner_ip, now=T0)
    later = T0 + timedelta(seconds=settings.identity.login_delay_base_seconds)
    await _login(settings, bori.email, PASSWORD, ip=owner_ip, now=later)
    for _ in range(free):
        await _guess(settings, bori.email, ip=owner_ip, now=later)


async def test_many_addresses_lock_the_account_until_the_owner_resets_the_password(
    settings: Settings,
) -> None:
    bori = await _owner(settings)
    owner_ip = _address()
    await _guesses_from_many_addresses(settings, bori.email, T0)
    err = await _throttled(settings, bori.email, PASSWORD, ip=owner_ip, now=T0)
    assert err.type.endswith("/account-locked")
    assert "reset" in err.detail
    assert err.retry_after == settings.identity.login_failure_window_seconds

    code = await _start_reset(settings, bori.email, T0)
    await _confirm_reset(settings, bori.email, code, T0)
    pair = await _login(settings, bori.email, NEW_PASSWORD, ip=owner_ip, now=T0)
    assert pair.account.id == bori.id


async def test_the_account_lock_ends_with_its_window(settings: Settings) -> None:
    bori = await _owner(settings)
    owner_ip = _address()
    await _guesses_from_many_addresses(settings, bori.email, T0)
    window = timedelta(seconds=settings.identity.login_failure_window_seconds)
    await _throttled(settings, bori.email, PASSWORD, ip=owner_ip, now=T0 + window / 2)
    await _login(settings, bori.email, PASSWORD, ip=owner_ip, now=T0 + window)


# --- 8: one cap on reset-code guesses per account per day --------------------------------


async def test_new_reset_codes_do_not_restart_the_daily_guess_cap(settings: Settings) -> None:
    bori = await _owner(settings)
    cap = settings.identity.email_code_max_attempts_per_day
    per_code = settings.identity.email_code_max_attempts
    resend = timedelta(seconds=settings.identity.email_code_resend_seconds)
    now = T0
    guesses = 0
    while guesses < cap:
        code = await _start_reset(settings, bori.email, now)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for _ in range(min(per_code, cap - guesses)):
            with pytest.raises(InvalidArgument):
                await _confirm_reset(settings, bori.email, wrong, now)
            guesses += 1
        now += resend
    # Even the right code of a fresh mail is not checked any more today...
    code = await _start_reset(settings, bori.email, now)
    with pytest.raises(ResourceExhausted) as info:
        await _confirm_reset(settings, bori.email, code, now)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
    assert info.value.retry_after == (midnight - now).total_seconds()
    # ... and works the next day.
    code = await _start_reset(settings, bori.email, midnight)
    await _confirm_reset(settings, bori.email, code, midnight)
