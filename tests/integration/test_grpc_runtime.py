"""The gRPC runtime end to end: a real grpc.aio server from start_server, called through the
client factory. No database needed."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client import REGISTRY

from petful.pb.common.v1 import diagnostics_pb2, diagnostics_pb2_grpc
from petful.platform.auth_context import Principal, use_principal
from petful.platform.errors import Internal, InvalidArgument, from_rpc_error
from petful.platform.grpc_client import channel, check_health, close_channels
from petful.platform.grpc_server import RunningServer, start_server
from petful.platform.settings import Settings
from petful.platform.telemetry import setup_telemetry
from tests.support import wait_for

DOMAIN = "diag"
FAULTY = "petful.test.FaultyService"
SECRET = "db password is hunter2"


async def _invalid(request: diagnostics_pb2.PingRequest, context: Any) -> Any:
    raise InvalidArgument("pet is invalid", field_violations=[("pet.name", "must not be empty")])


async def _crash(request: diagnostics_pb2.PingRequest, context: Any) -> Any:
    raise RuntimeError(SECRET)


def register_faulty(server: grpc.aio.Server) -> None:
    """A proto-less test service whose methods fail, to exercise the error interceptor."""
    handlers = {
        name: grpc.unary_unary_rpc_method_handler(
            fn,
            request_deserializer=diagnostics_pb2.PingRequest.FromString,
            response_serializer=diagnostics_pb2.PingResponse.SerializeToString,
        )
        for name, fn in (("Invalid", _invalid), ("Crash", _crash))
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(FAULTY, handlers),))


@dataclass
class Runtime:
    server: RunningServer
    settings: Settings
    spans: InMemorySpanExporter

    def faulty(self, method: str) -> Any:
        return channel(DOMAIN, settings=self.settings).unary_unary(
            f"/{FAULTY}/{method}",
            request_serializer=diagnostics_pb2.PingRequest.SerializeToString,
            response_deserializer=diagnostics_pb2.PingResponse.FromString,
        )

    def ping_stub(self) -> Any:
        return diagnostics_pb2_grpc.DiagnosticsServiceStub(channel(DOMAIN, settings=self.settings))


@pytest.fixture(scope="module")
async def runtime() -> AsyncIterator[Runtime]:
    spans = InMemorySpanExporter()
    setup_telemetry("test").add_span_processor(SimpleSpanProcessor(spans))
    server = await start_server(DOMAIN, register_faulty, settings=Settings(env="test"), port=0)
    settings = Settings(
        env="test",
        grpc_deadline_seconds=7.0,
        service_targets={DOMAIN: f"127.0.0.1:{server.port}"},
    )
    try:
        yield Runtime(server, settings, spans)
    finally:
        await close_channels()
        await server.stop(0)


async def test_health_serving(runtime: Runtime) -> None:
    target = runtime.settings.grpc_target(DOMAIN)
    assert await check_health(target, 2.0) == "SERVING"
    assert await check_health(target, 2.0, service="petful.common.v1.DiagnosticsService") == (
        "SERVING"
    )
    assert await check_health(target, 2.0, service=FAULTY) == "SERVING"
    assert await check_health(target, 2.0, service="no.such.Service") == "UNKNOWN"


async def test_health_unreachable() -> None:
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert await check_health(f"127.0.0.1:{port}", 0.5) == "UNREACHABLE"


async def test_ping_carries_principal(runtime: Runtime) -> None:
    principal = Principal(user_id="user-42", roles=frozenset({"owner", "admin"}), request_id="r-1")
    with use_principal(principal):
        reply = await runtime.ping_stub().Ping(diagnostics_pb2.PingRequest(message="hi"))
    assert reply.message == "hi"
    assert reply.service == DOMAIN
    assert reply.caller.user_id == "user-42"
    assert sorted(reply.caller.roles) == ["admin", "owner"]
    assert reply.caller.request_id == "r-1"


async def test_anonymous_ping_gets_request_id(runtime: Runtime) -> None:
    reply = await runtime.ping_stub().Ping(diagnostics_pb2.PingRequest(message="x"))
    assert not reply.caller.HasField("user_id")
    assert len(reply.caller.request_id) == 32


async def test_default_deadline_applied(runtime: Runtime) -> None:
    reply = await runtime.ping_stub().Ping(diagnostics_pb2.PingRequest())
    assert reply.HasField("deadline_remaining_seconds")
    assert 5.0 < reply.deadline_remaining_seconds < 7.5  # 7 s default, not 30 s or none
    explicit = await runtime.ping_stub().Ping(diagnostics_pb2.PingRequest(), timeout=30)
    assert explicit.deadline_remaining_seconds > 20  # the caller's own deadline wins


async def test_domain_error_round_trip(runtime: Runtime) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await runtime.faulty("Invalid")(diagnostics_pb2.PingRequest())
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    err = from_rpc_error(info.value)
    assert type(err) is InvalidArgument
    assert err.detail == "pet is invalid"
    assert err.field_violations == (("pet.name", "must not be empty"),)


async def test_unexpected_error_is_internal_without_leak(runtime: Runtime) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await runtime.faulty("Crash")(diagnostics_pb2.PingRequest())
    assert info.value.code() == grpc.StatusCode.INTERNAL
    assert "hunter2" not in (info.value.details() or "")
    assert "hunter2" not in str(info.value.trailing_metadata())
    err = from_rpc_error(info.value)
    assert type(err) is Internal
    assert "hunter2" not in err.detail


def _count(service: str, method: str, code: str) -> float:
    labels = {"service": service, "method": method, "code": code}
    return REGISTRY.get_sample_value("petful_grpc_server_requests_total", labels) or 0.0


async def test_metrics_count_by_code(runtime: Runtime) -> None:
    ping = ("petful.common.v1.DiagnosticsService", "Ping", "OK")
    invalid = (FAULTY, "Invalid", "INVALID_ARGUMENT")
    crash = (FAULTY, "Crash", "INTERNAL")

    async def settled() -> bool:
        # The server records a call just after the client has its answer (an abort reaches
        # the client before the interceptors unwind), and a call leaves in-flight only once
        # counted: wait for none in flight before each reading.
        return all(
            not REGISTRY.get_sample_value(
                "petful_grpc_server_in_flight", {"service": s, "method": m}
            )
            for s, m, _ in (ping, invalid, crash)
        )

    await wait_for(settled)
    before = [_count(*labels) for labels in (ping, invalid, crash)]
    await runtime.ping_stub().Ping(diagnostics_pb2.PingRequest())
    for method in ("Invalid", "Crash"):
        with pytest.raises(grpc.aio.AioRpcError):
            await runtime.faulty(method)(diagnostics_pb2.PingRequest())
    await wait_for(settled)
    after = [_count(*labels) for labels in (ping, invalid, crash)]
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1, 1]


async def test_client_and_server_spans_share_trace(runtime: Runtime) -> None:
    runtime.spans.clear()
    await runtime.ping_stub().Ping(diagnostics_pb2.PingRequest(message="trace me"))
    name = "/petful.common.v1.DiagnosticsService/Ping"
    spans = [s for s in runtime.spans.get_finished_spans() if s.name == name]
    client = [s for s in spans if s.kind == SpanKind.CLIENT]
    server = [s for s in spans if s.kind == SpanKind.SERVER]
    assert len(client) == 1
    assert len(server) == 1
    assert client[0].context is not None
    assert server[0].context is not None
    assert server[0].context.trace_id == client[0].context.trace_id
    assert server[0].parent is not None
    assert server[0].parent.span_id == client[0].context.span_id


async def test_stop_reports_not_serving() -> None:
    server = await start_server("diag2", lambda _: None, settings=Settings(env="test"), port=0)
    target = f"127.0.0.1:{server.port}"
    assert await check_health(target, 2.0) == "SERVING"
    await server.health.enter_graceful_shutdown()
    assert await check_health(target, 2.0) == "NOT_SERVING"
    await server.stop(0)
    assert await check_health(target, 0.5) == "UNREACHABLE"
