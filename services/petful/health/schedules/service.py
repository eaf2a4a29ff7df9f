"""Schedules: create, read, edit (the series, one occurrence, or it and the following ones),
soft delete, occurrence listing, reminder toggles, and medication courses for the
prescriptions part.

Functions are keyword-only, take the caller's session and never commit (the RPC boundary
does). Every call names a pet and checks with pets that it is the caller's
(`require_own_pet`), creation included; a schedule is also stored with its owner's id, so
a schedule id of someone else's is simply not found.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.medication import MedicationPlan
from petful.health.pets import OwnPet, PetsPort, require_own_pet
from petful.health.schedules import repository, rules
from petful.health.schedules.models import Schedule, ScheduleException
from petful.health.schedules.rules import Frequency, Kind, Occ, Recurrence
from petful.platform.auth_context import USER_ROLES, Principal, require_role
from petful.platform.errors import InvalidArgument, NotFound
from petful.platform.validation import Violations, uuid_field

# --- the fields of a schedule -----------------------------------------------------------------


@dataclass(frozen=True)
class FieldsIn:
    """A schedule as a caller wrote it (strings and numbers from the request).

    Violations name these fields as the REST body does (flat: `weekdays`, `medication_name`).
    """

    kind: str
    sub_type: str
    title: str
    times: tuple[str, ...]
    start_date: str
    end_date: str = ""
    frequency: str = "NONE"
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    month_day: int = 0
    count: int = 0
    medication_name: str | None = None  # None: no medication details sent
    dosage: str = ""
    doses_per_day: int = 0
    duration_days: int = 0
    reminder_enabled: bool = False
    reminder_lead_minutes: int = rules.DEFAULT_LEAD_MINUTES
    memo: str = ""


@dataclass(frozen=True)
class Clean:
    kind: Kind
    sub_type: rules.SubType
    title: str
    times: tuple[time, ...]
    start: date
    end: date | None
    recurrence: Recurrence
    medication: rules.Medication | None
    lead: int | None  # None: reminders off
    last_lead: int
    memo: str


def check_fields(
    raw: FieldsIn, *, now: datetime, current: Schedule | None = None, start: date | None = None
) -> Clean:
    """The cleaned fields, or InvalidArgument naming every bad one.

    A new schedule may not start in the past; an existing one may keep its start date, and
    a "this and following" edit starts at its occurrence's date (`start`)."""
    v = Violations()
    k = v.check("kind", rules.kind, raw.kind)
    sub = v.check("sub_type", rules.sub_type, raw.sub_type, of=k) if k else None
    clean_title = v.check("title", rules.title, raw.title)
    times = v.check("times", rules.times_of_day, raw.times)
    first = start or v.check("start_date", rules.iso_date, raw.start_date)
    if first is not None and start is None and (current is None or first != current.start_date):
        v.check("start_date", rules.not_in_past, first, now=now)
    end = v.check("end_date", rules.optional_date, raw.end_date)
    freq = v.check("frequency", rules.frequency, raw.frequency)
    rec: Recurrence | None = None
    if freq is not None:
        rec = Recurrence(
            freq,
            v.check("interval", rules.interval, freq, raw.interval),
            v.check("weekdays", rules.weekdays, freq, raw.weekdays),
            v.check("month_day", rules.month_day, freq, raw.month_day),
            v.check("count", rules.count, freq, raw.count),
        )
    memo = v.check("memo", rules.memo, raw.memo)
    lead = v.check("reminder_lead_minutes", rules.lead_minutes, raw.reminder_lead_minutes)
    v.raise_if_any("the schedule has invalid fields")
    # raise_if_any saw to these: a failed check would have raised.
    assert sub is not None
    assert rec is not None
    med: rules.Medication | None = None
    if k is Kind.MEDICATION:
        name = v.check("medication_name", rules.medication_name, raw.medication_name or "")
        dose = v.check("dosage", rules.dosage, raw.dosage)
        doses = v.check("doses_per_day", rules.doses_per_day, raw.doses_per_day, times=len(times))
        days = v.check("duration_days", rules.duration_days, raw.duration_days)
        v.raise_if_any("the schedule has invalid fields")
        med = rules.Medication(name, dose, doses, days)
        if med.duration_days:
            course = rules.course_end(first, med.duration_days)
            if end is not None and end != course:
                v.add("end_date", "must be empty or the course's last day")
            end = course
            if rec.frequency is Frequency.NONE and med.duration_days > 1:
                v.add("frequency", "a course of several days must repeat")
            if rec.count:
                v.add("count", "a course of fixed days takes no count")
    elif raw.medication_name:
        v.add("medication_name", "only a MEDICATION schedule has medication details")
    v.raise_if_any("the schedule has invalid fields")
    v.check("end_date", rules.check_end, end, start=first, rec=rec)
    v.raise_if_any("the schedule has invalid fields")
    if med is not None and current is not None and current.from_prescription:
        med = replace(med, from_prescription=True)
    return Clean(
        kind=k,
        sub_type=sub,
        title=clean_title,
        times=times,
        start=first,
        end=end,
        recurrence=rec,
        medication=med,
        lead=lead if raw.reminder_enabled else None,
        last_lead=lead,
        memo=memo,
    )


