"""Bad input is a 4xx naming the field, never a 500; no log line carries a credential.

Issue 13 item 3: `GET /api/v1/petstars?max_price_krw=99999999999999999999` was a 500 (the
number overflowed a protobuf int64 at the edge) whose traceback, rendered with local
variables, took the edge 3 s to write and showed the caller's `Authorization` header.
"""

from __future__ import annotations

import importlib
import pkgutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import grpc
import httpx
import pytest
import sqlalchemy as sa
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

import petful.pb
from petful.advertisers import demo as advertisers_demo
from petful.edge.app import create_app
from petful.pb.common.v1 import diagnostics_pb2
from petful.pb.matching.v1 import matching_pb2
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.db import transaction
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import start_server
from petful.platform.logging import setup_logging
from petful.platform.settings import Settings
from tests.integration.conftest import EDGE_SERVICES, IdentityEdge, headers_for, problem_fields
from tests.integration.test_role_matrix import _access, _api_routes

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
HUGE = 99_999_999_999_999_999_999  # the issue's number: past int64
# Instants an RFC 3339 parser accepts whose UTC time is outside the years 1-9999.
BEYOND_CALENDAR = ("9999-12-31T23:00:00-14:00", "0001-01-01T00:30:00+14:00")
ANY_ID = "0b5c9a4e-54c3-4c1e-9b7e-8f0d2f3a6c11"


# --- what the edge accepts, read from its OpenAPI document ---------------------------------


@dataclass(frozen=True)
class Input:
    method: str
    path: str
    location: str  # "query" or "body"
    name: str  # dotted inside a body, as problem+json names it
    schema: dict[str, Any]

    @property
    def minimum(self) -> int | None:
        return self.schema.get("minimum")

    @property
    def maximum(self) -> int | None:
        return self.schema.get("maximum")


