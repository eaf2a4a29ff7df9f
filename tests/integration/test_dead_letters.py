"""A failing subscriber is retried with backoff and, after its last attempt, kept as a dead
letter an admin sees and retries: nothing is lost, nothing happens twice.

Real PostgreSQL, a Redis of this module's own and a Celery worker (threads, in this
process) run `events.dispatch` / `events.handle` as production does, with a tiny retry
delay and 3 attempts. The edge tests add the real services and edge (`identity_edge`).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import grpc
import kombu.pools
import pytest
import redis
import sqlalchemy as sa
from celery.contrib.testing.worker import start_worker
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.base import Payload, Received, Topic
from petful.pb.notifications.v1 import admin_pb2, admin_pb2_grpc
from petful.platform import dead_letters, events
from petful.platform import settings as settings_module
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.db import transaction
from petful.platform.errors import PermissionDenied, from_rpc_error
from petful.platform.grpc_client import channel
from petful.platform.jobs import celery_app, use_broker
from petful.platform.outbox import Event
from petful.platform.settings import DOMAINS, Settings
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.support import free_port, wait_for

SCHEMA = "notifications"  # the admin surface shows this schema's dead letters
CONSUMER = "test.dead_letters.flaky"
MAX_ATTEMPTS = 3
BASE = "/api/v1/admin/notifications/dead-letters"


class Poke(Payload):
    n: int


TOPIC = Topic("test.poke.sent", Poke)

# The subscriber's cause of failure, per payload n: failures left (-1: always), and how
# often it ran. Worker threads share this module with the test.
_failures: dict[int, int] = {}
_calls: dict[int, int] = {}


class Broken(RuntimeError):
    pass


@events.subscriber(TOPIC, schema=SCHEMA, name=CONSUMER)
async def flaky(session: AsyncSession, event: Received[Poke]) -> None:
    n = event.payload.n
    _calls[n] = _calls.get(n, 0) + 1
    left = _failures.get(n, 0)
    if left:
        _failures[n] = left - 1 if left > 0 else left
        raise Broken(f"poke {n} is broken\n" + "x" * 1000)
    await session.execute(
        sa.text("INSERT INTO public.effects (event_id, n) VALUES (:id, :n)"),
        {"id": event.id, "n": n},
    )


@pytest.fixture(scope="module")
def own_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from petful.devstack.redis import EmbeddedRedis

    server = EmbeddedRedis(tmp_path_factory.mktemp("dlq-redis"), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def worker(
    settings: Settings, own_redis: Any, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Settings]:
    """3 attempts, milliseconds apart; the effects table; a worker on this module's Redis."""
    monkeypatch.setenv("PETFUL_EVENTS_MAX_ATTEMPTS", str(MAX_ATTEMPTS))
    monkeypatch.setenv("PETFUL_EVENTS_RETRY_BASE_SECONDS", "0.01")
    settings_module.get_settings.cache_clear()
    _failures.clear()
    _calls.clear()
    async with transaction() as session:
        await session.execute(
            sa.text("CREATE TABLE public.effects (event_id uuid, n int NOT NULL)")
        )
    before = celery_app.conf.broker_url
    switch_broker(own_redis.url)
    try:
        with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False):
            yield settings_module.get_settings()
    finally:
        switch_broker(before)


def switch_broker(url: str) -> None:
    use_broker(url)
    # kombu keeps producer pools per broker URL, process-wide, and use_broker closed them:
    # forget them all, or going back to a URL used before finds a closed pool.
    kombu.pools.reset()


def send(n: int) -> Event:
    """The event as the outbox relay publishes it (dispatch fans it out to its subscriber)."""
    event = Event(uuid.uuid4(), TOPIC.name, "test", {"n": n}, datetime.now(UTC))
    events.publish_to_celery(event)
    return event


async def effects(n: int) -> int:
    async with transaction() as session:
        count = await session.scalar(
            sa.text("SELECT count(*) FROM public.effects WHERE n = :n"), {"n": n}
        )
    return int(count or 0)


async def dead_of(event: Event) -> list[dead_letters.DeadLetter]:
    t = dead_letters.dead_letters_table(SCHEMA)
    async with transaction() as session:
        rows = (await session.execute(sa.select(t).where(t.c.event_id == event.id))).all()
    return [dead_letters.DeadLetter.from_row(r) for r in rows]


def drained(own_redis: Any) -> Any:
    """True once the broker holds no message, waiting or delivered and not yet acked (tasks
    ack late: after they ran, retries waiting for their time included)."""
    client = redis.Redis.from_url(own_redis.url)

    async def check() -> bool:
        return client.llen("petful") == 0 and client.hlen("unacked") == 0

    return check


