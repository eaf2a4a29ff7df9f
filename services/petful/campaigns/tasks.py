"""Campaign tasks: the time-driven steps, run by Celery beat every minute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import service
from petful.campaigns.peers import GrpcPosts
from petful.platform import events, media
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.outbox import Event
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

media.subscribe_thumbnails("campaigns")

ADVANCE_TASK = "campaigns.advance_due"


async def advance_due_now(
    clock: Callable[[], datetime] = service.utc_now, settings: Settings | None = None
) -> dict[str, int]:
    """One idempotent run of every due campaign step, in one transaction."""
    settings = settings or get_settings()
    async with transaction(settings) as session:
        result = await service.advance_due(
            session,
            clock(),
            grace_days=settings.campaigns_content_grace_days,
            batch_size=settings.campaigns_advance_batch_size,
        )
    for failure in result.failed:
        log.error("campaign step failed", failure=failure)
    if result.campaigns:
        log.info("campaigns advanced", campaigns=result.campaigns, applicants=result.applicants)
    return {"campaigns": result.campaigns, "applicants": result.applicants}


# The clock tests replace; production uses the wall clock.
clock: Callable[[], datetime] = service.utc_now


@celery_app.task(name=ADVANCE_TASK)  # type: ignore[untyped-decorator]
def advance_due() -> dict[str, int]:
    return run_async(advance_due_now(clock))


beat("campaigns-advance-due", ADVANCE_TASK, timedelta(minutes=1))


@events.subscriber("sns.account.synced", schema="campaigns", name="campaigns.recheck_content")
async def recheck_content(session: AsyncSession, event: Event) -> None:
    """Posts waiting for the sync are checked now; found ones get fresh figures."""
    settings = get_settings()
    with use_principal(service_principal("campaigns")):
        await service.recheck_account(
            session,
            account_id=str(event.payload["account_id"]),
            username=str(event.payload.get("username", "")),
            now=clock(),
            posts=GrpcPosts(),
            tz=ZoneInfo(settings.campaigns_timezone),
            grace_days=settings.campaigns_content_grace_days,
        )
