"""Dead letters: events a subscriber failed to handle in every attempt, kept to be retried.

`events.handle` retries a failing subscriber with backoff (events.py); after the last
attempt it records the event here, in the subscriber's own schema, one row per
(consumer, event). An admin (or `petful events retry-dead-letter`) sends it to the
subscriber again; a retry that fails through all its attempts again updates the same row.
Nothing is lost: the row keeps the whole envelope, and consumption stays deduped by the
inbox, so retrying a row twice has the effect once.

The table is created by `create_table` from every service's migration (and, for a new
schema, by `outbox.create_tables(..., dead_letters=True)`): like the outbox, its shape is
frozen here and a change to it needs a new migration step.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.db import schema_metadata
from petful.platform.errors import NotFound, ServiceUnavailable
from petful.platform.jobs import HANDLE_TASK, celery_app
from petful.platform.logging import get_logger
from petful.platform.paging import Page, encode_cursor, page_of, paging
from petful.platform.validation import Violations, check_line, uuid_field

log = get_logger(__name__)

TABLE = "dead_letters"
# What is kept of an exception: its type and the start of its message, never a traceback
# (tracebacks go to the worker's log, which is where an engineer reads them).
ERROR_MAX = 500


@cache
def dead_letters_table(schema: str) -> sa.Table:
    t = sa.Table(
        TABLE,
        schema_metadata(schema),
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        # The subscription's name (events.subscriber(name=...)) and the event it failed on.
        sa.Column("consumer", sa.Text, nullable=False),
        sa.Column("event_id", UUID(as_uuid=True), nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        # The whole event as it travels (outbox.Event.to_dict()): what a retry sends again.
        sa.Column("envelope", JSONB, nullable=False),
        # "<ExceptionType>: <message>" of the last failure, cut to ERROR_MAX characters.
        sa.Column("error", sa.Text, nullable=False),
        # Every attempt made for this (consumer, event), retries from here included.
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        # Set when sent again; cleared when that retry fails through its attempts too.
        sa.Column("retried_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("consumer", "event_id", name="uq_dead_letters_consumer_event"),
    )
    # The admin list: newest failure first (its cursor is (last_failed_at, id)).
    sa.Index("ix_dead_letters_recent", t.c.last_failed_at.desc(), t.c.id.desc())
    return t


def create_table(schema: str) -> None:
    """Migration helper: every service's dead-letter migration calls this."""
    dead_letters_table(schema).create(op.get_bind())


def drop_table(schema: str) -> None:
    op.drop_table(TABLE, schema=schema)


@dataclass(frozen=True, slots=True)
class DeadLetter:
    id: uuid.UUID
    consumer: str
    event_id: uuid.UUID
    topic: str
    envelope: dict[str, Any]
    error: str
    attempts: int
    first_failed_at: datetime
    last_failed_at: datetime
    retried_at: datetime | None

    @classmethod
    def from_row(cls, row: Any) -> DeadLetter:
        return cls(
            id=row.id,
            consumer=row.consumer,
            event_id=row.event_id,
            topic=row.topic,
            envelope=dict(row.envelope),
            error=row.error,
            attempts=row.attempts,
            first_failed_at=row.first_failed_at,
            last_failed_at=row.last_failed_at,
            retried_at=row.retried_at,
        )


def describe_error(exc: BaseException) -> str:
    """What a dead letter keeps of an exception: its type and message, cut short."""
    message = str(exc).strip()
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text if len(text) <= ERROR_MAX else text[: ERROR_MAX - 1] + "…"


async def record(
    session: AsyncSession,
    schema: str,
    *,
    consumer: str,
    envelope: dict[str, Any],
    error: str,
    attempts: int,
    first_failed_at: datetime,
    now: datetime,
) -> DeadLetter:
    """Keep (or update) the dead letter of consumer for the envelope's event.

    A (consumer, event) already dead once keeps its row and first failure; its attempts add
    up, its error and last failure are the latest, and it counts as not retried again.
    """
    t = dead_letters_table(schema)
    new = insert(t).values(
        id=uuid.uuid4(),
        consumer=consumer,
        event_id=uuid.UUID(str(envelope["id"])),
        topic=envelope["topic"],
        envelope=envelope,
        error=error[:ERROR_MAX],
        attempts=attempts,
        first_failed_at=first_failed_at,
        last_failed_at=now,
        retried_at=None,
    )
    stmt = new.on_conflict_do_update(
        index_elements=[t.c.consumer, t.c.event_id],
        set_={
            "envelope": new.excluded.envelope,
            "error": new.excluded.error,
            "attempts": t.c.attempts + new.excluded.attempts,
            "last_failed_at": new.excluded.last_failed_at,
            "retried_at": None,
        },
    ).returning(t)
    return DeadLetter.from_row((await session.execute(stmt)).one())


