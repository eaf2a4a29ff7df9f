"""The one gRPC server bootstrap: health, reflection, interceptors, graceful shutdown.

`serve()` is what a domain's main calls; `start_server()` is the part tests use (no
signals, no metrics HTTP server, port 0 allowed).

Interceptors, outermost first:
1. identity: the caller's internal token (platform/internal_token.py) -> `Principal`
   contextvar (request id reaches every log line); no token, or one that does not verify
   for this service -> UNAUTHENTICATED before anything else runs. Health and reflection
   (`/grpc.*`) stay open: kubelet probes carry no token.
2. OpenTelemetry tracing (opentelemetry-instrumentation-grpc).
3. Prometheus RED metrics.
4. domain errors -> gRPC status + `ErrorInfo` trailer; a number or time beyond what a field
   or column holds -> INVALID_ARGUMENT; anything else -> generic INTERNAL.
Error mapping sits innermost so the span and the metrics see the final status code, and the
traceback of an unexpected error is logged inside the span (it carries the trace id).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import grpc
import redis.exceptions
import sqlalchemy.exc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry.instrumentation.grpc import aio_server_interceptor, filters
from prometheus_client import Counter, Gauge, Histogram

from petful.platform.auth_context import use_principal
from petful.platform.diagnostics import register_diagnostics
from petful.platform.errors import (
    DomainError,
    Internal,
    InvalidArgument,
    ServiceUnavailable,
    Unauthenticated,
    abort_with,
    from_rpc_error,
)
from petful.platform.internal_token import METADATA_KEY, InternalTokens, InvalidInternalToken
from petful.platform.logging import get_logger, setup_logging
from petful.platform.redis import close_redis
from petful.platform.settings import Settings, get_settings
from petful.platform.telemetry import setup_telemetry, start_metrics_server

log = get_logger(__name__)

REQUESTS = Counter(
    "petful_grpc_server_requests_total",
    "gRPC requests handled, by final status code.",
    ["service", "method", "code"],
)
DURATION = Histogram(
    "petful_grpc_server_request_duration_seconds",
    "gRPC request handling time.",
    ["service", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
IN_FLIGHT = Gauge(
    "petful_grpc_server_in_flight",
    "gRPC requests being handled.",
    ["service", "method"],
)

# Infrastructure services (health, reflection) stay out of traces and RED metrics.
_INFRA_PREFIX = "/grpc."

Around = Callable[[str, Any], AbstractAsyncContextManager[None]]


def split_method(full_method: str) -> tuple[str, str]:
    """ "/pkg.Service/Method" -> ("pkg.Service", "Method")."""
    service, _, method = full_method.lstrip("/").rpartition("/")
    return service, method


def _wrap_handler(handler: Any, method: str, around: Around) -> Any:
    """Same RPC handler, its behavior run inside `around(method, context)`."""
    if handler.response_streaming:
        stream_inner = handler.unary_stream or handler.stream_stream

        async def stream_behavior(request: Any, context: Any) -> AsyncIterator[Any]:
            async with around(method, context):
                result = stream_inner(request, context)
                if hasattr(result, "__aiter__"):
                    async for item in result:
                        yield item
                else:  # servicer wrote with context.write() and returned a coroutine
                    await result

        factory = (
            grpc.stream_stream_rpc_method_handler
            if handler.request_streaming
            else grpc.unary_stream_rpc_method_handler
        )
        behavior: Callable[..., Any] = stream_behavior
    else:
        unary_inner = handler.unary_unary or handler.stream_unary

        async def unary_behavior(request: Any, context: Any) -> Any:
            async with around(method, context):
                result = unary_inner(request, context)
                return await result if inspect.isawaitable(result) else result

        factory = (
            grpc.stream_unary_rpc_method_handler
            if handler.request_streaming
            else grpc.unary_unary_rpc_method_handler
        )
        behavior = unary_behavior
    return factory(
        behavior,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


class _AroundInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    """Base: run each RPC's behavior inside `self.around(method, context)`."""

    skip_infra = False

    def around(self, method: str, context: Any) -> AbstractAsyncContextManager[None]:
        raise NotImplementedError

    async def intercept_service(
        self, continuation: Callable[[Any], Awaitable[Any]], details: Any
    ) -> Any:
        handler = await continuation(details)
        method: str = details.method
        if handler is None or (self.skip_infra and method.startswith(_INFRA_PREFIX)):
            return handler
        return _wrap_handler(handler, method, self.around)


