"""Transactional outbox and inbox, one pair of tables in every service schema.

A service writes its change and `add_event(...)` in one transaction; `OutboxRelay` later
publishes pending rows to Celery and marks them, so nothing is lost while Redis is down.
The commit also wakes the relay (PostgreSQL NOTIFY, delivered only if the transaction
commits), so an event leaves at once instead of at the next poll; polling stays as the
fallback for a lost listening connection.
Consumers record each event id in their own schema's inbox in the same transaction as
their effect, so a redelivered event changes nothing (see events.py). An event a consumer
fails on in every attempt is kept in that consumer's schema (dead_letters.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import psycopg
import sqlalchemy as sa
from alembic import op
from psycopg import sql
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from petful.contracts.base import P, Topic
from petful.platform import dead_letters as dead_letters_module
from petful.platform.db import schema_metadata
from petful.platform.logging import get_logger
from petful.platform.telemetry import inject_trace_headers

log = get_logger(__name__)


@cache
def outbox_table(schema: str) -> sa.Table:
    return sa.Table(
        "outbox",
        schema_metadata(schema),
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("headers", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        # The relay only ever scans unpublished rows, oldest first.
        sa.Index(
            "ix_outbox_pending", "created_at", postgresql_where=sa.text("published_at IS NULL")
        ),
    )


@cache
def inbox_table(schema: str) -> sa.Table:
    return sa.Table(
        "inbox",
        schema_metadata(schema),
        sa.Column("consumer", sa.Text, primary_key=True),
        sa.Column("event_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )


def create_tables(schema: str, *, dead_letters: bool = False) -> None:
    """Migration helper: every service's baseline migration calls this.

    It creates the tables from the definitions above, so their shape is frozen: a later
    change to them needs a new migration step, never an edit here.

    A new schema's baseline passes dead_letters=True to get the events' dead-letter table
    (platform/dead_letters.py) too. The schemas that existed before it got that table in a
    migration step of their own (`dead_letters.create_table`), so for their baselines,
    which keep the default, this creates exactly what it always did.
    """
    bind = op.get_bind()
    outbox_table(schema).create(bind)
    inbox_table(schema).create(bind)
    if dead_letters:
        dead_letters_module.create_table(schema)


def drop_tables(schema: str, *, dead_letters: bool = False) -> None:
    if dead_letters:
        dead_letters_module.drop_table(schema)
    op.drop_table("inbox", schema=schema)
    op.drop_table("outbox", schema=schema)


@dataclass(frozen=True)
class Event:
    """What travels from an outbox to consumers (JSON-serialisable via to_dict)."""

    id: uuid.UUID
    topic: str
    source: str
    payload: dict[str, Any]
    occurred_at: datetime
    headers: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "topic": self.topic,
            "source": self.source,
            "payload": self.payload,
            "occurred_at": self.occurred_at.isoformat(),
            "headers": self.headers,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=uuid.UUID(data["id"]),
            topic=data["topic"],
            source=data["source"],
            payload=data["payload"],
            occurred_at=datetime.fromisoformat(data["occurred_at"]),
            headers=dict(data.get("headers") or {}),
        )


async def add_event(
    session: AsyncSession,
    schema: str,
    topic: Topic[P],
    payload: P,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Record an event in the caller's transaction; it is published only if that commits.

    topic is a contract from `petful.contracts` and payload its model, so what consumers
    parse is what producers wrote.
    """
    if not isinstance(payload, topic.payload):
        raise TypeError(f"{topic.name} carries {topic.payload.__name__}, not {type(payload)}")
    event_id = uuid.uuid4()
    await session.execute(
        sa.insert(outbox_table(schema)).values(
            id=event_id,
            topic=topic.name,
            payload=payload.model_dump(mode="json"),
            headers=inject_trace_headers(),
            created_at=now or datetime.now(UTC),
        )
    )
    # Queued by PostgreSQL until commit and dropped on rollback; repeats within one
    # transaction are folded into one.
    await session.execute(sa.select(sa.func.pg_notify(wake_channel(schema), "")))
    return event_id


def wake_channel(schema: str) -> str:
    """The NOTIFY channel that tells a schema's relay an event was committed."""
    return f"petful_outbox_{schema}"


def listen_dsn(database_url: str) -> str:
    """The libpq address of the SQLAlchemy URL (the listener is a plain psycopg
    connection: it lives as long as the relay and must not hold a pool slot)."""
    url = sa.make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


