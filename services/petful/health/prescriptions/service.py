"""Prescription OCR: upload a photo, read it in the worker, review the draft, confirm it.

Functions are keyword-only, take the caller's session and never commit (the RPC or task
boundary does). Only the pet's owner reads or writes a prescription: every call asks pets
whether the pet is still the caller's (`require_own_pet`), so a pet given away or deleted
takes its prescriptions out of reach at once, before the privacy subscriber deletes them.

The read runs in the worker (`tasks.py`): the upload stores the photo through the media
pipeline, whose `health.media.stored` event (same transaction, via the outbox) starts the
read, so no upload is lost while the worker is down. Nothing is scheduled before the owner
confirms; confirming hands the courses to the schedules part in the same transaction.
"""

from __future__ import annotations

import time as timer
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.base import SCHEMA, SEOUL
from petful.health.medication import MedicationPlan
from petful.health.pets import OwnPet, PetsPort, require_own_pet
from petful.health.prescriptions import repository, rules
from petful.health.prescriptions.models import Prescription
from petful.health.prescriptions.ocr import OcrPort, OcrTimeout
from petful.health.prescriptions.parser import parse
from petful.health.prescriptions.rules import Course, MedicationInput, Notice, Status
from petful.platform import media
from petful.platform.auth_context import USER_ROLES, Principal, require_role
from petful.platform.errors import FailedPrecondition, NotFound, ResourceExhausted
from petful.platform.logging import get_logger
from petful.platform.paging import Page, page_of, paging
from petful.platform.settings import Settings
from petful.platform.validation import RuleError, Violations, uuid_field

log = get_logger(__name__)


class Scheduler(Protocol):
    """The schedules part's `schedule_medications`: courses in, schedule ids out."""

    async def __call__(
        self,
        session: AsyncSession,
        *,
        owner_id: uuid.UUID,
        pet_id: uuid.UUID,
        plans: Sequence[MedicationPlan],
        now: datetime,
        pet_name: str = "",
    ) -> list[uuid.UUID]: ...


def _not_found() -> NotFound:
    return NotFound("prescription not found")


def _owner(actor: Principal) -> uuid.UUID:
    return require_role(actor, *USER_ROLES, message="only signed-in users keep prescriptions")


async def _own(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    prescription_id: str,
    for_update: bool = False,
) -> tuple[Prescription, OwnPet]:
    """The caller's prescription of a pet that is still theirs, and the pet; NotFound for
    anything else (another owner's is not told apart from none)."""
    owner_id = _owner(actor)
    found = await repository.get(
        session, uuid_field("prescription_id", prescription_id), for_update=for_update
    )
    if found is None or found.owner_id != owner_id:
        raise _not_found()
    try:
        pet = await require_own_pet(pets, actor, str(found.pet_id))
    except NotFound:
        raise _not_found() from None
    return found, pet


# --- upload ----------------------------------------------------------------------------------