def _token(metadata: Any) -> str | None:
    for key, value in metadata or ():
        if key == METADATA_KEY:
            return value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)
    return None


class IdentityInterceptor(_AroundInterceptor):
    """Only a platform component holds the key, so only it can say who the caller is."""

    skip_infra = True

    def __init__(self, domain: str, tokens: InternalTokens) -> None:
        self._domain = domain
        self._tokens = tokens

    @asynccontextmanager
    async def around(self, method: str, context: Any) -> AsyncIterator[None]:
        token = _token(context.invocation_metadata())
        try:
            if token is None:
                raise InvalidInternalToken("no internal token")
            principal = self._tokens.verify(token, audience=self._domain)
        except InvalidInternalToken as exc:
            log.warning("rpc refused", method=method, reason=str(exc))
            # Raises: the servicer never runs.
            await abort_with(context, Unauthenticated("this call needs an internal token"))
        with use_principal(principal):
            yield


def _code_name(code: Any) -> str | None:
    if isinstance(code, grpc.StatusCode):
        return str(code.name)
    if isinstance(code, int):  # some grpc versions hand back the raw enum value
        for status in grpc.StatusCode:
            if status.value[0] == code:
                return str(status.name)
    return None


class MetricsInterceptor(_AroundInterceptor):
    skip_infra = True

    @asynccontextmanager
    async def around(self, method: str, context: Any) -> AsyncIterator[None]:
        labels = split_method(method)
        in_flight = IN_FLIGHT.labels(*labels)
        in_flight.inc()
        start = time.perf_counter()
        code = "OK"
        try:
            yield
            code = _code_name(context.code()) or "OK"
        except asyncio.CancelledError:
            code = "CANCELLED"
            raise
        except BaseException as exc:
            code = _code_name(context.code()) or (
                exc.grpc_code.name if isinstance(exc, DomainError) else "UNKNOWN"
            )
            raise
        finally:
            # Count before leaving in-flight: "nothing in flight" then means "all counted".
            DURATION.labels(*labels).observe(time.perf_counter() - start)
            REQUESTS.labels(*labels, code).inc()
            in_flight.dec()


# What a caller's number or instant out of range raises once past the wire (which carries
# any int64): protobuf setting an int32 field or converting a Timestamp, Python's datetime and
# C ints, and PostgreSQL (numeric_value_out_of_range, datetime_field_overflow).
_RANGE_MESSAGES = ("Value out of range", "Timestamp is not valid")
_RANGE_SQLSTATES = frozenset({"22003", "22008"})


def out_of_range(exc: Exception) -> bool:
    """Whether exc is a value beyond what a field or column holds: the caller's to fix."""
    if isinstance(exc, OverflowError):
        return True
    if isinstance(exc, ValueError):
        return str(exc).startswith(_RANGE_MESSAGES)
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        return getattr(exc.orig, "sqlstate", None) in _RANGE_SQLSTATES
    return False


class ErrorInterceptor(_AroundInterceptor):
    @asynccontextmanager
    async def around(self, method: str, context: Any) -> AsyncIterator[None]:
        try:
            yield
        except DomainError as err:
            log.info("rpc failed", method=method, error=repr(err), code=err.grpc_code.name)
            await abort_with(context, err)
        except grpc.aio.AbortError:
            raise  # the servicer already chose a status
        except grpc.aio.AioRpcError as exc:
            # A downstream call failed and the servicer let it through: pass on its meaning.
            log.warning("downstream rpc failed", method=method, code=exc.code().name)
            await abort_with(context, from_rpc_error(exc))
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            # Redis down (restarting, failing over) is the caller's to retry, not a bug: a
            # sign-in during an outage answered 500 (tests/integration/faults).
            log.warning("redis unreachable", method=method, error=type(exc).__name__)
            await abort_with(context, ServiceUnavailable("A dependency is unavailable; retry."))
        except Exception as exc:
            if out_of_range(exc):
                # Only the type: a database error's text holds the statement and its values.
                log.info("rpc input out of range", method=method, error=type(exc).__name__)
                await abort_with(context, InvalidArgument("A number or time is out of range."))
            else:
                log.exception("unhandled error in rpc", method=method)
                await abort_with(context, Internal())


def default_interceptors(domain: str, tokens: InternalTokens) -> list[Any]:
    tracing = aio_server_interceptor(  # type: ignore[no-untyped-call]
        filter_=filters.negate(filters.service_prefix("grpc."))
    )
    identity = IdentityInterceptor(domain, tokens)
    return [identity, tracing, MetricsInterceptor(), ErrorInterceptor()]


