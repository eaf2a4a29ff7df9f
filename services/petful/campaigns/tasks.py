"""Campaign tasks: the time-driven steps, run by Celery beat every minute, the content-due
reminders (every 10 minutes), the content re-check after each sync of a PetStar's Instagram
account, and what a person's leaving ends and erases (identity's withdrawal and erasure
events)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns.peers import GrpcPosts
from petful.campaigns.rules.checklist import PostFacts
from petful.campaigns.service import content, leaving, reminders, schedule
from petful.campaigns.service.shared import SCHEMA, utc_now
from petful.contracts import identity as identity_contract
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


REMIND_TASK = "campaigns.remind_content_due"


async def remind_content_due_now(
    clock: Callable[[], datetime] = utc_now, settings: Settings | None = None
) -> int:
    """One idempotent run of the content-due reminders at clock(), batch by batch, each
    batch its own transaction; the number of reminders sent."""
    settings = settings or get_settings()
    now = clock()
    batch_size = reminders.BATCH_SIZE
    sent = 0
    while True:
        async with transaction(settings) as session:
            batch = await reminders.remind_content_due(
                session,
                now,
                grace_days=settings.campaigns.content_grace_days,
                batch_size=batch_size,
            )
        sent += batch.sent
        # A full batch may have more behind it. Rows another run holds are skipped, not
        # waited for (that run sends them); a batch that sent nothing ends the run too.
        if batch.found < batch_size or not batch.sent:
            break
    if sent:
        log.info("content reminders sent", sent=sent)
    return sent


@celery_app.task(name=REMIND_TASK)  # type: ignore[untyped-decorator]
def remind_content_due() -> int:
    return run_async(remind_content_due_now(clock))


# The reminders are days ahead: ten minutes late is on time, and the query is not free.
beat("campaigns-remind-content-due", REMIND_TASK, timedelta(minutes=10))


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


# --- leaving: the event's time is the withdrawal's, whenever the worker gets to it ---------


@events.subscriber(
    identity_contract.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="campaigns.withdraw_account"
)
async def withdraw_account(
    session: AsyncSession, event: Received[identity_contract.AccountWithdrawn]
) -> None:
    """End the person's applications and campaigns (whichever they have: the role may be
    missing from older events) and drop what is not kept (`service.leaving`)."""
    user_id = event.payload.user_id
    done = await leaving.withdraw_account(session, user_id=user_id, now=event.occurred_at)
    log.info("withdrawn account handled", user_id=str(user_id), done=done)


@events.subscriber(identity_contract.ACCOUNT_ERASED, schema=SCHEMA, name="campaigns.erase_account")
async def erase_account(
    session: AsyncSession, event: Received[identity_contract.AccountErased]
) -> None:
    """Erase what identifies the person on the records kept since their withdrawal."""
    erased = await leaving.erase_account(session, user_id=event.payload.user_id)
    if erased:
        log.info("applications erased", user_id=str(event.payload.user_id), count=erased)