async def upload(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Prescription:
    """Store the photo (private; checked by content: 415 wrong type, 413 too large, 422
    damaged) and a READING prescription; the worker reads it. 429 while the owner already
    has MAX_READING_PER_OWNER photos being read."""
    pet = await require_own_pet(pets, actor, pet_id)
    if await repository.count_reading(session, pet.owner_id) >= rules.MAX_READING_PER_OWNER:
        raise ResourceExhausted(
            f"{rules.MAX_READING_PER_OWNER} prescriptions are being read; wait for them",
            retry_after=30,
        )
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=pet.owner_id,
        purpose=rules.PURPOSE,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PRIVATE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    prescription = Prescription(
        id=uuid.uuid4(),
        owner_id=pet.owner_id,
        pet_id=pet.id,
        media_id=record.id,
        status=Status.READING.value,
        notice=None,
        lines=[],
        medications=[],
        created_at=now,
        updated_at=now,
        schedule_ids=[],
    )
    await repository.add(session, prescription)
    return prescription


# --- reading (the worker) --------------------------------------------------------------------


async def read(
    session: AsyncSession,
    *,
    media_id: uuid.UUID,
    ocr: OcrPort,
    now: datetime,
    settings: Settings,
) -> Prescription | None:
    """Read the photo of a READING prescription into its DRAFT. Idempotent: a prescription
    already read (or deleted, or being read by another delivery) is left alone (None).

    An unreadable photo is a DRAFT with no medications and a notice, never an error; only
    a missing Tesseract (OcrUnavailable) raises, so the event fails loudly and the sweep
    ends the wait."""
    prescription = await repository.get_by_media(session, media_id, for_update=True)
    if prescription is None or prescription.status_enum is not Status.READING:
        return None
    record = await media.get_media(session, schema=SCHEMA, media_id=media_id)
    if record is None or record.status is media.Status.DELETED:
        return None
    image = await media.get_storage(settings).get(record.key)
    started = timer.perf_counter()
    notice: Notice | None
    lines: list[str]
    medications: list[dict[str, Any]]
    skew: float | None
    try:
        reading = await ocr.read(image)
    except OcrTimeout:
        lines, medications, notice, skew = [], [], Notice.TIMED_OUT, None
    except ValueError:
        # Stored images passed the media pipeline's decoding; this is Tesseract refusing.
        log.warning("prescription photo refused by OCR", prescription_id=str(prescription.id))
        lines, medications, notice, skew = [], [], Notice.UNREADABLE, None
    else:
        result = parse(reading.text)
        lines = list(result.lines)
        medications = [m.to_json() for m in rules.medications_of(result)]
        notice, skew = rules.notice_for(result), reading.skew_degrees
    prescription.lines = lines
    prescription.medications = medications
    prescription.notice = notice.value if notice else None
    prescription.skew_degrees = skew
    prescription.read_seconds = round(timer.perf_counter() - started, 3)
    prescription.status = Status.DRAFT.value
    prescription.read_at = now
    prescription.updated_at = now
    await repository.flush(session)
    log.info(
        "prescription read",
        prescription_id=str(prescription.id),
        medications=len(medications),
        notice=prescription.notice,
        seconds=prescription.read_seconds,
    )
    return prescription


async def give_up_stale_reads(session: AsyncSession, *, now: datetime, limit: int = 100) -> int:
    """READING prescriptions older than READING_GIVE_UP become DRAFTs with the FAILED
    notice: the owner is told and may upload again, instead of watching a spinner."""
    stale = await repository.stale_reading(
        session, started_before=now - rules.READING_GIVE_UP, limit=limit
    )
    for prescription in stale:
        prescription.status = Status.DRAFT.value
        prescription.notice = Notice.FAILED.value
        prescription.read_at = now
        prescription.updated_at = now
    await repository.flush(session)
    return len(stale)


# --- the owner's views -----------------------------------------------------------------------


async def list_mine(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    pet_id: str = "",
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Prescription]:
    """The caller's prescriptions, newest first; of one pet when pet_id is given."""
    owner_id = _owner(actor)
    v = Violations()
    wanted = v.check("status", _status_filter, status)
    size, after = paging(page_size, cursor)
    v.raise_if_any("the filter has invalid fields")
    if pet_id:
        pet_ids = [(await require_own_pet(pets, actor, pet_id)).id]
    else:
        pet_ids = [p.id for p in await pets.my_pets() if p.owner_id == owner_id]
    rows = await repository.list_for_owner(
        session,
        owner_id=owner_id,
        pet_ids=pet_ids,
        status=wanted,
        after=after,
        limit=size + 1,
    )
    return page_of(rows, size)


def _status_filter(raw: str) -> str | None:
    if not raw:
        return None
    try:
        return Status(raw).value
    except ValueError:
        raise RuleError("must be READING, DRAFT or CONFIRMED") from None


async def get(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, prescription_id: str
) -> Prescription:
    prescription, _ = await _own(session, actor=actor, pets=pets, prescription_id=prescription_id)
    return prescription


@dataclass(frozen=True)
class Photo:
    content_type: str
    data: bytes


async def photo(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    prescription_id: str,
    settings: Settings,
) -> Photo:
    """The photo as stored (sanitized: metadata stripped, re-encoded)."""
    prescription, _ = await _own(session, actor=actor, pets=pets, prescription_id=prescription_id)
    record = await media.get_media(session, schema=SCHEMA, media_id=prescription.media_id)
    if record is None or record.status is media.Status.DELETED:
        raise NotFound("the photo is gone")
    try:
        data = await media.get_storage(settings).get(record.key)
    except media.ObjectNotFound:
        raise NotFound("the photo is gone") from None
    return Photo(record.content_type, data)


# --- the owner's corrections and decision ----------------------------------------------------


def _require_draft(prescription: Prescription) -> None:
    if prescription.status_enum is not Status.DRAFT:
        state = (
            "is still being read" if prescription.status_enum is Status.READING else "was confirmed"
        )
        raise FailedPrecondition(f"the prescription {state}; only a draft changes")


async def update_medications(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    prescription_id: str,
    medications: list[MedicationInput],
) -> Prescription:
    """Replace the draft's medications with the owner's corrected list (up to 10; add,
    change, remove). 409 unless DRAFT."""
    prescription, _ = await _own(
        session, actor=actor, pets=pets, prescription_id=prescription_id, for_update=True
    )
    _require_draft(prescription)
    checked = rules.check_medications(medications, line_count=len(prescription.lines))
    prescription.medications = [m.to_json() for m in checked]
    prescription.updated_at = now
    await repository.flush(session)
    return prescription


def _start(raw: str, today: date) -> date:
    if not raw:
        return today
    try:
        start = date.fromisoformat(raw)
    except ValueError:
        raise RuleError("must be a date like 2025-03-06") from None
    return rules.check_start(start, today=today)


def _plans(courses: list[Course], *, start: date, lead: int | None) -> list[MedicationPlan]:
    plans = []
    for course in courses:
        m = course.medication
        # check_courses let only complete medications through.
        assert m.doses_per_day is not None
        assert m.days is not None
        plans.append(
            MedicationPlan(
                drug_name=m.drug_name,
                dosage=m.dosage,
                doses_per_day=m.doses_per_day,
                days=m.days,
                times=course.times,
                start=start,
                reminder_lead_minutes=lead,
            )
        )
    return plans


async def confirm(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    scheduler: Scheduler,
    now: datetime,
    prescription_id: str,
    start_date: str = "",
    reminder_lead_minutes: int | None = None,
    dose_times: list[list[str]] | None = None,
) -> Prescription:
    """Turn the draft into medication schedules: one course per medication from
    start_date (default today, Asia/Seoul) with its dose times (default: the suggested
    ones) and reminders `reminder_lead_minutes` before each dose (None: off). 409 unless
    DRAFT; 422 naming the fields a medication still lacks."""
    prescription, pet = await _own(
        session, actor=actor, pets=pets, prescription_id=prescription_id, for_update=True
    )
    _require_draft(prescription)
    today = now.astimezone(SEOUL).date()
    v = Violations()
    start = v.check("start_date", _start, start_date, today)
    lead = v.check("reminder_lead_minutes", rules.check_lead, reminder_lead_minutes)
    v.raise_if_any("the confirmation is invalid")
    courses = rules.check_courses(prescription.medication_list, dose_times)
    schedule_ids = await scheduler(
        session,
        owner_id=prescription.owner_id,
        pet_id=prescription.pet_id,
        plans=_plans(courses, start=start, lead=lead),
        now=now,
        pet_name=pet.name,
    )
    prescription.status = Status.CONFIRMED.value
    prescription.confirmed_at = now
    prescription.start_date = start
    prescription.reminder_lead_minutes = lead
    prescription.schedule_ids = [str(i) for i in schedule_ids]
    prescription.updated_at = now
    await repository.flush(session)
    return prescription


async def delete(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, now: datetime, prescription_id: str
) -> None:
    """Delete the prescription and its photo, in any state. A confirmed one's schedules
    stay: they are the owner's schedules now (deleted from the calendar, if at all)."""
    prescription, _ = await _own(
        session, actor=actor, pets=pets, prescription_id=prescription_id, for_update=True
    )
    media_id = prescription.media_id
    await repository.delete(session, prescription)
    await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)


# --- privacy ---------------------------------------------------------------------------------


async def _discard_photos(
    session: AsyncSession, media_ids: list[uuid.UUID], *, now: datetime
) -> None:
    for media_id in media_ids:
        await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)


async def forget_pet(session: AsyncSession, *, pet_id: uuid.UUID, now: datetime) -> int:
    """The pet was deleted: its prescriptions and their photos go. Idempotent."""
    media_ids = await repository.delete_for_pet(session, pet_id)
    await _discard_photos(session, media_ids, now=now)
    return len(media_ids)


async def forget_owner(session: AsyncSession, *, owner_id: uuid.UUID, now: datetime) -> int:
    """The account was erased: every prescription and photo of the owner goes, including a
    photo no prescription names any more. Idempotent."""
    deleted = await repository.delete_for_owner(session, owner_id)
    photos = await repository.live_photo_ids(session, schema=SCHEMA, owner_id=owner_id)
    await _discard_photos(session, list(dict.fromkeys([*deleted, *photos])), now=now)
    return len(deleted)