class _RecordingServer:
    """Proxy handed to `register` so we learn service names for health and reflection."""

    def __init__(self, server: Any) -> None:
        self._server = server
        self.service_names: list[str] = []

    def add_generic_rpc_handlers(self, handlers: Sequence[Any]) -> None:
        for handler in handlers:
            name = getattr(handler, "service_name", None)
            if callable(name) and name() not in self.service_names:
                self.service_names.append(name())
        self._server.add_generic_rpc_handlers(handlers)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._server, name)


@dataclass
class RunningServer:
    domain: str
    server: Any  # grpc.aio.Server
    port: int
    health: Any  # grpc_health aio HealthServicer
    service_names: tuple[str, ...]
    _stopped: bool = field(default=False, repr=False)

    async def stop(self, grace: float | None = None) -> None:
        """Report NOT_SERVING, then let in-flight calls finish for up to grace seconds."""
        if self._stopped:
            return
        self._stopped = True
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)

    async def wait_for_termination(self) -> None:
        await self.server.wait_for_termination()


def _bind_address(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # IPv6 literal
    return f"{host}:{port}"


SERVER_OPTIONS: tuple[tuple[str, int], ...] = (
    # Accept the client keepalive pings from grpc_client (every 30 s) without GOAWAY.
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_recv_ping_interval_without_data_ms", 10_000),
    ("grpc.keepalive_time_ms", 60_000),
    ("grpc.keepalive_timeout_ms", 20_000),
)


async def start_server(
    domain: str,
    register: Callable[[grpc.aio.Server], None],
    *,
    settings: Settings | None = None,
    port: int | None = None,
    diagnostics: bool = True,
) -> RunningServer:
    """Build, bind and start the server; returns once it accepts calls.

    port None means `settings.port("grpc.<domain>")`; 0 picks a free port (tests).
    """
    settings = settings or get_settings()
    # Uploads travel as bytes inside one message: allow the media limit plus headroom.
    max_message = settings.media.max_bytes + 1024 * 1024
    options = (
        *SERVER_OPTIONS,
        ("grpc.max_receive_message_length", max_message),
        ("grpc.max_send_message_length", max_message),
    )
    # Loaded before binding: a process without its key must not start (production).
    tokens = InternalTokens.from_settings(settings)
    server = grpc.aio.server(interceptors=default_interceptors(domain, tokens), options=options)
    recorder = _RecordingServer(server)
    if diagnostics:
        register_diagnostics(recorder, domain)
    register(recorder)

    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = tuple(recorder.service_names)
    reflection.enable_server_reflection(
        (*names, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )

    wanted = settings.port(f"grpc.{domain}") if port is None else port
    bound = server.add_insecure_port(_bind_address(settings.bind_host, wanted))
    if not bound:
        raise RuntimeError(f"cannot bind gRPC server for {domain} to port {wanted}")
    await server.start()
    for name in ("", *names):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("grpc server started", domain=domain, port=bound, services=list(names))
    return RunningServer(domain, server, bound, health_servicer, names)


async def serve(
    domain: str,
    register: Callable[[grpc.aio.Server], None],
    *,
    settings: Settings | None = None,
    port: int | None = None,
    on_start: Callable[[RunningServer], Awaitable[None]] | None = None,
    stop_event: asyncio.Event | None = None,
) -> None:
    """Run a domain's gRPC server until SIGTERM/SIGINT (or stop_event), then drain.

    Also sets up logging and tracing, and serves Prometheus metrics on
    `settings.port("metrics.<domain>")`.
    """
    settings = settings or get_settings()
    setup_logging(domain, settings)
    setup_telemetry(domain)
    metrics_server, _ = start_metrics_server(
        settings.port(f"metrics.{domain}"), addr=settings.bind_host
    )
    stop_event = stop_event or asyncio.Event()
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        # Only possible in the main thread; embedded runs stop via stop_event instead.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop_event.set)
            handled.append(sig)
    running = await start_server(domain, register, settings=settings, port=port)
    try:
        if on_start is not None:
            await on_start(running)
        await stop_event.wait()
        log.info("grpc server stopping", domain=domain)
    finally:
        await running.stop(settings.grpc_shutdown_grace_seconds)
        await close_redis()  # after the last call that could use it
        for sig in handled:
            loop.remove_signal_handler(sig)
        metrics_server.shutdown()
        log.info("grpc server stopped", domain=domain)