Publisher = Callable[[Event], None]


class OutboxRelay:
    """Publishes one schema's pending outbox rows, oldest first.

    Rows are locked with SKIP LOCKED, so several relays (replicas) never publish a row
    twice at once; a row is marked published only after the broker accepted it.
    """

    def __init__(
        self,
        schema: str,
        engine: AsyncEngine,
        publish: Publisher,
        *,
        batch_size: int = 100,
    ) -> None:
        self.schema = schema
        self.engine = engine
        self.publish = publish
        self.batch_size = batch_size
        self.table = outbox_table(schema)

    async def relay_once(self) -> int:
        """Publish one batch; returns how many rows were published."""
        t = self.table
        async with self.engine.begin() as conn:
            rows = (
                await conn.execute(
                    sa.select(t)
                    .where(t.c.published_at.is_(None))
                    .order_by(t.c.created_at)
                    .limit(self.batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            published: list[uuid.UUID] = []
            for row in rows:
                event = Event(
                    id=row.id,
                    topic=row.topic,
                    source=self.schema,
                    payload=row.payload,
                    occurred_at=row.created_at,
                    headers=row.headers,
                )
                try:
                    # Broker clients block; keep the event loop free.
                    await asyncio.to_thread(self.publish, event)
                except Exception as exc:
                    log.warning("outbox publish failed", schema=self.schema, error=str(exc))
                    await conn.execute(
                        sa.update(t)
                        .where(t.c.id == row.id)
                        .values(attempts=t.c.attempts + 1, last_error=str(exc)[:500])
                    )
                    break  # keep order: retry this row first next time
                published.append(row.id)
            if published:
                await conn.execute(
                    sa.update(t).where(t.c.id.in_(published)).values(published_at=sa.func.now())
                )
        return len(published)

    async def run(
        self, stop: asyncio.Event, *, poll_seconds: float = 0.5, dsn: str | None = None
    ) -> None:
        """Relay until stop is set: at once when woken by a commit (with dsn, the database
        to listen on), else every poll_seconds (longer while the database fails)."""
        wake = asyncio.Event()
        listener = asyncio.create_task(self._listen(dsn, wake, stop)) if dsn is not None else None
        backoff = poll_seconds
        try:
            while not stop.is_set():
                # Cleared before reading: a commit during the batch wakes the next round.
                wake.clear()
                try:
                    count = await self.relay_once()
                    backoff = poll_seconds
                except Exception:
                    log.exception("outbox relay failed", schema=self.schema)
                    count = 0
                    backoff = min(backoff * 2, 10.0)
                if count >= self.batch_size:
                    continue  # more waiting: drain without pausing
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(backoff):
                        await _first_of(stop, wake)
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener

    async def _listen(self, dsn: str, wake: asyncio.Event, stop: asyncio.Event) -> None:
        """Set wake on every NOTIFY of this schema's channel; reconnect when the
        connection is lost (meanwhile the relay polls)."""
        retry = 1.0
        while not stop.is_set():
            try:
                async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
                    channel = sql.Identifier(wake_channel(self.schema))
                    await conn.execute(sql.SQL("LISTEN {}").format(channel))
                    retry = 1.0
                    wake.set()  # what was committed while nobody listened
                    async for _ in conn.notifies():
                        wake.set()
            except psycopg.Error as exc:
                log.warning("outbox listen failed", schema=self.schema, error=str(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=retry)
            retry = min(retry * 2, 30.0)


async def _first_of(*events: asyncio.Event) -> None:
    """Return when any of events is set."""
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


async def prune(
    session: AsyncSession,
    schema: str,
    *,
    now: datetime,
    outbox_keep: timedelta = timedelta(days=7),
    inbox_keep: timedelta = timedelta(days=30),
) -> tuple[int, int]:
    """Delete published outbox rows and old inbox rows; returns (outbox, inbox) counts."""
    o, i = outbox_table(schema), inbox_table(schema)
    r1 = await session.execute(
        sa.delete(o).where(o.c.published_at.is_not(None), o.c.published_at < now - outbox_keep)
    )
    r2 = await session.execute(sa.delete(i).where(i.c.processed_at < now - inbox_keep))
    return r1.rowcount or 0, r2.rowcount or 0  # type: ignore[attr-defined]
