"""Fixtures for tests that need the identity service and the edge running for real."""

from __future__ import annotations

import functools
import importlib
import inspect
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from petful.devstack.instagram_sandbox import SandboxServer
from petful.edge import auth as edge_auth
from petful.edge.app import create_app
from petful.identity import service
from petful.identity.tokens import generate_private_pem
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc
from petful.platform import events, outbox
from petful.platform import settings as settings_module
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import RunningServer, start_server
from petful.platform.outbox import Event
from petful.platform.settings import Settings
from tests.support import free_port

PASSWORD = "correct-horse-1"


class Clock:
    """An injected clock the services read; it stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> datetime:
        self.now += delta
        return self.now


@dataclass
class IdentityEdge:
    """The domain services on real gRPC ports and the edge in front."""

    settings: Settings
    server: RunningServer
    private_pem: str
    client: httpx.AsyncClient
    users: dict[str, str] = field(default_factory=dict)  # email -> user id
    # The services' clock: tests move it to run time-driven steps (see Clock).
    clock: Clock = field(default_factory=lambda: Clock(datetime.now(UTC)))
    sandbox: SandboxServer | None = None

    @property
    def stub(self) -> identity_pb2_grpc.IdentityServiceStub:
        return identity_pb2_grpc.IdentityServiceStub(channel("identity"))

    async def create_user(self, email: str, role: Role = Role.USER) -> str:
        async with transaction() as session:
            create = service.create_admin if role is Role.ADMIN else None
            kwargs = {
                "settings": self.settings,
                "now": datetime.now(UTC),
                "email": email,
                "password": PASSWORD,
                "name": "Test",
                "nickname": email.split("@")[0][:20],
                "phone": f"010-{len(self.users) + 1000:04d}-0000",
            }
            if create is not None:
                account = await create(session, **kwargs)
            else:
                account = await service.create_account_without_verification(
                    session, role=role, **kwargs
                )
        self.users[email] = str(account.id)
        return str(account.id)

    async def tokens(self, email: str) -> pb.TokenPair:
        return await self.stub.Login(pb.LoginRequest(email=email, password=PASSWORD))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def headers_for(edge: IdentityEdge, email: str, role: Role = Role.USER) -> dict[str, str]:
    """Authorization headers of `email`, creating the account on first use."""
    if email not in edge.users:
        await edge.create_user(email, role)
    return bearer((await edge.tokens(email)).access_token)


def problem_fields(response: Any) -> set[str]:
    """The fields a problem+json response names."""
    assert response.headers["content-type"] == "application/problem+json", response.text
    return {e["field"] for e in response.json().get("errors", [])}


async def outbox_payloads(topic: str, schema: str = "identity") -> list[dict[str, Any]]:
    table = outbox.outbox_table(schema)
    async with transaction() as session:
        rows = await session.execute(
            sa.select(table.c.payload).where(table.c.topic == topic).order_by(table.c.created_at)
        )
        return [dict(p) for p in rows.scalars()]


# Every domain service with RPCs runs for real in edge tests; each finds the others through
# PETFUL_SERVICE_TARGETS, as in a cluster.
EDGE_SERVICES = ("identity", "advertisers", "pets", "sns", "campaigns", "matching", "community")


async def deliver(topic: str, schema: str, subscriber: str) -> int:
    """Hand every outbox event of topic in schema to one subscriber, as the relay and a
    worker would (each at most once: the subscriber's inbox dedupes redeliveries)."""
    (subscription,) = [s for s in events.subscribers_of(topic) if s.name == subscriber]
    table = outbox.outbox_table(schema)
    async with transaction() as session:
        rows = (
            await session.execute(
                sa.select(table).where(table.c.topic == topic).order_by(table.c.created_at)
            )
        ).all()
    consumed = 0
    for row in rows:
        event = Event(row.id, row.topic, schema, row.payload, row.created_at, row.headers)
        consumed += await events.consume(subscription, event)
    return consumed


@pytest.fixture
async def identity_edge(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[IdentityEdge]:
    pem = generate_private_pem()
    monkeypatch.setenv("PETFUL_IDENTITY__JWT_PRIVATE_KEYS", json.dumps([pem]))
    servers: dict[str, RunningServer] = {}
    clock = Clock(datetime.now(UTC))
    # The sns service talks to the Instagram sandbox, a local Graph API.
    sandbox = await SandboxServer(free_port()).start()
    for key, value in {
        "PETFUL_SNS__GRAPH_BASE_URL": sandbox.url,
        "PETFUL_SNS__SOURCE": "sandbox",
        "PETFUL_SNS__APP_ID": "sandbox-app",
        "PETFUL_SNS__APP_SECRET": "sandbox-secret",
    }.items():
        monkeypatch.setenv(key, value)
    settings_module.get_settings.cache_clear()
    settings = settings_module.get_settings()
    try:
        for domain in EDGE_SERVICES:
            register = importlib.import_module(f"petful.{domain}.grpc_api").register
            # Identity keeps real time: token expiry is checked against the wall clock.
            if domain != "identity" and "clock" in inspect.signature(register).parameters:
                register = functools.partial(register, clock=clock)
            servers[domain] = await start_server(domain, register, settings=settings, port=0)
        monkeypatch.setenv(
            "PETFUL_SERVICE_TARGETS",
            json.dumps({d: f"127.0.0.1:{s.port}" for d, s in servers.items()}),
        )
        settings_module.get_settings.cache_clear()
        edge_auth.jwks_cache.__init__()  # type: ignore[misc]  # forget keys of earlier tests
        transport = httpx.ASGITransport(app=create_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
            yield IdentityEdge(
                settings_module.get_settings(),
                servers["identity"],
                pem,
                client,
                clock=clock,
                sandbox=sandbox,
            )
    finally:
        for server in servers.values():
            await server.stop(0)
        await close_channels()
        await sandbox.stop()
