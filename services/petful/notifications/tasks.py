"""The notifications service's subscribers: one per catalogue entry, and what a leaving
user takes with them.

Each entry's subscriber is named `notifications.<type>` (lower case), so a worker's log and
the inbox table say which notification an event made. The platform dedupes redeliveries
per subscriber (platform/events.py); the row's unique (event, recipient, type) key is the
second guard.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.notifications import catalogue, service
from petful.notifications.catalogue import Entry
from petful.notifications.models import SCHEMA
from petful.notifications.peers import ActorsPort, GrpcIdentity
from petful.platform import events
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.logging import get_logger

log = get_logger(__name__)

PRINCIPAL = service_principal(SCHEMA)

# Whom texts name people by; tests replace it.
actors: ActorsPort = GrpcIdentity()


def subscriber_name(entry: Entry) -> str:
    return f"notifications.{entry.type.lower()}"


def _subscribe(entry: Entry) -> None:
    async def deliver(session: AsyncSession, event: Received[Any]) -> None:
        with use_principal(PRINCIPAL):
            await service.deliver(session, entry=entry, event=event, actors=actors)

    events.subscriber(entry.topic, schema=SCHEMA, name=subscriber_name(entry))(deliver)


for _entry in catalogue.ENTRIES:
    _subscribe(_entry)


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
