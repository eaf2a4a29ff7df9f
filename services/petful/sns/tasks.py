"""sns Celery tasks: `sns.sync_account` (one account, idempotent, under a Redis lock so
two workers never sync it at once) and the nightly `sns.sync_all` that queues a sync for
every LINKED account whose owner is not suspended.

Subscribers to identity: `sns.forget_withdrawn_owner` (ACCOUNT_WITHDRAWN: de-authorize the
app at Instagram, delete the owner's accounts and everything synced),
`sns.pause_suspended_owner` (ACCOUNT_SUSPENDED) and `sns.resume_reinstated_owner`
(ACCOUNT_REINSTATED). ACCOUNT_ERASED needs none: withdrawal kept nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.platform import events
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.settings import Settings, get_settings
from petful.sns import graph, sentiment
from petful.sns.crypto import TokenBox
from petful.sns.models import SCHEMA
from petful.sns.service import owners, sync


async def sync_one(
    account_id: uuid.UUID,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    graph_client_factory: graph.GraphClientFactory = graph.default_factory,
) -> bool:
    """Sync one account; False when it is not LINKED, its owner is suspended or another
    sync holds its lock."""
    settings = settings or get_settings()
    box = TokenBox.from_settings(settings)
    async with graph_client_factory(settings) as client, transaction(settings) as session:
        return await sync.sync_by_id(
            session,
            settings=settings,
            client=client,
            box=box,
            now=now or datetime.now(UTC),
            account_id=account_id,
            classifier=sentiment.classifier_from_settings(settings),
        )


async def linked_ids(
    settings: Settings | None = None, *, now: datetime | None = None
) -> list[uuid.UUID]:
    async with transaction(settings) as session:
        return await sync.linked_account_ids(session, now or datetime.now(UTC))


@celery_app.task(name="sns.sync_account")  # type: ignore[untyped-decorator]
def sync_account_task(account_id: str) -> bool:
    return run_async(sync_one(uuid.UUID(account_id)))


@celery_app.task(name="sns.sync_all")  # type: ignore[untyped-decorator]
def sync_all_task() -> int:
    ids = run_async(linked_ids())
    for account_id in ids:
        sync_account_task.delay(str(account_id))
    return len(ids)


beat("sns-sync-all", "sns.sync_all", timedelta(hours=get_settings().sns.sync_every_hours))


# --- identity: the owner left, was suspended or reinstated -------------------------------------


@events.subscriber(
    identity_events.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="sns.forget_withdrawn_owner"
)
async def on_owner_withdrawn(
    session: AsyncSession, event: Received[identity_events.AccountWithdrawn]
) -> None:
    settings = get_settings()
    async with graph.default_factory(settings) as client:
        await owners.forget_owner(
            session,
            client=client,
            box=TokenBox.from_settings(settings),
            now=event.occurred_at,
            owner_id=event.payload.user_id,
        )


@events.subscriber(
    identity_events.ACCOUNT_SUSPENDED, schema=SCHEMA, name="sns.pause_suspended_owner"
)
async def on_owner_suspended(
    session: AsyncSession, event: Received[identity_events.AccountSuspended]
) -> None:
    await owners.owner_suspended(
        session, owner_id=event.payload.user_id, at=event.occurred_at, until=event.payload.until
    )


@events.subscriber(
    identity_events.ACCOUNT_REINSTATED, schema=SCHEMA, name="sns.resume_reinstated_owner"
)
async def on_owner_reinstated(
    session: AsyncSession, event: Received[identity_events.AccountReinstated]
) -> None:
    await owners.owner_reinstated(session, owner_id=event.payload.user_id, at=event.occurred_at)
