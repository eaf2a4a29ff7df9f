"""Events written with a change survive Redis being down and are consumed exactly once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from celery.contrib.testing.worker import start_worker
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.base import Payload, Received, Topic
from petful.platform import events, outbox
from petful.platform.db import get_engine, transaction
from petful.platform.jobs import celery_app, use_broker
from petful.platform.outbox import Event, OutboxRelay
from petful.platform.settings import Settings
from petful.platform.telemetry import setup_telemetry
from tests.support import free_port, wait_for


class Thing(Payload):
    n: int


# The tests' own topics: declared like a producer's, never published by one.
TOPIC = Topic("test.thing.happened", Thing)
SCHEMA = "notifications"  # any service schema: its inbox dedupes this consumer


@events.subscriber(TOPIC, schema=SCHEMA, name="test.record_thing")
async def record_thing(session: AsyncSession, event: Received[Thing]) -> None:
    await session.execute(
        sa.text("INSERT INTO public.effects (event_id, n) VALUES (:id, :n)"),
        {"id": event.id, "n": event.payload.n},
    )


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[object]:
    """A Redis of this test's own, since the test stops and restarts it."""
    from petful.devstack.redis import EmbeddedRedis

    server = EmbeddedRedis(tmp_path / "redis", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def effects(settings: Settings) -> None:
    async with transaction() as session:
        await session.execute(
            sa.text("CREATE TABLE public.effects (event_id uuid, n int NOT NULL)")
        )


async def _effects() -> list[tuple[object, int]]:
    async with transaction() as session:
        rows = await session.execute(sa.text("SELECT event_id, n FROM public.effects ORDER BY n"))
        return [(r.event_id, r.n) for r in rows]


@pytest.mark.slow
async def test_events_survive_redis_outage_and_are_consumed_once(
    settings: Settings, own_redis: object, effects: None
) -> None:
    use_broker(own_redis.url)  # type: ignore[attr-defined]
    relay = OutboxRelay(SCHEMA, get_engine(), events.publish_to_celery)

    own_redis.stop()  # type: ignore[attr-defined]
    async with transaction() as session:
        ids = [await outbox.add_event(session, SCHEMA, TOPIC, Thing(n=n)) for n in range(3)]

    # Redis is down: nothing is published and nothing is lost.
    assert await relay.relay_once() == 0
    async with transaction() as session:
        pending = await session.scalar(
            sa.select(sa.func.count()).where(outbox.outbox_table(SCHEMA).c.published_at.is_(None))
        )
    assert pending == 3

    own_redis.start()  # type: ignore[attr-defined]
    assert await relay.relay_once() == 3
    assert await relay.relay_once() == 0  # published rows are not sent again

    with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False):

        async def all_consumed() -> bool:
            return len(await _effects()) == 3

        await wait_for(all_consumed)
        # Redelivery of an already consumed event changes nothing.
        duplicate = Event(ids[0], TOPIC.name, SCHEMA, {"n": 0}, datetime.now(UTC))
        sub = events.subscribers_of(TOPIC.name)[0]
        assert await events.consume(sub, duplicate) is False

    assert sorted(eid for eid, _ in await _effects()) == sorted(ids)


class Nothing(Payload):
    pass


TRACED_TOPIC = Topic("test.trace.carried", Nothing)
_seen_trace_ids: list[int] = []


@events.subscriber(TRACED_TOPIC, schema=SCHEMA, name="test.see_trace")
async def see_trace(session: AsyncSession, event: Received[Nothing]) -> None:
    _seen_trace_ids.append(trace.get_current_span().get_span_context().trace_id)


async def test_trace_context_travels_from_the_change_to_the_consumer(settings: Settings) -> None:
    setup_telemetry("test")
    with trace.get_tracer("test").start_as_current_span("request") as span:
        async with transaction() as session:
            event_id = await outbox.add_event(session, SCHEMA, TRACED_TOPIC, Nothing())
    async with transaction() as session:
        row = (
            await session.execute(
                sa.select(outbox.outbox_table(SCHEMA)).where(
                    outbox.outbox_table(SCHEMA).c.id == event_id
                )
            )
        ).one()
    event = Event(row.id, row.topic, SCHEMA, row.payload, row.created_at, row.headers)
    # Outside the request's span now: only the headers can carry the trace.
    assert await events.consume(events.subscribers_of(TRACED_TOPIC.name)[0], event)
    assert _seen_trace_ids == [span.get_span_context().trace_id]


async def test_prune_drops_old_published_rows_and_keeps_pending_ones(settings: Settings) -> None:
    old = datetime(2026, 1, 1, tzinfo=UTC)
    async with transaction() as session:
        published = await outbox.add_event(session, SCHEMA, TOPIC, Thing(n=1), now=old)
        pending = await outbox.add_event(session, SCHEMA, TOPIC, Thing(n=2), now=old)
        table = outbox.outbox_table(SCHEMA)
        await session.execute(
            sa.update(table).where(table.c.id == published).values(published_at=old)
        )
    later = old + timedelta(days=8)
    async with transaction() as session:
        assert await outbox.prune(session, SCHEMA, now=later) == (1, 0)
        left = (await session.execute(sa.select(outbox.outbox_table(SCHEMA).c.id))).scalars()
        assert list(left) == [pending]


async def _commit_thing(n: int) -> None:
    async with transaction() as session:
        await outbox.add_event(session, SCHEMA, TOPIC, Thing(n=n))


async def test_a_commit_wakes_the_relay_long_before_its_next_poll(settings: Settings) -> None:
    published: list[Event] = []
    relay = OutboxRelay(SCHEMA, get_engine(), published.append)
    stop = asyncio.Event()
    # A poll an hour apart: only the commit's NOTIFY can make the relay publish in time.
    running = asyncio.create_task(
        relay.run(stop, poll_seconds=3600, dsn=outbox.listen_dsn(settings.database_url))
    )
    try:
        await wait_for(lambda: _listening(settings))
        await _commit_thing(1)
        await wait_for(lambda: _published(published, 1), within=10)

        # A rolled-back change publishes nothing; the next commit still wakes the relay.
        with contextlib.suppress(RuntimeError):
            async with transaction() as session:
                await outbox.add_event(session, SCHEMA, TOPIC, Thing(n=99))
                raise RuntimeError("the change fails")
        await _commit_thing(2)
        await wait_for(lambda: _published(published, 2), within=10)
        assert [e.payload["n"] for e in published] == [1, 2]

        # The listening connection is lost: the relay listens again and is woken again.
        await _terminate_listeners(settings)
        await wait_for(lambda: _listening(settings))
        await _commit_thing(3)
        await wait_for(lambda: _published(published, 3), within=10)
    finally:
        stop.set()
        await running


async def _published(published: list[Event], count: int) -> bool:
    return len(published) == count


LISTENERS = sa.text(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
    " AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()"
)


async def _listening(settings: Settings) -> bool:
    async with transaction() as session:
        return bool((await session.execute(LISTENERS)).all())


async def _terminate_listeners(settings: Settings) -> None:
    async with transaction() as session:
        for (pid,) in (await session.execute(LISTENERS)).all():
            await session.execute(sa.select(sa.func.pg_terminate_backend(pid)))
