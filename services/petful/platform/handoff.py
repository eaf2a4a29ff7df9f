"""Secrets handed from a service to another's worker for a short time, through Redis.

A one-time code has to reach the mail sender, but an outbox event is kept for days and
shows up in logs and dead letters: the event carries only a reference, the code waits here
for as long as it is valid (`ttl_seconds`), and the sender deletes it once the mail is out.
A reference that is gone means the code expired: there is nothing left worth sending.
"""

from __future__ import annotations

import secrets

import redis.asyncio as aioredis

PREFIX = "handoff:"


async def put(redis: aioredis.Redis, value: str, *, ttl_seconds: int) -> str:
    """Keep value for ttl_seconds; the reference to name it by."""
    ref = secrets.token_urlsafe(18)
    await redis.set(PREFIX + ref, value, ex=max(1, ttl_seconds))
    return ref


async def take(redis: aioredis.Redis, ref: str) -> str | None:
    """The value while it lasts (it stays until `drop`: a failed send is tried again)."""
    value = await redis.get(PREFIX + ref)
    # Clients decode to str (platform/redis.py); bytes from another client are decoded here.
    return value.decode() if isinstance(value, bytes) else value


async def drop(redis: aioredis.Redis, ref: str) -> None:
    await redis.delete(PREFIX + ref)
