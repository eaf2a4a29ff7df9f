"""Schedules' jobs and subscribers: the reminder scan (beat, every minute), the pet's name
kept fresh, and what a deleted pet or a leaving owner takes with them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.health.base import SCHEMA, utc_now
from petful.health.schedules import reminders, service
from petful.platform import events
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

SCAN_TASK = "health.scan_reminders"

# The clock tests replace; production uses the wall clock.
clock: Callable[[], datetime] = utc_now


@dataclass(frozen=True)
class ScanResult:
    schedules: int
    sent: int
    batches: int


async def scan_reminders_now(
    now: datetime, settings: Settings | None = None, *, batch_size: int = reminders.BATCH_SIZE
) -> ScanResult:
    """One tick: every due schedule, batch by batch, each batch its own transaction (a
    crash loses at most the batch in hand, which the next tick redoes)."""
    settings = settings or get_settings()
    schedules = sent = batches = 0
    while True:
        async with transaction(settings) as session:
            result = await reminders.scan_batch(session, now=now, batch_size=batch_size)
        schedules += result.schedules
        sent += result.sent
        batches += 1
        if result.schedules < batch_size:
            break
    if sent:
        log.info("reminders sent", schedules=schedules, sent=sent)
    return ScanResult(schedules, sent, batches)


@celery_app.task(name=SCAN_TASK)  # type: ignore[untyped-decorator]
def scan_reminders() -> int:
    return run_async(scan_reminders_now(clock())).sent


beat("health-scan-reminders", SCAN_TASK, timedelta(minutes=1))


@events.subscriber(pets_events.PET_UPDATED, schema=SCHEMA, name="health.schedules.rename_pet")
async def rename_pet(session: AsyncSession, event: Received[pets_events.PetChanged]) -> None:
    await service.rename_pet(session, pet_id=event.payload.pet_id, name=event.payload.name)


@events.subscriber(pets_events.PET_DELETED, schema=SCHEMA, name="health.schedules.forget_pet")
async def forget_pet(session: AsyncSession, event: Received[pets_events.PetChanged]) -> None:
    gone = await service.forget_pet(session, pet_id=event.payload.pet_id)
    log.info("pet schedules erased", pet_id=str(event.payload.pet_id), schedules=gone)


# Health data is personal and no law asks us to keep it: withdrawal removes it at once
# (the pets' own deletions would too, pet by pet; this also ends the calendar feed), and
# erasure runs again for anything written in between.


@events.subscriber(
    identity_events.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="health.schedules.owner_withdrawn"
)
async def owner_withdrawn(
    session: AsyncSession, event: Received[identity_events.AccountWithdrawn]
) -> None:
    await service.forget_owner(session, owner_id=event.payload.user_id)


@events.subscriber(
    identity_events.ACCOUNT_ERASED, schema=SCHEMA, name="health.schedules.owner_erased"
)
async def owner_erased(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    gone = await service.forget_owner(session, owner_id=event.payload.user_id)
    log.info("owner schedules erased", user_id=str(event.payload.user_id), schedules=gone)