def _apply(s: Schedule, c: Clean) -> None:
    s.kind = c.kind.value
    s.sub_type = c.sub_type.value
    s.title = c.title
    s.memo = c.memo
    s.times = list(c.times)
    s.start_date = c.start
    s.end_date = c.end
    s.rrule = rules.to_rrule(c.recurrence)
    m = c.medication
    s.medication_name = m.name if m else None
    s.dosage = m.dosage if m else None
    s.doses_per_day = m.doses_per_day if m else None
    s.duration_days = m.duration_days if m else None
    s.from_prescription = m.from_prescription if m else False
    s.reminder_lead_minutes = c.lead
    s.last_lead_minutes = c.last_lead


# --- series and the reminder pointer ----------------------------------------------------------


def series_of(s: Schedule, exceptions: Sequence[ScheduleException] = ()) -> rules.Series:
    return rules.Series(
        start=s.start_date,
        end=s.end_date,
        rrule=s.rrule,
        times=tuple(s.times),
        cancelled=frozenset(e.key for e in exceptions if e.cancelled),
        overrides={
            e.key: rules.Override(e.moved_to or e.key, e.title)
            for e in exceptions
            if not e.cancelled
        },
    )


def set_pointer(s: Schedule, occ: Occ | None) -> None:
    lead = s.reminder_lead_minutes
    if occ is None or lead is None or s.deleted_at is not None:
        s.next_occurrence_key = s.next_occurrence_at = s.next_fire_at = None
        return
    s.next_occurrence_key = occ.key
    s.next_occurrence_at = occ.at
    s.next_fire_at = rules.fire_at(occ, lead)


def repoint(s: Schedule, series: rules.Series, now: datetime) -> None:
    """Aim the reminder scan at the first occurrence whose reminder is still ahead."""
    lead = s.reminder_lead_minutes
    set_pointer(s, None if lead is None else rules.first_reminder(series, lead, now))


async def repoint_loaded(session: AsyncSession, s: Schedule, now: datetime) -> rules.Series:
    series = series_of(s, (await repository.exceptions_of(session, [s.id]))[s.id])
    repoint(s, series, now)
    return series


# --- access -----------------------------------------------------------------------------------


def user_of(actor: Principal) -> uuid.UUID:
    return require_role(actor, *USER_ROLES, message="only signed-in users keep schedules")


def _not_found() -> NotFound:
    return NotFound("schedule not found", field_violations=[("schedule_id", "no such schedule")])


async def own_schedule(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    pet_id: str,
    schedule_id: str,
    for_update: bool = True,
) -> tuple[OwnPet, Schedule]:
    pet = await require_own_pet(pets, actor, pet_id)
    sid = uuid_field("schedule_id", schedule_id)
    s = await repository.get_schedule(session, sid, owner_id=pet.owner_id, for_update=for_update)
    if s is None or s.pet_id != pet.id:
        raise _not_found()
    s.pet_name = pet.name
    return pet, s


def new_schedule(pet: OwnPet, c: Clean, now: datetime) -> Schedule:
    s = Schedule(
        id=uuid.uuid4(),
        owner_id=pet.owner_id,
        pet_id=pet.id,
        pet_name=pet.name,
        created_at=now,
        updated_at=now,
        deleted_at=None,
    )
    _apply(s, c)
    return s


# --- the series -------------------------------------------------------------------------------


async def create_schedule(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    fields: FieldsIn,
) -> Schedule:
    pet = await require_own_pet(pets, actor, pet_id)
    s = new_schedule(pet, check_fields(fields, now=now), now)
    repoint(s, series_of(s), now)
    await repository.add(session, s)
    return s


async def get_schedule(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, schedule_id: str
) -> Schedule:
    """One of the caller's schedules by id (the pet must still be theirs)."""
    user = user_of(actor)
    s = await repository.get_schedule(
        session, uuid_field("schedule_id", schedule_id), owner_id=user
    )
    if s is None:
        raise _not_found()
    pet = await require_own_pet(pets, actor, str(s.pet_id))
    s.pet_name = pet.name
    return s


async def list_schedules(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, pet_id: str, kind: str = ""
) -> list[Schedule]:
    pet = await require_own_pet(pets, actor, pet_id)
    kinds = [_kind_filter("kind", kind)] if kind else []
    return await repository.list_schedules(
        session, owner_id=pet.owner_id, pet_ids=[pet.id], kinds=kinds
    )


def _kind_filter(field: str, raw: str) -> str:
    v = Violations()
    k = v.check(field, rules.kind, raw)
    v.raise_if_any("the filter has invalid fields")
    return k.value


