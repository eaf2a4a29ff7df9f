"""The caller is bound once per request and forwarded by the client interceptor: routes pass
no identity by hand, so these tests check what a service actually receives."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI

from petful.edge import clients
from petful.edge.app import create_app
from petful.edge.auth import CurrentUser
from petful.pb.common.v1 import diagnostics_pb2
from tests.integration.conftest import IdentityEdge, headers_for

WHOAMI = "/api/v1/test/whoami"
ANONYMOUS = "/api/v1/test/anonymous"


async def _seen_by_identity() -> dict[str, Any]:
    """The caller identity received, as identity's diagnostics report it."""
    reply = await clients.diagnostics("identity").Ping(diagnostics_pb2.PingRequest(message="hi"))
    caller = reply.caller
    return {
        "user_id": caller.user_id if caller.HasField("user_id") else None,
        "roles": list(caller.roles),
        "request_id": caller.request_id,
    }


def _probe_app(both_inside: asyncio.Barrier) -> FastAPI:
    """The real edge plus two probe routes that call a service as the route code would."""
    app = create_app()
    probe = APIRouter()

    @probe.get(WHOAMI)
    async def whoami(user: CurrentUser) -> dict[str, Any]:
        # Both requests are signed in before either calls out: a principal shared between
        # requests would show up as the wrong user below.
        async with asyncio.timeout(5):
            await both_inside.wait()
        return await _seen_by_identity()

    @probe.get(ANONYMOUS)
    async def anonymous() -> dict[str, Any]:
        return await _seen_by_identity()

    app.include_router(probe)
    return app


async def test_concurrent_requests_forward_their_own_principal(
    identity_edge: IdentityEdge,
) -> None:
    owner = await headers_for(identity_edge, "bori-owner@example.com")
    rival = await headers_for(identity_edge, "rival@example.com")
    app = _probe_app(asyncio.Barrier(2))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
        owner_reply, rival_reply = await asyncio.gather(
            client.get(WHOAMI, headers={**owner, "X-Request-Id": "owner-request-1"}),
            client.get(WHOAMI, headers={**rival, "X-Request-Id": "rival-request-1"}),
        )
        # The next request on the same client is anonymous again.
        after = await client.get(ANONYMOUS)

    assert owner_reply.status_code == rival_reply.status_code == 200, owner_reply.text
    assert owner_reply.json() == {
        "user_id": identity_edge.users["bori-owner@example.com"],
        "roles": ["USER"],
        "request_id": "owner-request-1",
    }
    assert rival_reply.json() == {
        "user_id": identity_edge.users["rival@example.com"],
        "roles": ["USER"],
        "request_id": "rival-request-1",
    }
    assert after.json()["user_id"] is None


async def test_anonymous_calls_carry_the_request_id_of_the_response(
    identity_edge: IdentityEdge,
) -> None:
    app = _probe_app(asyncio.Barrier(1))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
        fresh = await client.get(ANONYMOUS)
        kept = await client.get(ANONYMOUS, headers={"X-Request-Id": "trace-me-0042"})
        replaced = await client.get(ANONYMOUS, headers={"X-Request-Id": "bad id\twith tab"})

    assert fresh.json() == {
        "user_id": None,
        "roles": [],
        "request_id": fresh.headers["x-request-id"],
    }
    assert kept.headers["x-request-id"] == kept.json()["request_id"] == "trace-me-0042"
    assert replaced.headers["x-request-id"] == replaced.json()["request_id"]
    assert replaced.json()["request_id"] != "bad id\twith tab"
