"""Pets subscribers and tasks: PetStar verification, SNS figure refreshes, thumbnails, and
what an owner's account events do to their pets.

Verification runs right after an application is submitted (the event) and again from beat
for anything still waiting (the sns service was down, a worker died), so no application
is stuck in SUBMITTED or VERIFYING.

A withdrawn owner's pets are removed as a delete by the owner would (service/privacy.py);
nothing about them is kept, so `identity.account.erased` needs no subscriber here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import health as health_events
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.contracts import sns as sns_events
from petful.pets import peers, rules
from petful.pets.models import SCHEMA
from petful.pets.rules import StoredPost
from petful.pets.service import instagram, petstar, privacy, weight
from petful.platform import events, media
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.settings import Settings, get_settings

media.subscribe_thumbnails(SCHEMA)


@events.subscriber(pets_events.PETSTAR_SUBMITTED, schema=SCHEMA, name="pets.verify")
async def verify_submitted(
    session: AsyncSession, event: Received[pets_events.PetStarApplicationChanged]
) -> None:
    with use_principal(service_principal("pets")):
        await petstar.verify_application(
            session,
            application_id=event.payload.application_id,
            now=datetime.now(UTC),
            sns=peers.GrpcSns(),
            settings=get_settings(),
        )


async def verify_pending(now: datetime, settings: Settings | None = None) -> int:
    """Verify every application still waiting; each in its own transaction."""
    settings = settings or get_settings()
    async with transaction(settings) as session:
        due = await petstar.due_verifications(session)
    moved = 0
    with use_principal(service_principal("pets")):
        for app_id in due:
            async with transaction(settings) as session:
                state = await petstar.verify_application(
                    session, application_id=app_id, now=now, sns=peers.GrpcSns(), settings=settings
                )
            moved += state is rules.AppState.IN_REVIEW
    return moved


@celery_app.task(name="pets.verify_pending")  # type: ignore[untyped-decorator]
def verify_pending_task() -> int:
    return run_async(verify_pending(datetime.now(UTC)))


beat("pets-verify-pending", "pets.verify_pending", timedelta(minutes=1))


@events.subscriber(sns_events.ACCOUNT_SYNCED, schema=SCHEMA, name="pets.refresh_sns_figures")
async def refresh_figures(session: AsyncSession, event: Received[sns_events.AccountSynced]) -> None:
    # The sync event carries the figures and recent posts, so there is no call back to sns.
    synced = event.payload
    await instagram.refresh_sns_figures(
        session,
        account_id=synced.account_id,
        followers=synced.followers_count,
        engagement_rate=synced.engagement_rate,
        posts=[
            StoredPost(
                permalink=p.permalink,
                caption=p.caption,
                posted_at=p.posted_at,
                like_count=p.like_count,
                comments_count=p.comments_count,
                paid_partnership=p.paid_partnership,
            )
            for p in synced.recent_posts
        ],
        synced_at=event.occurred_at,
    )


@events.subscriber(sns_events.ACCOUNT_UNLINKED, schema=SCHEMA, name="pets.forget_account")
async def forget_account(session: AsyncSession, event: Received[sns_events.AccountChanged]) -> None:
    await instagram.forget_account(
        session, account_id=event.payload.account_id, now=datetime.now(UTC)
    )


# --- the owner's account (identity) ----------------------------------------------------------


@events.subscriber(identity_events.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="pets.owner_withdrawn")
async def owner_withdrawn(
    session: AsyncSession, event: Received[identity_events.AccountWithdrawn]
) -> None:
    await privacy.owner_withdrawn(session, owner_id=event.payload.user_id, now=datetime.now(UTC))


@events.subscriber(identity_events.ACCOUNT_SUSPENDED, schema=SCHEMA, name="pets.owner_suspended")
async def owner_suspended(
    session: AsyncSession, event: Received[identity_events.AccountSuspended]
) -> None:
    await privacy.owner_suspended(
        session, owner_id=event.payload.user_id, at=event.occurred_at, until=event.payload.until
    )


@events.subscriber(identity_events.ACCOUNT_REINSTATED, schema=SCHEMA, name="pets.owner_reinstated")
async def owner_reinstated(
    session: AsyncSession, event: Received[identity_events.AccountReinstated]
) -> None:
    await privacy.owner_reinstated(session, owner_id=event.payload.user_id, at=event.occurred_at)


# --- the health log ------------------------------------------------------------------------


@events.subscriber(health_events.WEIGHT_RECORDED, schema=SCHEMA, name="pets.record_weight")
async def record_weight(
    session: AsyncSession, event: Received[health_events.WeightRecorded]
) -> None:
    # The newest day's weight in the owner's log becomes the pet's current weight.
    p = event.payload
    await weight.record_weight(
        session,
        pet_id=p.pet_id,
        owner_id=p.owner_id,
        weight_kg=p.weight_kg,
        measured_on=p.measured_on,
        recorded_at=p.recorded_at,
    )