FILTER_MAX = 200


def _filter(raw: str) -> str:
    """A consumer or topic name to filter by ("" for none)."""
    return check_line(raw, max_len=FILTER_MAX) if raw.strip() else ""


def _cursor(d: DeadLetter) -> str:
    return encode_cursor(d.last_failed_at, d.id)


async def list_dead_letters(
    session: AsyncSession,
    schema: str,
    *,
    page_size: int = 0,
    cursor: str = "",
    consumer: str = "",
    topic: str = "",
) -> Page[DeadLetter]:
    """The schema's dead letters, latest failure first, optionally of one consumer and/or
    topic. Cursor paging (page_size 1-100, 0 for the default); InvalidArgument for a bad
    page size, cursor or filter."""
    size, after = paging(page_size, cursor)
    v = Violations()
    consumer = v.check("consumer", _filter, consumer)
    topic = v.check("topic", _filter, topic)
    v.raise_if_any("the filters are invalid")
    t = dead_letters_table(schema)
    query = sa.select(t)
    if consumer:
        query = query.where(t.c.consumer == consumer)
    if topic:
        query = query.where(t.c.topic == topic)
    if after is not None:
        query = query.where(sa.tuple_(t.c.last_failed_at, t.c.id) < sa.tuple_(*after))
    query = query.order_by(t.c.last_failed_at.desc(), t.c.id.desc()).limit(size + 1)
    rows = [DeadLetter.from_row(r) for r in (await session.execute(query)).all()]
    return page_of(rows, size, _cursor)


async def get_dead_letter(
    session: AsyncSession, schema: str, dead_letter_id: str, *, for_update: bool = False
) -> DeadLetter:
    """One dead letter by id: InvalidArgument for a malformed id, NotFound for no row."""
    row_id = uuid_field("dead_letter_id", dead_letter_id)
    t = dead_letters_table(schema)
    query = sa.select(t).where(t.c.id == row_id)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    if row is None:
        raise NotFound(
            "dead letter not found", field_violations=[("dead_letter_id", "no such dead letter")]
        )
    return DeadLetter.from_row(row)


Enqueue = Callable[[str, dict[str, Any]], None]


def enqueue(consumer: str, envelope: dict[str, Any]) -> None:
    """Send the event to one subscriber again (`events.handle`, with fresh attempts)."""
    celery_app.send_task(
        HANDLE_TASK,
        args=[consumer, envelope],
        headers=dict(envelope.get("headers") or {}),
        # Fail fast while Redis is down: the caller's transaction rolls back, the row stays
        # not retried, and the caller sees the error.
        retry=False,
    )


async def retry(
    session: AsyncSession,
    schema: str,
    dead_letter_id: str,
    *,
    now: datetime | None = None,
    send: Enqueue = enqueue,
) -> DeadLetter:
    """Send a dead letter's event to its subscriber again and mark the row retried.

    The event is sent while the row is locked, before the caller commits: a send that
    fails leaves the row as it was. A retry that fails through all its attempts updates
    this row (after this transaction, which holds its lock); a commit failing after the
    send only means the event was sent once more, which the subscriber's inbox dedupes.
    Retrying a row already retried sends it again, to the same effect.
    """
    dead = await get_dead_letter(session, schema, dead_letter_id, for_update=True)
    try:
        # Broker clients block; keep the event loop free.
        await asyncio.to_thread(send, dead.consumer, dead.envelope)
    except Exception as exc:
        log.warning(
            "dead letter not sent", schema=schema, dead_letter_id=str(dead.id), error=str(exc)
        )
        raise ServiceUnavailable("the event queue is not reachable; try again later") from None
    t = dead_letters_table(schema)
    row = (
        await session.execute(
            sa.update(t)
            .where(t.c.id == dead.id)
            .values(retried_at=now or datetime.now(UTC))
            .returning(t)
        )
    ).one()
    log.info(
        "dead letter retried",
        schema=schema,
        consumer=dead.consumer,
        event_id=str(dead.event_id),
        dead_letter_id=str(dead.id),
    )
    return DeadLetter.from_row(row)
