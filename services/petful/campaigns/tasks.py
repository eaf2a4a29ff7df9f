"""Campaign tasks: the time-driven steps, run by Celery beat every minute, and the content
re-check after each sync of a PetStar's Instagram account."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns.peers import GrpcPosts
from petful.campaigns.rules.checklist import PostFacts
from petful.campaigns.service import content, schedule
from petful.campaigns.service.shared import SCHEMA, utc_now
from petful.contracts import sns as sns_contract
from petful.contracts.base import Received
from petful.platform import events, media
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

media.subscribe_thumbnails(SCHEMA)

ADVANCE_TASK = "campaigns.advance_due"


async def advance_due_now(
    clock: Callable[[], datetime] = utc_now, settings: Settings | None = None
) -> dict[str, int]:
    """One idempotent run of every due campaign step, in one transaction."""
    settings = settings or get_settings()
    async with transaction(settings) as session:
        result = await schedule.advance_due(
            session,
            clock(),
            grace_days=settings.campaigns.content_grace_days,
            batch_size=settings.campaigns.advance_batch_size,
        )
    for failure in result.failed:
        log.error("campaign step failed", failure=failure)
    if result.campaigns:
        log.info("campaigns advanced", campaigns=result.campaigns, applicants=result.applicants)
    return {"campaigns": result.campaigns, "applicants": result.applicants}


# The clock tests replace; production uses the wall clock.
clock: Callable[[], datetime] = utc_now


@celery_app.task(name=ADVANCE_TASK)  # type: ignore[untyped-decorator]
def advance_due() -> dict[str, int]:
    return run_async(advance_due_now(clock))


beat("campaigns-advance-due", ADVANCE_TASK, timedelta(minutes=1))


def _post_facts(post: sns_contract.SyncedPost) -> PostFacts:
    return PostFacts(
        permalink=post.permalink,
        caption=post.caption,
        posted_at=post.posted_at,
        paid_partnership=post.paid_partnership,
        like_count=post.like_count,
        comments_count=post.comments_count,
    )


@events.subscriber(sns_contract.ACCOUNT_SYNCED, schema=SCHEMA, name="campaigns.recheck_content")
async def recheck_content(
    session: AsyncSession, event: Received[sns_contract.AccountSynced]
) -> None:
    """Posts waiting for the sync are checked now; found ones get fresh figures.

    The synced posts come with the event; only a submitted post missing from them is still
    read from sns (see `content.SyncedPosts`).
    """
    synced = event.payload
    settings = get_settings()
    posts = content.SyncedPosts(
        recent={p.shortcode: _post_facts(p) for p in synced.recent_posts}, sns=GrpcPosts()
    )
    with use_principal(service_principal(SCHEMA)):
        await content.recheck_account(
            session,
            account_id=str(synced.account_id),
            username=synced.username,
            now=clock(),
            posts=posts,
            tz=ZoneInfo(settings.campaigns.timezone),
            grace_days=settings.campaigns.content_grace_days,
        )
