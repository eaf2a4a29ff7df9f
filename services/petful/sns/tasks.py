"""sns Celery tasks: `sns.sync_account` (one account, idempotent, under a Redis lock so
two workers never sync it at once) and the nightly `sns.sync_all` that queues a sync for
every LINKED account."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.settings import Settings, get_settings
from petful.sns import graph, sentiment
from petful.sns.crypto import TokenBox
from petful.sns.service import sync


async def sync_one(
    account_id: uuid.UUID,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    graph_client_factory: graph.GraphClientFactory = graph.default_factory,
) -> bool:
    """Sync one account; False when it is not LINKED or another sync holds its lock."""
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


async def linked_ids(settings: Settings | None = None) -> list[uuid.UUID]:
    async with transaction(settings) as session:
        return await sync.linked_account_ids(session)


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
