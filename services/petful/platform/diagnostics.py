"""`petful.common.v1.DiagnosticsService`: the round-trip and dependency RPCs every domain
server carries.

Ping echoes the message and reports what the server saw (identity metadata, deadline), so a
smoke test proves routing, metadata propagation and deadlines end to end. Dependencies says
whether this process reaches its PostgreSQL and Redis: the edge's platform health check asks
every service, so only the services hold database and Redis credentials.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import grpc
from sqlalchemy import text

from petful.pb.common.v1 import diagnostics_pb2, diagnostics_pb2_grpc
from petful.platform.auth_context import current_principal
from petful.platform.db import get_engine
from petful.platform.redis import get_redis

# Upper bound for one dependency check. The checks run side by side and never take more than
# half of the caller's deadline, so the answer (with UNREACHABLE in it) still arrives in time.
DEPENDENCY_TIMEOUT = 1.0
# The smallest budget worth trying: below it every check would report UNREACHABLE anyway.
_MIN_TIMEOUT = 0.05


async def _ping_postgres() -> None:
    async with get_engine().connect() as conn:
        await conn.execute(text("SELECT 1"))


async def _ping_redis() -> None:
    await get_redis().ping()


CHECKS: dict[str, Callable[[], Awaitable[None]]] = {
    "postgres": _ping_postgres,
    "redis": _ping_redis,
}


async def _state(
    check: Callable[[], Awaitable[None]], seconds: float
) -> diagnostics_pb2.DependencyState:
    try:
        async with asyncio.timeout(seconds):
            await check()
    except Exception:
        # Down, refusing, timing out or misconfigured: the same answer for a health check.
        return diagnostics_pb2.DEPENDENCY_STATE_UNREACHABLE
    return diagnostics_pb2.DEPENDENCY_STATE_SERVING


def check_timeout(remaining: float | None) -> float:
    """The budget of one check given the seconds left of the caller's deadline (or none)."""
    if remaining is None:
        return DEPENDENCY_TIMEOUT
    return max(_MIN_TIMEOUT, min(DEPENDENCY_TIMEOUT, remaining / 2))


class DiagnosticsServicer(diagnostics_pb2_grpc.DiagnosticsServiceServicer):
    def __init__(self, service: str) -> None:
        self._service = service

    async def Ping(
        self, request: diagnostics_pb2.PingRequest, context: grpc.aio.ServicerContext
    ) -> diagnostics_pb2.PingResponse:
        response = diagnostics_pb2.PingResponse(message=request.message, service=self._service)
        principal = current_principal()
        if principal is not None:
            response.caller.roles.extend(sorted(principal.roles))
            response.caller.request_id = principal.request_id
            if principal.user_id is not None:
                response.caller.user_id = principal.user_id
        remaining = context.time_remaining()
        if remaining is not None:
            response.deadline_remaining_seconds = remaining
        return response

    async def Dependencies(
        self, request: diagnostics_pb2.DependenciesRequest, context: grpc.aio.ServicerContext
    ) -> diagnostics_pb2.DependenciesResponse:
        timeout = check_timeout(context.time_remaining())
        states = await asyncio.gather(*(_state(check, timeout) for check in CHECKS.values()))
        return diagnostics_pb2.DependenciesResponse(
            service=self._service,
            dependencies=[
                diagnostics_pb2.Dependency(name=name, state=state)
                for name, state in zip(CHECKS, states, strict=True)
            ],
        )


def register_diagnostics(server: grpc.aio.Server, service: str) -> None:
    diagnostics_pb2_grpc.add_DiagnosticsServiceServicer_to_server(
        DiagnosticsServicer(service), server
    )