def _typed(schema: dict[str, Any], kind: str, fmt: str | None = None) -> dict[str, Any] | None:
    """The alternative of schema (plain or `anyOf` with null) of the JSON type kind."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == kind and (fmt is None or option.get("format") == fmt):
            return dict(option)
    return None


def _body_fields(
    schema: dict[str, Any], components: dict[str, Any], prefix: str = ""
) -> Iterator[tuple[str, dict[str, Any]]]:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    for name, prop in schema.get("properties", {}).items():
        refs = [o for o in prop.get("anyOf", [prop]) if "$ref" in o]
        if refs:
            yield from _body_fields(refs[0], components, f"{prefix}{name}.")
        else:
            yield prefix + name, prop


def _inputs(kind: str, fmt: str | None = None) -> list[Input]:
    document = create_app().openapi()
    components = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                typed = _typed(param["schema"], kind, fmt)
                if param["in"] == "query" and typed is not None:
                    found.append(Input(method.upper(), path, "query", param["name"], typed))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            for name, prop in _body_fields(body["schema"], components) if body else ():
                typed = _typed(prop, kind, fmt)
                if typed is not None:
                    found.append(Input(method.upper(), path, "body", name, typed))
    return found


INTEGERS = _inputs("integer")
INSTANTS = _inputs("string", "date-time")
ACCESS = {
    (method, route.path): _access(route)
    for route in _api_routes(create_app().routes)
    for method in route.methods
}


def _label(i: Input) -> str:
    return f"{i.method} {i.path} {i.location}:{i.name}"


def test_the_issue_inputs_are_found() -> None:
    names = {(i.path, i.name) for i in INTEGERS}
    assert ("/api/v1/petstars", "max_price_krw") in names
    assert ("/api/v1/campaigns/{campaign_id}/recommendations", "max_price_krw") in names
    assert ("/api/v1/advertiser/campaigns", "headcount") in names  # a body field
    assert ("/api/v1/advertiser/campaigns", "recruit_end") in {(i.path, i.name) for i in INSTANTS}


@pytest.mark.parametrize("field", INTEGERS, ids=_label)
def test_every_integer_input_is_bounded(field: Input) -> None:
    # Every integer ends in a protobuf int32/int64 field: unbounded, a big one is a 500.
    assert field.minimum is not None, "no lower bound"
    assert field.maximum is not None, "no upper bound"
    assert INT32_MIN <= field.minimum <= field.maximum <= INT32_MAX


# --- calling the edge ------------------------------------------------------------------------


@dataclass
class Callers:
    edge: IdentityEdge
    headers: dict[str, dict[str, str]]  # access level -> Authorization headers

    async def send(self, field: Input, value: Any) -> Any:
        url = field.path
        while "{" in url:  # any id: bounds are checked before the id is looked up
            start = url.index("{")
            url = url[:start] + str(uuid.uuid4()) + url[url.index("}") + 1 :]
        headers = self.headers[ACCESS[(field.method, field.path)]]
        if field.location == "query":
            return await self.edge.client.request(
                field.method, url, params={field.name: value}, headers=headers
            )
        body: Any = value
        for part in reversed(field.name.split(".")):
            body = {part: body}
        return await self.edge.client.request(field.method, url, json=body, headers=headers)


@pytest.fixture
async def callers(identity_edge: IdentityEdge) -> Callers:
    owner = await headers_for(identity_edge, "bori-owner@example.com")
    admin = await headers_for(identity_edge, "admin@example.com", Role.ADMIN)
    advertiser = await headers_for(identity_edge, "advertiser@example.com", Role.ADVERTISER)
    rival = await identity_edge.create_user("rival@example.com", Role.ADVERTISER)
    async with transaction() as session:
        await advertisers_demo.seed_for(
            session,
            approved_user_id=identity_edge.users["advertiser@example.com"],
            pending_user_id=rival,
        )
    return Callers(
        identity_edge,
        {
            "public": {},
            "user": owner,
            "owner": owner,
            "admin": admin,
            "advertiser": advertiser,
            "approved_advertiser": advertiser,
        },
    )


@pytest.mark.parametrize(
    ("path", "caller"),
    [
        ("/api/v1/petstars", "public"),
        (f"/api/v1/campaigns/{ANY_ID}/recommendations", "approved_advertiser"),
    ],
)
async def test_the_issue_urls_are_422_naming_the_field(
    callers: Callers, path: str, caller: str
) -> None:
    headers = callers.headers[caller]
    response = await callers.edge.client.get(
        path, params={"max_price_krw": str(HUGE)}, headers=headers
    )
    assert response.status_code == 422, response.text
    assert problem_fields(response) == {"max_price_krw"}


async def test_integers_out_of_range_are_422_naming_the_field(callers: Callers) -> None:
    # Just past each bound and far past int64; then the bounds themselves, which reach the
    # services and must not be a 500 there either.
    failures = []
    for field in INTEGERS:
        bounds = [b for b in (field.minimum, field.maximum) if b is not None]
        just_outside = [field.minimum - 1] if field.minimum is not None else []
        just_outside += [field.maximum + 1] if field.maximum is not None else []
        for value in (*just_outside, HUGE, -HUGE, 2**63, -(2**63) - 1):
            response = await callers.send(field, value)
            if response.status_code != 422 or field.name not in problem_fields(response):
                failures.append(f"{_label(field)}={value}: {response.status_code}")
        for value in bounds if field.location == "query" else ():
            response = await callers.send(field, value)
            if response.status_code >= 500:
                failures.append(f"{_label(field)}={value}: {response.status_code}")
    assert not failures, "\n".join(failures)


async def test_instants_beyond_the_calendar_are_422_naming_the_field(callers: Callers) -> None:
    # Valid RFC 3339, but outside the years 1-9999 once in UTC: a Timestamp cannot hold it.
    failures = []
    for field in INSTANTS:
        for value in BEYOND_CALENDAR:
            response = await callers.send(field, value)
            if response.status_code != 422 or field.name not in problem_fields(response):
                failures.append(f"{_label(field)}={value}: {response.status_code}")
    assert not failures, "\n".join(failures)


# --- the gRPC services: a value past a field's range is the caller's error -----------------

_EXTREMES = {
    FieldDescriptor.CPPTYPE_INT32: (INT32_MAX, INT32_MIN),
    FieldDescriptor.CPPTYPE_INT64: (2**63 - 1, -(2**63)),
    FieldDescriptor.CPPTYPE_UINT32: (2**32 - 1, 0),
    FieldDescriptor.CPPTYPE_UINT64: (2**64 - 1, 0),
}
# Seconds past year 9999 and before year 1: any int64 travels, a Timestamp holds neither.
_TIMESTAMP_SECONDS = (2**62, -(2**62))


def _extreme(message: Message, end: int, depth: int = 0) -> Message:
    """message with every number at one end of its type (end 0: max, 1: min), every
    Timestamp beyond the calendar, ids fresh uuids and other strings filled."""
    for field in message.DESCRIPTOR.fields:
        target = getattr(message, field.name)
        value: Any = None
        if field.cpp_type in _EXTREMES:
            value = _EXTREMES[field.cpp_type][end]
        elif field.type == FieldDescriptor.TYPE_STRING:
            value = str(uuid.uuid4()) if field.name.endswith(("id", "ids")) else "x"
        if value is not None and field.is_repeated:
            target.append(value)
        elif value is not None:
            setattr(message, field.name, value)
        elif field.message_type is not None and not field.message_type.GetOptions().map_entry:
            sub = target.add() if field.is_repeated else target
            if field.message_type.full_name == "google.protobuf.Timestamp":
                sub.seconds = _TIMESTAMP_SECONDS[end]
            elif depth < 3:
                _extreme(sub, end, depth + 1)
    return message


def _domain_rpcs() -> Iterator[tuple[str, Any, str, type[Message]]]:
    """(domain, stub class, method, request class) of every RPC the domain services serve."""
    for info in pkgutil.walk_packages(petful.pb.__path__, "petful.pb."):
        domain = info.name.split(".")[2]
        if not info.name.endswith("_pb2") or domain not in EDGE_SERVICES:
            continue
        messages = importlib.import_module(info.name)
        stubs = importlib.import_module(info.name + "_grpc")
        for service in messages.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                request = getattr(messages, method.input_type.name)
                yield domain, getattr(stubs, f"{service.name}Stub"), method.name, request


async def test_no_rpc_turns_an_extreme_value_into_an_internal_error(
    identity_edge: IdentityEdge,
) -> None:
    # Every role at once, so each call passes its role check and reaches the input.
    anyone = frozenset(str(role) for role in Role)
    failures = []
    for domain, stub, method, request in _domain_rpcs():
        for end in (0, 1):
            with use_principal(Principal(user_id=str(uuid.uuid4()), roles=anyone)):
                call = getattr(stub(channel(domain)), method)(_extreme(request(), end))
                try:
                    if hasattr(call, "__aiter__"):
                        async for _ in call:
                            pass
                    else:
                        await call
                except grpc.aio.AioRpcError as exc:
                    if exc.code() in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN):
                        failures.append(f"{domain} {method} ({('max', 'min')[end]})")
    assert not failures, "\n".join(failures)


FAULTY = "petful.test.OutOfRangeService"


async def _proto_field(request: Any, context: Any) -> Any:
    # A servicer copying a caller's int64 into an int32 field of a downstream request.
    matching_pb2.RecommendCampaignsRequest(limit=2**40)


async def _python_overflow(request: Any, context: Any) -> Any:
    timedelta(days=2**40)


async def _column(request: Any, context: Any) -> Any:
    async with transaction() as session:
        await session.execute(sa.text("SELECT CAST(:n AS integer)"), {"n": 2**40})


@pytest.fixture
async def out_of_range_server(settings: Settings) -> AsyncIterator[Settings]:
    def register(server: grpc.aio.Server) -> None:
        handlers = {
            name: grpc.unary_unary_rpc_method_handler(
                fn,
                request_deserializer=diagnostics_pb2.PingRequest.FromString,
                response_serializer=diagnostics_pb2.PingResponse.SerializeToString,
            )
            for name, fn in (
                ("ProtoField", _proto_field),
                ("PythonOverflow", _python_overflow),
                ("Column", _column),
            )
        }
        server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(FAULTY, handlers),))

    server = await start_server("ranges", register, settings=settings, port=0)
    try:
        target = f"127.0.0.1:{server.port}"
        yield settings.model_copy(update={"service_targets": {"ranges": target}})
    finally:
        await close_channels()
        await server.stop(0)


@pytest.mark.parametrize("method", ["ProtoField", "PythonOverflow", "Column"])
async def test_out_of_range_in_a_servicer_is_invalid_argument(
    out_of_range_server: Settings, method: str
) -> None:
    call = channel("ranges", settings=out_of_range_server).unary_unary(
        f"/{FAULTY}/{method}",
        request_serializer=diagnostics_pb2.PingRequest.SerializeToString,
        response_deserializer=diagnostics_pb2.PingResponse.FromString,
    )
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await call(diagnostics_pb2.PingRequest())
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT


# --- logs --------------------------------------------------------------------------------

# A real-looking access token: header {"alg":"EdDSA","typ":"JWT"}, a payload, a signature.
TOKEN = (
    "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9"
    ".eyJzdWIiOiJib3JpLW93bmVyIiwicm9sZXMiOlsiVVNFUiJdfQ"
    ".c2lnbmF0dXJlLW9mLWJvcmktb3duZXItdG9rZW4tMDEyMzQ1Njc4OQ"
)
LOCAL_MARKER = "value-of-a-local-variable"


@pytest.mark.parametrize("env", ["development", "production"])
async def test_an_error_log_holds_no_credential_and_no_locals(
    captured_logs: pytest.CaptureFixture[str], env: str
) -> None:
    setup_logging("edge", Settings(env=env))
    app = create_app()

    @app.get("/api/v1/test-failure")
    async def fail() -> None:
        local = LOCAL_MARKER
        raise RuntimeError(f"kaboom after {len(local)} characters")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
        response = await client.get(
            "/api/v1/test-failure",
            headers={"Authorization": f"Bearer {TOKEN}", "Cookie": "session=bori-cookie-value"},
        )
    assert response.status_code == 500
    logged = captured_logs.readouterr().err
    assert "kaboom after" in logged  # the traceback was logged...
    assert LOCAL_MARKER not in logged  # ...without local variables
    for part in (TOKEN, *TOKEN.split("."), TOKEN[:12], "bori-cookie-value"):
        assert part not in logged
    assert len(logged) < 12_000  # short: the innermost frames only


# --- findings of the API fuzz run (tests/integration/test_api_fuzz.py) ----------------------


async def test_a_password_reset_start_is_an_empty_202_as_documented(
    identity_edge: IdentityEdge,
) -> None:
    # It answered 202 with no body while the document promised JSON (schemathesis ST104).
    operation = create_app().openapi()["paths"]["/api/v1/auth/password-resets"]["post"]
    assert "content" not in operation["responses"]["202"]
    r = await identity_edge.client.post(
        "/api/v1/auth/password-resets", json={"email": "nobody@example.com"}
    )
    assert r.status_code == 202, r.text
    assert r.content == b""
