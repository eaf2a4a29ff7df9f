"""The notifications service's subscribers: one per catalogue entry, and what a leaving
user takes with them.

Each entry's subscriber is named `notifications.<type>` (lower case), so a worker's log and
the inbox table say which notification an event made. The platform dedupes redeliveries
per subscriber (platform/events.py); the row's unique (event, recipient, type) key is the
second guard.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.contracts import notifications as notifications_events
from petful.notifications import broadcast, catalogue, channels, peers, service
from petful.notifications.broadcast import BROADCAST_TASK
from petful.notifications.catalogue import Entry
from petful.notifications.models import SCHEMA
from petful.notifications.peers import ActorsPort, GrpcIdentity
from petful.platform import events
from petful.platform.auth_context import use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, enqueue_soon, run_async
from petful.platform.logging import get_logger
from petful.platform.redis import get_redis
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

PRINCIPAL = peers.PRINCIPAL

# Whom texts name people by and where mail goes; tests replace it.
actors: ActorsPort = GrpcIdentity()
# When deliveries are due and sent; tests replace it.
clock: service.Clock = service.utc_now

SEND_TASK = "notifications.send_due"


async def _enqueue_send() -> None:
    """Ask a worker to send what is due now (the delivery rows are committed: if the nudge
    is lost, the minute's beat job sends them)."""
    enqueue_soon(SEND_TASK)


def subscriber_name(entry: Entry) -> str:
    return f"notifications.{entry.type.lower()}"


def _subscribe(entry: Entry) -> None:
    async def deliver(session: AsyncSession, event: Received[Any]) -> None:
        with use_principal(PRINCIPAL):
            await service.deliver(
                session,
                entry=entry,
                event=event,
                actors=actors,
                now=clock(),
                send_now=_enqueue_send,
            )

    events.subscriber(entry.topic, schema=SCHEMA, name=subscriber_name(entry))(deliver)


for _entry in catalogue.ENTRIES:
    _subscribe(_entry)


@events.subscriber(identity_events.MAIL_REQUESTED, schema=SCHEMA, name="notifications.account_mail")
async def send_account_mail(
    session: AsyncSession, event: Received[identity_events.MailRequested]
) -> None:
    """Codes, resets and notices identity asked for. A failed send raises: the event is
    tried again (platform/events.py)."""
    if await channels.send_account_mail(event.payload, settings=get_settings(), redis=get_redis()):
        log.info("account mail sent", template=event.payload.template, event_id=str(event.id))


# A user who leaves takes their inbox with them (nothing in it is a record any law asks us
# to keep); erasure runs again for whatever arrived in between.


@events.subscriber(
    identity_events.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="notifications.user_withdrawn"
)
async def user_withdrawn(
    session: AsyncSession, event: Received[identity_events.AccountWithdrawn]
) -> None:
    gone = await service.forget_user(session, user_id=event.payload.user_id)
    log.info("inbox erased", user_id=str(event.payload.user_id), notifications=gone)


@events.subscriber(identity_events.ACCOUNT_ERASED, schema=SCHEMA, name="notifications.user_erased")
async def user_erased(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    await service.forget_user(session, user_id=event.payload.user_id)


# --- sending email and push -----------------------------------------------------------------


async def send_due(now: datetime | None = None, settings: Settings | None = None) -> int:
    """Send everything due by now, a batch per transaction; how many deliveries ended or
    were put off."""
    settings = settings or get_settings()
    handled = 0
    with use_principal(PRINCIPAL):
        while True:
            async with transaction(settings) as session:
                sent = await channels.send_due(
                    session, now=now or clock(), actors=actors, settings=settings
                )
            handled += sent.handled
            if sent.handled < channels.SEND_BATCH:
                return handled


@celery_app.task(name=SEND_TASK)  # type: ignore[untyped-decorator]
def send_due_task() -> int:
    return run_async(send_due())


# What waited (quiet hours, a digest, a retry) goes out within a minute of its time.
beat("notifications-send-due", SEND_TASK, timedelta(minutes=1))


# --- announcements --------------------------------------------------------------------------

# Identity being away (a deploy, a restart) outlasts a few quick retries: about half an hour
# of backoff before a broadcast is FAILED.
BROADCAST_RETRIES = 8

# Whom a broadcast reaches; tests replace it.
recipients: peers.RecipientsPort = peers.GrpcRecipients()


@events.subscriber(
    notifications_events.BROADCAST_CREATED, schema=SCHEMA, name="notifications.broadcast_start"
)
async def start_broadcast(
    session: AsyncSession, event: Received[notifications_events.BroadcastCreated]
) -> None:
    """Start a committed broadcast's fan-out. Enqueueing fails fast while Redis is down: the
    event is tried again. Enqueued twice (a redelivery) it is still written once."""
    celery_app.send_task(BROADCAST_TASK, args=[str(event.payload.broadcast_id)], retry=False)


async def run_broadcast(broadcast_id: str, settings: Settings | None = None) -> str:
    """Write the broadcast's inbox rows and mail deliveries, a page of recipients per
    transaction, from where an earlier run stopped; its status at the end. The sender is
    asked once mail is due, and again at the end (it sends the rest as it falls due)."""
    settings = settings or get_settings()
    target = uuid.UUID(broadcast_id)
    per_second = settings.notifications.email_per_second
    asked = False
    with use_principal(PRINCIPAL):
        while True:
            async with transaction(settings) as session:
                step = await broadcast.fan_out_step(
                    session,
                    broadcast_id=target,
                    recipients=recipients,
                    now=clock(),
                    per_second=per_second,
                )
            if (step.mail_due_now and not asked) or (step.finished and step.emails):
                await _enqueue_send()
                asked = True
            if step.finished:
                return step.status.value


async def give_up_broadcast(broadcast_id: str, error: str) -> None:
    async with transaction() as session:
        await broadcast.give_up(
            session, broadcast_id=uuid.UUID(broadcast_id), now=clock(), error=error
        )


@celery_app.task(name=BROADCAST_TASK, bind=True, max_retries=BROADCAST_RETRIES)  # type: ignore[untyped-decorator]
def broadcast_task(self: Any, broadcast_id: str) -> str:
    try:
        return run_async(run_broadcast(broadcast_id))
    except Exception as e:
        retries = int(self.request.retries)
        if retries >= BROADCAST_RETRIES:
            log.exception("broadcast failed", broadcast_id=broadcast_id)
            run_async(give_up_broadcast(broadcast_id, f"{type(e).__name__}: {e}"))
            return "FAILED"
        # Each run goes on from the last page committed. The countdown stays below the
        # broker's visibility timeout, as every retry's does (settings.events_retry_max_seconds).
        cap = get_settings().events_retry_max_seconds
        raise self.retry(exc=e, countdown=min(15 * 2**retries, cap)) from e
