"""The sign-in throttle: slow a password guesser down without locking the owner out.

Three counters, each answering a different attacker:

- one account from one address: the first `login_free_failures` failures are free; then
  each attempt waits `login_delay_base_seconds`, doubling with every further failure up to
  `login_delay_max_seconds`. Only that address waits, so a guesser elsewhere never keeps
  the owner out. A successful sign-in or a password reset clears it; otherwise it starts
  over after `login_delay_memory_seconds` without an attempt.
- one address, all accounts (`login_max_failures_per_ip` failures per
  `login_failure_window_seconds`): one address trying many accounts.
- one account, all addresses (`login_max_failures_per_account` per window): a guesser with
  many addresses. This is the one lock left; it ends when the window has passed, or at once
  when the owner resets the password with the mailed code (`passwords`).

Unknown emails are counted like real ones, so a refusal says nothing about an account.
Check and count are one Redis script: an attempt counts as a failure before its password
is checked, and a right password takes it back, so concurrent guesses cannot all slip
through one check (Redis logical time is `now`; key TTLs only clean up).
"""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import redis.asyncio as aioredis

from petful.platform.errors import PROBLEM_BASE, ResourceExhausted
from petful.platform.settings import Settings

# KEYS: the account's per-address delay counters (hash: n:<address> failures, t:<address>
# time of the last), then sliding windows (sorted sets of attempt ids by time): the
# account's, and the address's when there is one.
# ARGV: now, attempt id, address, free, base, cap, memory, window, account limit, ip limit.
# Returns {kind, seconds to wait} for a refusal, or {"", "0"} once the attempt is counted.
_CHECK_AND_COUNT = """
local now, member, address = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local free, base, cap, memory = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]),
    tonumber(ARGV[7])
local window = tonumber(ARGV[8])
local limits = {tonumber(ARGV[9]), tonumber(ARGV[10])}
local kinds = {'account', 'address'}
local kind, wait = '', 0

local n = tonumber(redis.call('HGET', KEYS[1], 'n:' .. address) or 0)
local last = tonumber(redis.call('HGET', KEYS[1], 't:' .. address) or 0)
if now - last >= memory then n = 0 end
if n >= free then
  kind, wait = 'delay', last + math.min(cap, base * 2 ^ (n - free)) - now
end

for i = 2, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count, limit = redis.call('ZCARD', KEYS[i]), limits[i - 1]
  if count >= limit then
    -- The window reopens when the oldest failure that still counts falls out of it.
    local oldest = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then kind, wait = kinds[i - 1], w end
  end
end
if wait > 0 then return {kind, tostring(wait)} end

redis.call('HSET', KEYS[1], 'n:' .. address, n + 1, 't:' .. address, now)
redis.call('EXPIRE', KEYS[1], memory)
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], now, member)
  redis.call('EXPIRE', KEYS[i], window)
end
return {'', '0'}
"""


@dataclass(frozen=True)
class Attempt:
    """A sign-in attempt, counted as a failure until `succeeded` takes it back."""

    member: str
    address: str
    delays_key: str
    window_keys: tuple[str, ...]


def _account_keys(email: str) -> tuple[str, str]:
    """The account's delay counters and failure window (by a digest: no email in Redis)."""
    digest = hashlib.sha256(email.encode()).hexdigest()
    return f"identity:login:{digest}:delays", f"identity:login:{digest}:failures"


def _refusal(kind: str, wait: float, settings: Settings) -> ResourceExhausted:
    seconds = math.ceil(wait)
    if kind == "account":
        return ResourceExhausted(
            f"this account is locked after many failed sign-ins from many addresses; it "
            f"unlocks in {seconds} s, or at once when you reset your password with the code "
            "we email you",
            retry_after=wait,
            type_=PROBLEM_BASE + "account-locked",
            title="Account temporarily locked",
        )
    if kind == "address":
        return ResourceExhausted(
            f"too many failed sign-ins from your address; try again in {seconds} s",
            retry_after=wait,
        )
    cap_minutes = max(1, settings.identity.login_delay_max_seconds // 60)
    return ResourceExhausted(
        f"too many failed sign-ins to this account from your address; try again in {seconds} s. "
        f"The wait doubles with each further failure (up to {cap_minutes} min); signing in "
        "or resetting your password starts it over",
        retry_after=wait,
    )


async def begin(
    redis: aioredis.Redis, settings: Settings, *, email: str, client_ip: str, now: datetime
) -> Attempt:
    """Count an attempt before its password is checked, or refuse it (429) when waiting."""
    s = settings.identity
    address = client_ip.strip()
    delays_key, failures_key = _account_keys(email)
    window_keys = (failures_key, f"identity:login:ip:{address}") if address else (failures_key,)
    member = uuid.uuid4().hex
    kind, wait = cast(
        list[str],
        await redis.eval(
            _CHECK_AND_COUNT,
            1 + len(window_keys),
            delays_key,
            *window_keys,
            repr(now.timestamp()),
            member,
            address,
            s.login_free_failures,
            s.login_delay_base_seconds,
            s.login_delay_max_seconds,
            s.login_delay_memory_seconds,
            s.login_failure_window_seconds,
            s.login_max_failures_per_account,
            s.login_max_failures_per_ip,
        ),
    )
    if kind:
        raise _refusal(kind, float(wait), settings)
    return Attempt(member, address, delays_key, window_keys)


async def succeeded(redis: aioredis.Redis, attempt: Attempt) -> None:
    """The password was right: the attempt is no failure, and this address waits no more."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hdel(attempt.delays_key, f"n:{attempt.address}", f"t:{attempt.address}")
        for key in attempt.window_keys:
            pipe.zrem(key, attempt.member)
        await pipe.execute()


async def clear_account(redis: aioredis.Redis, email: str) -> None:
    """The owner proved control of the mailbox: lift the lock and every address's delay."""
    await redis.delete(*_account_keys(email))
