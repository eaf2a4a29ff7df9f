"""The one gRPC client factory: cached channels with retries, keepalive, deadlines, identity
(a signed internal token per call) and tracing.

    stub = pets_pb2_grpc.PetsServiceStub(channel("pets"))
    reply = await call(stub.GetPet(request))  # a failure raises the DomainError

Channels belong to the event loop that created them, so the cache is per loop (a Celery task
running `asyncio.run` per call gets fresh channels instead of dead ones).
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections.abc import Awaitable
from typing import Any, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from petful.platform.auth_context import Principal, current_principal
from petful.platform.errors import NotFound, from_rpc_error
from petful.platform.internal_token import METADATA_KEY, InternalTokens
from petful.platform.settings import Settings, get_settings

T = TypeVar("T")

_channels: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)

KEEPALIVE_OPTIONS: tuple[tuple[str, int], ...] = (
    # Ping only while calls are active: detects dead peers (node loss) within ~40 s.
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.keepalive_permit_without_calls", 0),
)


def service_config(max_attempts: int) -> str:
    """Retry UNAVAILABLE only: it is the one code that says the call never ran."""
    method_config: dict[str, Any] = {"name": [{}]}
    if max_attempts > 1:
        method_config["retryPolicy"] = {
            "maxAttempts": min(max_attempts, 5),  # gRPC caps attempts at 5
            "initialBackoff": "0.1s",
            "maxBackoff": "2s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        }
    return json.dumps({"methodConfig": [method_config]})


class _CallDefaults:
    """Adds the internal token and the default deadline to a call.

    The token is minted here, per call, for the current principal (anonymous without one)
    and for the one service this channel reaches: no extra hop, about 20 µs of CPU
    (tests/bench/test_internal_token.py).
    """

    def __init__(self, deadline_seconds: float, tokens: InternalTokens, audience: str) -> None:
        self._deadline = deadline_seconds
        self._tokens = tokens
        self._audience = audience

    def details(self, d: Any) -> Any:
        metadata = grpc.aio.Metadata(*tuple(d.metadata or ()))
        principal = current_principal() or Principal()
        token = self._tokens.sign(principal, audience=self._audience)
        metadata[METADATA_KEY] = token  # replaces any token the caller set by hand
        timeout = self._deadline if d.timeout is None else d.timeout
        return grpc.aio.ClientCallDetails(
            d.method, timeout, metadata, d.credentials, d.wait_for_ready
        )


# grpc.aio sorts interceptors by type, one list per call shape, so one class per shape.
class _UnaryUnary(_CallDefaults, grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    async def intercept_unary_unary(self, continuation: Any, d: Any, request: Any) -> Any:
        return await continuation(self.details(d), request)


class _UnaryStream(_CallDefaults, grpc.aio.UnaryStreamClientInterceptor):  # type: ignore[misc]
    async def intercept_unary_stream(self, continuation: Any, d: Any, request: Any) -> Any:
        return await continuation(self.details(d), request)


class _StreamUnary(_CallDefaults, grpc.aio.StreamUnaryClientInterceptor):  # type: ignore[misc]
    async def intercept_stream_unary(self, continuation: Any, d: Any, requests: Any) -> Any:
        return await continuation(self.details(d), requests)


class _StreamStream(_CallDefaults, grpc.aio.StreamStreamClientInterceptor):  # type: ignore[misc]
    async def intercept_stream_stream(self, continuation: Any, d: Any, requests: Any) -> Any:
        return await continuation(self.details(d), requests)


def client_interceptors(settings: Settings, domain: str) -> list[Any]:
    """Defaults (identity, deadline) outermost, so the tracing span covers the real call.

    Calls carry tokens for `domain` only: a channel reaches one service.
    """
    tokens = InternalTokens.from_settings(settings)
    deadline = settings.grpc_deadline_seconds
    defaults = [
        cls(deadline, tokens, domain)
        for cls in (_UnaryUnary, _UnaryStream, _StreamUnary, _StreamStream)
    ]
    tracing: list[Any] = aio_client_interceptors()  # type: ignore[no-untyped-call]
    return [*defaults, *tracing]


def channel(domain: str, *, settings: Settings | None = None) -> grpc.aio.Channel:
    """The shared channel to a domain service (call from async code)."""
    settings = settings or get_settings()
    target = settings.grpc_target(domain)
    per_loop = _channels.setdefault(asyncio.get_running_loop(), {})
    key = f"{domain}@{target}"  # the channel's tokens name its domain as their audience
    cached = per_loop.get(key)
    if cached is None:
        options = (
            *KEEPALIVE_OPTIONS,
            ("grpc.enable_retries", 1),
            ("grpc.service_config", service_config(settings.grpc_max_attempts)),
            # Uploads travel as bytes inside one message: the media limit plus headroom.
            ("grpc.max_send_message_length", settings.media.max_bytes + 1024 * 1024),
            ("grpc.max_receive_message_length", settings.media.max_bytes + 1024 * 1024),
        )
        cached = grpc.aio.insecure_channel(
            target, options=options, interceptors=client_interceptors(settings, domain)
        )
        per_loop[key] = cached
    return cached


async def close_channels() -> None:
    """Close this loop's channels (on shutdown, or between tests)."""
    per_loop = _channels.pop(asyncio.get_running_loop(), {})
    for ch in per_loop.values():
        await ch.close()


_STATUS_NAMES = {
    health_pb2.HealthCheckResponse.SERVING: "SERVING",
    health_pb2.HealthCheckResponse.NOT_SERVING: "NOT_SERVING",
    health_pb2.HealthCheckResponse.SERVICE_UNKNOWN: "UNKNOWN",
    health_pb2.HealthCheckResponse.UNKNOWN: "UNKNOWN",
}


# `timeout` is passed on as the gRPC deadline, hence the noqa.
async def check_health(target: str, timeout: float, *, service: str = "") -> str:  # noqa: ASYNC109
    """grpc.health.v1 status of target: SERVING, NOT_SERVING, UNKNOWN or UNREACHABLE.

    Uses a throwaway channel with no retries, so a down service answers within timeout.
    """
    async with grpc.aio.insecure_channel(target) as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        try:
            request = health_pb2.HealthCheckRequest(service=service)
            reply = await stub.Check(request, timeout=timeout)
        except grpc.aio.AioRpcError as e:
            if e.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                return "UNREACHABLE"
            return "UNKNOWN"  # e.g. NOT_FOUND for an unregistered service, UNIMPLEMENTED
    return _STATUS_NAMES.get(reply.status, "UNKNOWN")


async def call(rpc: Awaitable[T]) -> T:
    """Await a stub call; a failed call raises the DomainError it stands for.

        pet = await call(stub.GetPet(request))

    The one place a client turns `grpc.RpcError` into the domain error (errors.py).
    """
    try:
        return await rpc
    except grpc.RpcError as e:
        raise from_rpc_error(e) from None


async def call_or_none(rpc: Awaitable[T]) -> T | None:
    """Like `call`, but NOT_FOUND means None (a lookup of something that may be gone)."""
    try:
        return await call(rpc)
    except NotFound:
        return None
