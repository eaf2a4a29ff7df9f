"""Domain events: subscriptions, fan-out and exactly-once consumption.

The outbox relay sends each event to `events.dispatch`, which enqueues one
`events.handle` per subscriber. A handler runs in a transaction on its own schema that
first records (consumer, event id) in that schema's inbox: a redelivered event finds the
row and is skipped, so each effect happens once.

A handler that raises rolls its transaction back (the inbox claim too) and is run again
later: the task re-enqueues itself through the broker with a growing, jittered delay
(`retry_delay`), so a worker restart loses no retry. After `events_max_attempts` attempts
the event is kept as a dead letter in the subscriber's schema (dead_letters.py), where an
admin sees it and sends it again once the cause is fixed.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from celery import Task
from celery.exceptions import Reject
from opentelemetry import context as otel_context
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.base import P, Received, Topic
from petful.platform import dead_letters, outbox
from petful.platform.db import transaction
from petful.platform.jobs import BULK_SUBSCRIBERS, HANDLE_TASK, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.outbox import Event
from petful.platform.settings import Settings, get_settings
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
    topic: Topic[P], *, schema: str, name: str, bulk: bool = False
) -> Callable[[Callable[[AsyncSession, Received[P]], Awaitable[None]]], Handler]:
    """Register `handler(session, received)` for events of topic, deduped in `schema`;
    with bulk, it runs on the bulk queue's workers (it holds the CPU for long: jobs.py).

    topic is a contract constant from `petful.contracts`; the handler gets the payload
    parsed by it, and a payload that does not parse fails the task loudly rather than being
    half-understood.
    """

    def register(handler: Callable[[AsyncSession, Received[P]], Awaitable[None]]) -> Handler:
        if name in _subscriptions:
            raise ValueError(f"duplicate subscriber name {name!r}")
        _subscriptions[name] = Subscription(name, topic, schema, handler)
        if bulk:
            BULK_SUBSCRIBERS.add(name)
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
        celery_app.send_task(HANDLE_TASK, args=[sub.name, envelope], headers=event.headers)
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


def retry_delay(
    failures: int,
    *,
    base: float,
    factor: float,
    cap: float,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before the next attempt, after `failures` (1 or more) failed ones.

    Full jitter: a uniform draw between 0 and base * factor**(failures - 1), capped, so
    the retries of many events failing at once (a peer down) spread out instead of coming
    back together. rand returns a number in [0, 1) (tests pass a fixed one).
    """
    if failures < 1:
        raise ValueError("failures counts from 1")
    try:
        bound = min(cap, base * factor ** (failures - 1))
    except OverflowError:
        bound = cap
    return bound * rand()


def settings_delay(failures: int, settings: Settings) -> float:
    return retry_delay(
        failures,
        base=settings.events_retry_base_seconds,
        factor=settings.events_retry_factor,
        cap=settings.events_retry_max_seconds,
    )


async def bury(
    sub: Subscription,
    envelope: dict[str, Any],
    *,
    error: str,
    attempts: int,
    first_failed_at: datetime,
    now: datetime,
) -> dead_letters.DeadLetter:
    """Keep the event as a dead letter of sub, in sub's schema."""
    async with transaction() as session:
        return await dead_letters.record(
            session,
            sub.schema,
            consumer=sub.name,
            envelope=envelope,
            error=error,
            attempts=attempts,
            first_failed_at=first_failed_at,
            now=now,
        )


# max_retries=None: the attempts are counted here, against the settings, not by Celery.
@celery_app.task(name=HANDLE_TASK, bind=True, max_retries=None)  # type: ignore[untyped-decorator]
def handle(
    self: Task,
    subscription: str,
    envelope: dict[str, Any],
    first_failed_at: str | None = None,
) -> bool:
    """Run one subscriber for one event; True when this run had the effect.

    first_failed_at is set by the task's own retries (when the first attempt failed).
    """
    sub = _subscriptions.get(subscription)
    if sub is None:
        # A message for a subscriber this worker does not know: fail loudly, not silently.
        raise LookupError(f"unknown subscriber {subscription!r}")
    event = Event.from_dict(envelope)
    try:
        return run_async(consume(sub, event))
    except Exception as exc:
        failure = exc
    settings = get_settings()
    now = datetime.now(UTC)
    first = datetime.fromisoformat(first_failed_at) if first_failed_at else now
    attempt = self.request.retries + 1
    error = dead_letters.describe_error(failure)
    where = {"consumer": sub.name, "event_id": str(event.id), "topic": event.topic}
    retry_kwargs = {**(self.request.kwargs or {}), "first_failed_at": first.isoformat()}
    if attempt < settings.events_max_attempts:
        delay = settings_delay(attempt, settings)
        log.warning(
            "event handler failed, will retry",
            **where,
            attempt=attempt,
            max_attempts=settings.events_max_attempts,
            retry_in_seconds=round(delay, 3),
            error=error,
        )
        try:
            # Raises Retry once the next attempt is with the broker (acked with this one).
            raise self.retry(countdown=delay, kwargs=retry_kwargs, exc=failure)
        except Reject as rejected:
            # The broker did not take the retry: keep the event now rather than lose it.
            error = f"{error} (retry not scheduled: {rejected.reason!s:.200})"
    try:
        dead = run_async(
            bury(sub, envelope, error=error, attempts=attempt, first_failed_at=first, now=now)
        )
    except Exception:
        # Not even kept (the database is down?): try the whole thing again later.
        log.exception("dead letter not written, will retry", **where, attempt=attempt)
        raise self.retry(
            countdown=settings_delay(attempt, settings), kwargs=retry_kwargs, exc=failure
        ) from None
    log.error(
        "event dead-lettered",
        **where,
        schema=sub.schema,
        dead_letter_id=str(dead.id),
        attempts=dead.attempts,
        error=error,
        exc_info=failure,
    )
    return False