async def update_schedule(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    schedule_id: str,
    fields: FieldsIn,
) -> Schedule:
    """The whole series changes; exceptions of occurrences the new rule no longer has go."""
    _, s = await own_schedule(
        session, actor=actor, pets=pets, pet_id=pet_id, schedule_id=schedule_id
    )
    _apply(s, check_fields(fields, now=now, current=s))
    s.updated_at = now
    await _drop_stale_exceptions(session, s)
    await repoint_loaded(session, s, now)
    await repository.flush(session)
    return s


async def _drop_stale_exceptions(session: AsyncSession, s: Schedule) -> None:
    exceptions = (await repository.exceptions_of(session, [s.id]))[s.id]
    plain = series_of(s)
    stale = [e.key for e in exceptions if not rules.is_occurrence(plain, e.key)]
    await repository.drop_exceptions(session, s.id, stale)


async def delete_schedule(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    schedule_id: str,
) -> None:
    _, s = await own_schedule(
        session, actor=actor, pets=pets, pet_id=pet_id, schedule_id=schedule_id
    )
    soft_delete(s, now)
    await repository.flush(session)


def soft_delete(s: Schedule, now: datetime) -> None:
    s.deleted_at = s.updated_at = now
    set_pointer(s, None)


async def set_reminder(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    schedule_id: str,
    enabled: bool,
    lead_minutes: int | None,
) -> Schedule:
    """On with the given lead time (or the remembered one), or off (the lead is kept)."""
    _, s = await own_schedule(
        session, actor=actor, pets=pets, pet_id=pet_id, schedule_id=schedule_id
    )
    lead = s.last_lead_minutes
    if lead_minutes is not None:
        v = Violations()
        lead = v.check("lead_minutes", rules.lead_minutes, lead_minutes)
        v.raise_if_any("the reminder has invalid fields")
    s.last_lead_minutes = lead
    s.reminder_lead_minutes = lead if enabled else None
    s.updated_at = now
    await repoint_loaded(session, s, now)
    await repository.flush(session)
    return s


# --- for the prescriptions part ---------------------------------------------------------------


async def schedule_medications(
    session: AsyncSession,
    *,
    owner_id: uuid.UUID,
    pet_id: uuid.UUID,
    plans: Sequence[MedicationPlan],
    now: datetime,
    pet_name: str = "",
) -> list[uuid.UUID]:
    """One MEDICATION schedule per confirmed plan: daily at the plan's times for `days`
    days from its start (UNTIL = the course's last day), reminders per the plan. The
    caller has checked the pet is the owner's (in the same transaction as the
    confirmation); a plan starting in the past is refused like any new schedule."""
    name = pet_name or await repository.pet_name_of(session, pet_id)
    pet = OwnPet(id=pet_id, owner_id=owner_id, name=name, weight_kg=None)
    made: list[Schedule] = []
    for i, plan in enumerate(plans):
        fields = FieldsIn(
            kind=Kind.MEDICATION.value,
            sub_type=rules.SubType.PILL.value,
            title=_course_title(plan),
            times=tuple(rules.format_time(t) for t in plan.times),
            start_date=plan.start.isoformat(),
            frequency=Frequency.DAILY.value,
            medication_name=plan.drug_name,
            dosage=plan.dosage,
            doses_per_day=plan.doses_per_day,
            duration_days=plan.days,
            reminder_enabled=plan.reminder_lead_minutes is not None,
            reminder_lead_minutes=(
                rules.DEFAULT_LEAD_MINUTES
                if plan.reminder_lead_minutes is None
                else plan.reminder_lead_minutes
            ),
        )
        try:
            clean = check_fields(fields, now=now)
        except InvalidArgument as e:
            # Name the plan: the confirmation screen shows which medication was refused.
            raise InvalidArgument(
                e.detail,
                field_violations=[(f"medications.{i}.{f}", r) for f, r in e.field_violations],
            ) from None
        assert clean.medication is not None  # a MEDICATION schedule always has its details
        clean = replace(clean, medication=replace(clean.medication, from_prescription=True))
        s = new_schedule(pet, clean, now)
        repoint(s, series_of(s), now)
        made.append(s)
    await repository.add(session, *made)
    return [s.id for s in made]


def _course_title(plan: MedicationPlan) -> str:
    text = f"{plan.drug_name} {plan.dosage}".strip()
    return text[: rules.TITLE_MAX]


# --- pets and owners leaving ------------------------------------------------------------------


async def forget_pet(session: AsyncSession, *, pet_id: uuid.UUID) -> int:
    """The pet was deleted: its schedules (soft-deleted ones too), their exceptions and the
    reminders sent go for good. Idempotent."""
    return await repository.delete_pet_schedules(session, pet_id)


async def forget_owner(session: AsyncSession, *, owner_id: uuid.UUID) -> int:
    """The owner's account left (withdrawn or erased): every schedule, reminder and the
    calendar feed go. Idempotent."""
    await repository.delete_feed(session, owner_id)
    return await repository.delete_owner_schedules(session, owner_id)


async def rename_pet(session: AsyncSession, *, pet_id: uuid.UUID, name: str) -> int:
    return await repository.rename_pet(session, pet_id, name)
