"""The async Redis client: one per (URL, event loop), from `settings.redis_url`.

Connections belong to the loop that opened them (like database engines), so a Celery
thread's loop and the gRPC server's loop each get their own client.
"""

from __future__ import annotations

import asyncio

import redis.asyncio as aioredis

from petful.platform.settings import Settings, get_settings

_clients: dict[tuple[str, int], aioredis.Redis] = {}


def get_redis(settings: Settings | None = None) -> aioredis.Redis:
    """The shared client for this loop; responses are decoded to str."""
    settings = settings or get_settings()
    key = (settings.redis_url, id(asyncio.get_running_loop()))
    client = _clients.get(key)
    if client is None:
        client = aioredis.Redis.from_url(
            settings.redis_url,
            decode_responses=True,
            socket_connect_timeout=5,
            socket_timeout=5,
            health_check_interval=30,
        )
        _clients[key] = client
    return client


async def close_redis() -> None:
    """Close this loop's clients (shutdown, tests)."""
    loop_id = id(asyncio.get_running_loop())
    for key in [k for k in _clients if k[1] == loop_id]:
        await _clients.pop(key).aclose()
