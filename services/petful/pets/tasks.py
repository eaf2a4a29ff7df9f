"""Pets subscribers and tasks: PetStar verification, SNS figure refreshes, thumbnails.

Verification runs right after an application is submitted (the event) and again from beat
for anything still waiting (the sns service was down, a worker died), so no application
is stuck in SUBMITTED or VERIFYING.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import peers, rules, service
from petful.pets.models import SCHEMA
from petful.platform import events, media
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.outbox import Event
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

media.subscribe_thumbnails(SCHEMA)


@events.subscriber(rules.STATE_TOPICS[rules.AppState.SUBMITTED], schema=SCHEMA, name="pets.verify")
async def verify_submitted(session: AsyncSession, event: Event) -> None:
    settings = get_settings()
    with use_principal(service_principal("pets")):
        await service.verify_application(
            session,
            application_id=uuid.UUID(str(event.payload["application_id"])),
            now=datetime.now(UTC),
            sns=peers.GrpcSns(),
            settings=settings,
        )


async def verify_pending(now: datetime, settings: Settings | None = None) -> int:
    """Verify every application still waiting; each in its own transaction."""
    settings = settings or get_settings()
    async with transaction(settings) as session:
        due = await service.due_verifications(session)
    moved = 0
    with use_principal(service_principal("pets")):
        for app_id in due:
            async with transaction(settings) as session:
                state = await service.verify_application(
                    session, application_id=app_id, now=now, sns=peers.GrpcSns(), settings=settings
                )
            moved += state is rules.AppState.IN_REVIEW
    return moved


@celery_app.task(name="pets.verify_pending")  # type: ignore[untyped-decorator]
def verify_pending_task() -> int:
    return run_async(verify_pending(datetime.now(UTC)))


beat("pets-verify-pending", "pets.verify_pending", timedelta(minutes=1))


@events.subscriber("sns.account.synced", schema=SCHEMA, name="pets.refresh_sns_figures")
async def refresh_figures(session: AsyncSession, event: Event) -> None:
    settings = get_settings()
    with use_principal(service_principal("pets")):
        await service.refresh_sns_figures(
            session,
            account_id=uuid.UUID(str(event.payload["account_id"])),
            sns=peers.GrpcSns(),
            window_days=settings.petstar_window_days,
        )


@events.subscriber("sns.account.unlinked", schema=SCHEMA, name="pets.forget_account")
async def forget_account(session: AsyncSession, event: Event) -> None:
    await service.forget_account(
        session, account_id=uuid.UUID(str(event.payload["account_id"])), now=datetime.now(UTC)
    )
