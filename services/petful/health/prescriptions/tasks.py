"""Prescriptions' worker side: the OCR read, the sweep of reads that never finished, and
what a deleted pet or an erased owner takes with them.

The read is a subscriber of `health.media.stored`, the event the media pipeline writes in
the upload's own transaction: the outbox hands it to a worker even if Redis or the worker
was down at upload time, and the inbox makes a redelivery a no-op (the READING check
makes it one twice over). It runs in that event's Celery task.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.contracts import media as media_events
from petful.contracts import pets as pets_events
from petful.health.base import SCHEMA, utc_now
from petful.health.prescriptions import rules, service
from petful.health.prescriptions.ocr import LANGUAGES, OcrPort, TesseractOcr
from petful.platform import events
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, on_worker_start, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

GIVE_UP_TASK = "health.give_up_prescription_reads"

# What tests replace: the wall clock and the real Tesseract in production.
clock: Callable[[], datetime] = utc_now
ocr: OcrPort = TesseractOcr()


# Reading a photo (tesseract and the image work around it) takes seconds of CPU.
@events.subscriber(
    media_events.stored(SCHEMA), schema=SCHEMA, name="health.prescriptions.read", bulk=True
)
async def read_prescription(
    session: AsyncSession, event: Received[media_events.MediaStored]
) -> None:
    if event.payload.purpose != rules.PURPOSE:
        return  # another part's upload
    await service.read(
        session, media_id=event.payload.media_id, ocr=ocr, now=clock(), settings=get_settings()
    )


async def give_up_stale_reads(now: datetime, settings: Settings | None = None) -> int:
    async with transaction(settings or get_settings()) as session:
        given_up = await service.give_up_stale_reads(session, now=now)
    if given_up:
        log.warning("prescription reads given up", count=given_up)
    return given_up


@celery_app.task(name=GIVE_UP_TASK)  # type: ignore[untyped-decorator]
def give_up_stale_reads_task() -> int:
    return run_async(give_up_stale_reads(clock()))


beat("health-prescription-reads", GIVE_UP_TASK, timedelta(minutes=5))


@events.subscriber(pets_events.PET_DELETED, schema=SCHEMA, name="health.prescriptions.forget_pet")
async def forget_pet(session: AsyncSession, event: Received[pets_events.PetChanged]) -> None:
    await service.forget_pet(session, pet_id=event.payload.pet_id, now=clock())


@events.subscriber(
    identity_events.ACCOUNT_ERASED, schema=SCHEMA, name="health.prescriptions.forget_owner"
)
async def forget_owner(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    await service.forget_owner(session, owner_id=event.payload.user_id, now=clock())


@on_worker_start
def check_tesseract() -> None:
    """Say at start, not at the first upload, when this worker cannot read prescriptions
    (the worker still starts: everything else it runs is unaffected)."""
    binary = shutil.which("tesseract")
    if binary is None:
        log.error("tesseract is not installed: prescriptions stay unread until the sweep")
        return
    listed = subprocess.run(  # A fixed argument list, no shell.
        [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    missing = set(LANGUAGES.split("+")) - set(listed.stdout.split())
    if missing:
        log.error("tesseract lacks languages", missing=sorted(missing))
