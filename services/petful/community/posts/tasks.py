"""The posts part's worker side: thumbnails of post pictures, the restrictions identity's
suspensions put on writing, the sweep of pictures no post took up, and the popular
window's upkeep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA, utc_now
from petful.community.posts import service
from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.platform import events, media
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

DISCARD_TASK = "community.discard_unattached_images"
POPULAR_TASK = "community.refresh_recent_scores"

# What tests replace: the wall clock in production.
clock: Callable[[], datetime] = utc_now

media.subscribe_thumbnails(SCHEMA)


@events.subscriber(
    identity_events.ACCOUNT_SUSPENDED, schema=SCHEMA, name="community.posts.restrict"
)
async def restrict(
    session: AsyncSession, event: Received[identity_events.AccountSuspended]
) -> None:
    await service.restrict(
        session, user_id=event.payload.user_id, until=event.payload.until, now=clock()
    )


@events.subscriber(
    identity_events.ACCOUNT_REINSTATED, schema=SCHEMA, name="community.posts.lift_restriction"
)
async def lift_restriction(
    session: AsyncSession, event: Received[identity_events.AccountReinstated]
) -> None:
    await service.lift_restriction(session, user_id=event.payload.user_id)


async def discard_unattached_images(now: datetime, settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    async with transaction(settings) as session:
        discarded = await service.discard_unattached_images(session, now=now, settings=settings)
    if discarded:
        log.info("unattached post pictures discarded", count=discarded)
    return discarded


@celery_app.task(name=DISCARD_TASK)  # type: ignore[untyped-decorator]
def discard_unattached_images_task() -> int:
    return run_async(discard_unattached_images(clock()))


beat("community-unattached-images", DISCARD_TASK, timedelta(hours=1))


async def refresh_recent_scores(now: datetime, settings: Settings | None = None) -> int:
    async with transaction(settings or get_settings()) as session:
        return await service.refresh_recent_scores(session, now=now)


@celery_app.task(name=POPULAR_TASK)  # type: ignore[untyped-decorator]
def refresh_recent_scores_task() -> int:
    return run_async(refresh_recent_scores(clock()))


# Likes and comments count the moment they happen; this takes out, within 10 minutes, what
# has slid out of the popular window.
beat("community-popular-window", POPULAR_TASK, timedelta(minutes=10))
