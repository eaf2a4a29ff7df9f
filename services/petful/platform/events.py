"""Domain events: subscriptions, fan-out and exactly-once consumption.

The outbox relay sends each event to `events.dispatch`, which enqueues one
`events.handle` per subscriber. A handler runs in a transaction on its own schema that
first records (consumer, event id) in that schema's inbox: a redelivered event finds the
row and is skipped, so each effect happens once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from opentelemetry import context as otel_context
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.base import P, Received, Topic
from petful.platform import outbox
from petful.platform.db import transaction
from petful.platform.jobs import celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.outbox import Event
from petful.platform.telemetry import extract_trace_context

log = get_logger(__name__)

Handler = Callable[[AsyncSession, Received[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Subscription:
    name: str
    topic: Topic[Any]
    schema: str
    handler: Handler


_subscriptions: dict[str, Subscription] = {}


def subscriber(
    topic: Topic[P], *, schema: str, name: str
) -> Callable[[Callable[[AsyncSession, Received[P]], Awaitable[None]]], Handler]:
    """Register `handler(session, received)` for events of topic, deduped in `schema`.

    topic is a contract constant from `petful.contracts`; the handler gets the payload
    parsed by it, and a payload that does not parse fails the task loudly rather than being
    half-understood.
    """

    def register(handler: Callable[[AsyncSession, Received[P]], Awaitable[None]]) -> Handler:
        if name in _subscriptions:
            raise ValueError(f"duplicate subscriber name {name!r}")
        _subscriptions[name] = Subscription(name, topic, schema, handler)
        return handler

    return register


def subscribers_of(topic: str) -> list[Subscription]:
    return [s for s in _subscriptions.values() if s.topic.name == topic]


def subscriptions() -> list[Subscription]:
    """Every registered subscription (for the contract tests)."""
    return list(_subscriptions.values())


def received(sub: Subscription, event: Event) -> Received[Any]:
    return Received(
        id=event.id,
        topic=event.topic,
        source=event.source,
        occurred_at=event.occurred_at,
        payload=sub.topic.parse(event.payload),
    )


def publish_to_celery(event: Event) -> None:
    """The outbox relay's publisher: hand the event to the broker or raise."""
    celery_app.send_task(
        "events.dispatch",
        args=[event.to_dict()],
        task_id=str(event.id),
        # Fail fast while Redis is down; the row stays pending and the relay retries.
        retry=False,
        headers=event.headers,
    )


@celery_app.task(name="events.dispatch")  # type: ignore[untyped-decorator]
def dispatch(envelope: dict[str, Any]) -> int:
    event = Event.from_dict(envelope)
    subs = subscribers_of(event.topic)
    for sub in subs:
        celery_app.send_task("events.handle", args=[sub.name, envelope], headers=event.headers)
    return len(subs)


async def consume(sub: Subscription, event: Event, *, now: datetime | None = None) -> bool:
    """Run one subscriber for one event; False when it had already been processed."""
    token = otel_context.attach(extract_trace_context(event.headers))
    try:
        async with transaction() as session:
            inbox = outbox.inbox_table(sub.schema)
            claimed = await session.execute(
                insert(inbox)
                .values(consumer=sub.name, event_id=event.id, processed_at=now or datetime.now(UTC))
                .on_conflict_do_nothing()
                .returning(sa.literal(1))
            )
            if claimed.first() is None:
                log.info("duplicate event skipped", consumer=sub.name, event_id=str(event.id))
                return False
            await sub.handler(session, received(sub, event))
            return True
    finally:
        otel_context.detach(token)


@celery_app.task(name="events.handle")  # type: ignore[untyped-decorator]
def handle(subscription: str, envelope: dict[str, Any]) -> bool:
    sub = _subscriptions.get(subscription)
    if sub is None:
        # A message for a subscriber this worker does not know: fail loudly, not silently.
        raise LookupError(f"unknown subscriber {subscription!r}")
    return run_async(consume(sub, Event.from_dict(envelope)))