async def retry(dead: dead_letters.DeadLetter) -> dead_letters.DeadLetter:
    async with transaction() as session:
        return await dead_letters.retry(session, SCHEMA, str(dead.id))


# --- platform ------------------------------------------------------------------------------


def test_every_domain_has_the_table(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as c:
        schemas = {
            s
            for (s,) in c.execute(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = %s",
                (dead_letters.TABLE,),
            )
        }
    assert schemas >= set(DOMAINS)


def test_the_migration_steps_down_and_up(database_url: str) -> None:
    from alembic import command

    from petful.platform.migrations import alembic_config, upgrade

    settings = Settings(database_url=database_url)

    def has_table() -> bool:
        engine = sa.create_engine(database_url)
        try:
            return sa.inspect(engine).has_table(dead_letters.TABLE, schema="pets")
        finally:
            engine.dispose()

    command.downgrade(alembic_config("pets", settings), "pets_0004")
    assert not has_table()
    upgrade("pets", settings)
    assert has_table()


async def test_a_handler_that_always_fails_ends_as_one_dead_letter(
    worker: Settings, own_redis: Any
) -> None:
    _failures[1] = -1
    event = send(1)

    async def buried() -> bool:
        return bool(await dead_of(event))

    await wait_for(buried)
    await wait_for(drained(own_redis))  # nothing more is coming
    (dead,) = await dead_of(event)
    assert _calls[1] == MAX_ATTEMPTS
    assert (dead.consumer, dead.topic, dead.attempts) == (CONSUMER, TOPIC.name, MAX_ATTEMPTS)
    assert dead.envelope == event.to_dict()
    assert dead.error.startswith("Broken: poke 1 is broken")
    assert len(dead.error) <= dead_letters.ERROR_MAX
    assert "Traceback" not in dead.error
    assert dead.first_failed_at < dead.last_failed_at
    assert dead.retried_at is None
    assert await effects(1) == 0


async def test_a_handler_that_fails_twice_then_succeeds_has_its_effect_once(
    worker: Settings, own_redis: Any
) -> None:
    _failures[2] = 2
    event = send(2)

    async def done() -> bool:
        return await effects(2) == 1

    await wait_for(done)
    await wait_for(drained(own_redis))
    assert _calls[2] == 3
    assert await effects(2) == 1
    assert await dead_of(event) == []


async def test_a_dead_letter_retried_after_the_fix_has_its_effect_once(
    worker: Settings, own_redis: Any
) -> None:
    _failures[3] = -1
    event = send(3)

    async def buried() -> bool:
        return bool(await dead_of(event))

    await wait_for(buried)
    await wait_for(drained(own_redis))
    (dead,) = await dead_of(event)

    # Retried while still broken: it fails through its attempts again, same row.
    await retry(dead)

    async def failed_again() -> bool:
        (row,) = await dead_of(event)
        return row.attempts == 2 * MAX_ATTEMPTS

    await wait_for(failed_again)
    await wait_for(drained(own_redis))
    (again,) = await dead_of(event)
    assert (again.id, again.first_failed_at) == (dead.id, dead.first_failed_at)
    assert again.last_failed_at > dead.last_failed_at
    assert again.retried_at is None

    _failures[3] = 0  # the cause is fixed
    retried = await retry(again)
    assert retried.retried_at is not None

    async def done() -> bool:
        return await effects(3) == 1

    await wait_for(done)
    # A second retry of the same row is allowed and changes nothing: the inbox dedupes it.
    await retry(retried)
    await wait_for(drained(own_redis))
    assert await effects(3) == 1
    (row,) = await dead_of(event)
    assert row.retried_at is not None
    assert row.attempts == 2 * MAX_ATTEMPTS


async def test_a_dead_letter_list_pages_newest_first_and_filters(worker: Settings) -> None:
    now = datetime.now(UTC)
    async with transaction() as session:
        for i in range(5):
            await dead_letters.record(
                session,
                SCHEMA,
                consumer="test.a" if i % 2 else "test.b",
                envelope=Event(uuid.uuid4(), TOPIC.name, "test", {"n": i}, now).to_dict(),
                error="Broken: x",
                attempts=1,
                first_failed_at=now,
                now=now.replace(microsecond=i),
            )
    async with transaction() as session:
        first = await dead_letters.list_dead_letters(session, SCHEMA, page_size=3)
        rest = await dead_letters.list_dead_letters(
            session, SCHEMA, page_size=3, cursor=first.next_cursor
        )
        only_a = await dead_letters.list_dead_letters(session, SCHEMA, consumer="test.a")
    assert [d.envelope["payload"]["n"] for d in first.items + rest.items] == [4, 3, 2, 1, 0]
    assert rest.next_cursor == ""
    assert [d.envelope["payload"]["n"] for d in only_a.items] == [3, 1]


# --- the admin surface ---------------------------------------------------------------------


async def test_admins_list_and_retry_dead_letters_and_nobody_else_may(
    identity_edge: IdentityEdge, worker: Settings, own_redis: Any
) -> None:
    edge = identity_edge
    user = await headers_for(edge, "plain@example.com")
    admin = await headers_for(edge, "boss@example.com", Role.ADMIN)
    _failures[4] = -1
    event = send(4)

    async def buried() -> bool:
        return bool(await dead_of(event))

    await wait_for(buried)
    await wait_for(drained(own_redis))
    (dead,) = await dead_of(event)

    for method, url in [("GET", BASE), ("POST", f"{BASE}/{dead.id}/retry")]:
        r = await edge.client.request(method, url, headers=user)
        assert r.status_code == 403, r.text
        assert r.headers["content-type"] == "application/problem+json"
    # The service checks the role itself too.
    plain = Principal(user_id=edge.users["plain@example.com"], roles=frozenset({Role.USER}))
    stub = admin_pb2_grpc.NotificationAdminServiceStub(channel("notifications"))
    with use_principal(plain), pytest.raises(grpc.RpcError) as info:
        await stub.ListDeadLetters(admin_pb2.ListDeadLettersRequest())
    assert isinstance(from_rpc_error(info.value), PermissionDenied)
    with use_principal(plain), pytest.raises(grpc.RpcError) as info:
        await stub.RetryDeadLetter(admin_pb2.RetryDeadLetterRequest(dead_letter_id=str(dead.id)))
    assert isinstance(from_rpc_error(info.value), PermissionDenied)

    r = await edge.client.get(BASE, params={"consumer": CONSUMER}, headers=admin)
    assert r.status_code == 200, r.text
    (item,) = r.json()["items"]
    assert item["id"] == str(dead.id)
    assert (item["consumer"], item["topic"], item["event_id"]) == (
        CONSUMER,
        TOPIC.name,
        str(event.id),
    )
    assert item["envelope"]["payload"] == {"n": 4}
    assert (item["attempts"], item["retried_at"]) == (MAX_ATTEMPTS, None)
    assert item["error"].startswith("Broken: poke 4 is broken")
    assert r.json()["next_cursor"] is None
    r = await edge.client.get(BASE, params={"consumer": "someone.else"}, headers=admin)
    assert r.json()["items"] == []

    _failures[4] = 0  # fixed
    r = await edge.client.post(f"{BASE}/{dead.id}/retry", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["retried_at"] is not None

    async def done() -> bool:
        return await effects(4) == 1

    await wait_for(done)
    r = await edge.client.post(f"{BASE}/{dead.id}/retry", headers=admin)
    assert r.status_code == 200, r.text
    await wait_for(drained(own_redis))
    assert await effects(4) == 1

    r = await edge.client.post(f"{BASE}/{uuid.uuid4()}/retry", headers=admin)
    assert r.status_code == 404, r.text
    r = await edge.client.post(f"{BASE}/not-an-id/retry", headers=admin)
    assert r.status_code == 422, r.text
    r = await edge.client.get(BASE, params={"cursor": "garbage"}, headers=admin)
    assert r.status_code == 422, r.text
    assert "cursor" in problem_fields(r)
    r = await edge.client.get(BASE, params={"consumer": "a\x00b"}, headers=admin)
    assert r.status_code == 422, r.text
    assert "consumer" in problem_fields(r)


# --- the CLI -------------------------------------------------------------------------------


def petful(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "petful", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_the_cli_lists_and_retries_dead_letters(worker: Settings, own_redis: Any) -> None:
    _failures[5] = -1
    event = send(5)

    async def buried() -> bool:
        return bool(await dead_of(event))

    await wait_for(buried)
    await wait_for(drained(own_redis))
    (dead,) = await dead_of(event)
    _failures[5] = 0  # fixed

    listed = await asyncio.to_thread(petful, "events", "dead-letters", "--schema", SCHEMA)
    assert listed.returncode == 0, listed.stderr
    assert str(dead.id) in listed.stdout
    assert "Broken: poke 5 is broken" in listed.stdout

    # The command sends to the broker its settings name: the worker's.
    broker = {"PETFUL_REDIS_URL": own_redis.url}
    args = ("events", "retry-dead-letter", "--schema", SCHEMA)
    retried = await asyncio.to_thread(petful, *args, str(dead.id), **broker)
    assert retried.returncode == 0, retried.stderr

    async def done() -> bool:
        return await effects(5) == 1

    await wait_for(done)
    (row,) = await dead_of(event)
    assert row.retried_at is not None

    unknown = await asyncio.to_thread(petful, *args, str(uuid.uuid4()), **broker)
    assert unknown.returncode == 1
    assert "not found" in unknown.stderr
