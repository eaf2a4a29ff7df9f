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

from petful.contracts.base import P, Topic
from petful.devstack.instagram_sandbox import SandboxServer
from petful.edge import auth as edge_auth
from petful.edge.app import create_app
from petful.identity import service
from petful.identity import tasks as identity_tasks
from petful.identity.tokens import generate_private_pem
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc
from petful.platform import events, jobs, outbox
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
EDGE_SERVICES = (
    "identity",
    "advertisers",
    "pets",
    "sns",
    "campaigns",
    "matching",
    "community",
    "notifications",
    "health",
)


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


def subscription(name: str) -> events.Subscription:
    (sub,) = [s for s in events.subscriptions() if s.name == name]
    return sub


async def identity_event(topic: Topic[P], payload: P, at: datetime | None = None) -> None:
    """Write an event to identity's outbox as identity would (`deliver` hands it on)."""
    async with transaction() as session:
        await outbox.add_event(session, "identity", topic, payload, now=at)


async def withdraw_via_edge(
    edge: IdentityEdge, headers: dict[str, str], reason: str = "leaving the platform"
) -> None:
    """The account leaves through identity, which writes `identity.account.withdrawn`."""
    body = {"password": PASSWORD, "reason": reason}
    r = await edge.client.request("DELETE", "/api/v1/me", json=body, headers=headers)
    assert r.status_code == 204, r.text


async def erase_after_retention(settings: Settings) -> int:
    """Identity's erasure run once the records period has passed: `identity.account.erased`
    for every withdrawn account; the number erased."""
    days = settings.privacy.record_retention_days + 1
    erased = await identity_tasks.erase_due(datetime.now(UTC) + timedelta(days=days), settings)
    return erased.accounts


async def outbox_ids(schemas: tuple[str, ...]) -> set[Any]:
    """Every event id already in the schemas' outboxes (to drain only what comes after)."""
    ids: set[Any] = set()
    async with transaction() as session:
        for schema in schemas:
            ids |= set((await session.scalars(sa.select(outbox.outbox_table(schema).c.id))).all())
    return ids


async def drain(
    schemas: tuple[str, ...], *, before: set[Any], skip: frozenset[str] = frozenset()
) -> int:
    """Hand every event written to the schemas' outboxes since `before` (outbox_ids) to every
    subscriber of its topic, including the events those subscribers write, until nothing is
    left: a worker that keeps up, in one process. `skip` names subscribers that must not run
    (mail has no server in these tests)."""
    jobs.load_task_modules()
    total = 0
    while True:
        consumed = 0
        async with transaction() as session:
            rows = [
                (schema, row)
                for schema in schemas
                for row in (
                    await session.execute(
                        sa.select(outbox.outbox_table(schema)).order_by(
                            outbox.outbox_table(schema).c.created_at
                        )
                    )
                ).all()
                if row.id not in before
            ]
        for schema, row in rows:
            event = Event(row.id, row.topic, schema, row.payload, row.created_at, row.headers)
            for subscription in events.subscribers_of(row.topic):
                if subscription.name not in skip:
                    consumed += await events.consume(subscription, event)
        if not consumed:
            return total
        total += consumed


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
        "PETFUL_SNS__DIALOG_BASE_URL": sandbox.url,
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
