"""Housekeeping run by Celery beat: old outbox and inbox rows are pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from petful.platform import outbox
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.settings import DOMAINS


async def prune_all(now: datetime) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for domain in DOMAINS:
        async with transaction() as session:
            counts[domain] = await outbox.prune(session, domain, now=now)
    return counts


@celery_app.task(name="platform.prune_outbox")  # type: ignore[untyped-decorator]
def prune_outbox() -> dict[str, tuple[int, int]]:
    return run_async(prune_all(datetime.now(UTC)))


beat("prune-outbox", "platform.prune_outbox", timedelta(hours=1))
