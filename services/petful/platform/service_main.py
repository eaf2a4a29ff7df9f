"""`petful serve <domain>`: one domain service process.

It serves the domain's gRPC API (health, reflection and diagnostics always) and relays
the domain's outbox to Celery until SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import importlib.util
from collections.abc import Callable

import grpc

from petful.platform.db import dispose_engines, get_engine
from petful.platform.events import publish_to_celery
from petful.platform.grpc_client import close_channels
from petful.platform.grpc_server import RunningServer, serve
from petful.platform.outbox import OutboxRelay, listen_dsn
from petful.platform.settings import DOMAINS, Settings, get_settings

Register = Callable[[grpc.aio.Server], None]


def domain_register(domain: str) -> Register:
    """The domain's `grpc_api.register(server)`, or nothing to add yet."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}")
    name = f"petful.{domain}.grpc_api"
    if importlib.util.find_spec(name) is None:
        return lambda server: None
    register: Register = importlib.import_module(name).register
    return register


async def run_service(domain: str, settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    register = domain_register(domain)
    stop = asyncio.Event()
    relay_task: asyncio.Task[None] | None = None

    async def start_relay(running: RunningServer) -> None:
        nonlocal relay_task
        relay = OutboxRelay(
            domain, get_engine(settings), publish_to_celery, batch_size=settings.outbox_batch_size
        )
        relay_task = asyncio.create_task(
            relay.run(
                stop,
                poll_seconds=settings.outbox_poll_seconds,
                dsn=listen_dsn(settings.database_url),
            )
        )

    try:
        await serve(domain, register, settings=settings, on_start=start_relay, stop_event=stop)
    finally:
        stop.set()
        if relay_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await relay_task
        await close_channels()
        await dispose_engines()
