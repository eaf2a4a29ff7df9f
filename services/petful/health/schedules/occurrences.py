"""Occurrences: listing them for a window (one pet or all the caller's pets), and editing
or cancelling one occurrence ("this occurrence only", an RFC 5545 override or EXDATE) or
it and the ones that follow (the series is split).

Like service.py: keyword-only, the caller's session, never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.base import SEOUL
from petful.health.pets import PetsPort, require_own_pet
from petful.health.schedules import repository, rules
from petful.health.schedules.models import Schedule, ScheduleException
from petful.health.schedules.rules import Kind, Occ, Scope
from petful.health.schedules.service import (
    FieldsIn,
    check_fields,
    new_schedule,
    own_schedule,
    repoint,
    repoint_loaded,
    series_of,
    soft_delete,
    update_schedule,
    user_of,
)
from petful.platform.auth_context import Principal
from petful.platform.errors import InvalidArgument, NotFound
from petful.platform.validation import Violations, check_line


@dataclass(frozen=True)
class OccurrenceView:
    schedule: Schedule
    occ: Occ
    pet_name: str


async def list_occurrences(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    pet_id: str,
    start: datetime | None,
    end: datetime | None,
    kinds: Sequence[str] = (),
) -> list[OccurrenceView]:
    """Occurrences in [start, end) of one pet, or of all the caller's pets (pet_id "")."""
    v = Violations()
    window = v.check("from", rules.check_window, start, end)
    clean_kinds = [v.check("kind", rules.kind, k) for k in kinds]
    v.raise_if_any("the window has invalid fields")
    if pet_id:
        mine = [await require_own_pet(pets, actor, pet_id)]
    else:
        user = user_of(actor)
        mine = [p for p in await pets.my_pets() if p.owner_id == user]
    if not mine:
        return []
    names = {p.id: p.name for p in mine}
    lo, hi = window
    schedules = await repository.list_schedules(
        session,
        owner_id=mine[0].owner_id,
        pet_ids=list(names),
        kinds=[k.value for k in clean_kinds],
        # Overrides may move an occurrence by days: look a little beyond the window.
        first=lo.astimezone(SEOUL).date() - timedelta(days=_MOVE_SLACK_DAYS),
        last=hi.astimezone(SEOUL).date() + timedelta(days=_MOVE_SLACK_DAYS),
    )
    exceptions = await repository.exceptions_of(session, [s.id for s in schedules])
    found = [
        OccurrenceView(s, occ, names[s.pet_id])
        for s in schedules
        for occ in rules.occurrences_between(series_of(s, exceptions[s.id]), lo, hi)
    ]
    found.sort(key=lambda o: (o.occ.at, o.schedule.title, o.occ.key))
    return found


# An occurrence moves at most this far from its planned date (edit_occurrence enforces it),
# so listings only need schedules whose dates come this close to the window.
_MOVE_SLACK_DAYS = 31


async def _occurrence(
    session: AsyncSession, s: Schedule, key_raw: str
) -> tuple[datetime, rules.Series, list[ScheduleException]]:
    v = Violations()
    key = v.check("key", rules.parse_key, key_raw)
    v.raise_if_any("the occurrence key is invalid")
    exceptions = (await repository.exceptions_of(session, [s.id]))[s.id]
    series = series_of(s, exceptions)
    if not rules.is_occurrence(series, key) or key in series.cancelled:
        raise NotFound("occurrence not found", field_violations=[("key", "no such occurrence")])
    return key, series, exceptions


def _scope(raw: str) -> Scope:
    v = Violations()
    scope = v.check("scope", lambda r: Scope(rules.one_of(Scope, r)), raw)
    v.raise_if_any("the scope is invalid")
    return scope


async def edit_occurrence(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    schedule_id: str,
    key: str,
    scope: str,
    new_date: str | None = None,
    new_time: str | None = None,
    new_title: str | None = None,
    fields: FieldsIn | None = None,
) -> Schedule:
    """THIS: move and/or retitle one occurrence (an override; back to plan removes it).
    FOLLOWING: the series ends the day before the occurrence and a new schedule with
    `fields` starts on its date (all of that date's times go with it); the new one is
    returned. At the series' first date FOLLOWING edits the whole series."""
    which = _scope(scope)
    if which is Scope.FOLLOWING and fields is None:
        raise _needs_fields()
    pet, s = await own_schedule(
        session, actor=actor, pets=pets, pet_id=pet_id, schedule_id=schedule_id
    )
    occ_key, series, exceptions = await _occurrence(session, s, key)
    if which is Scope.THIS:
        await _override(session, s, series, occ_key, now, new_date, new_time, new_title)
        s.updated_at = now
        repoint(s, series_of(s, (await repository.exceptions_of(session, [s.id]))[s.id]), now)
        await repository.flush(session)
        return s
    assert fields is not None  # checked above
    day = occ_key.astimezone(SEOUL).date()
    before = rules.occurrence_count_before(series, day)
    clean = check_fields(fields, now=now, current=s, start=day)
    if before == 0:  # the first date: the whole series
        return await update_schedule(
            session,
            actor=actor,
            pets=pets,
            now=now,
            pet_id=pet_id,
            schedule_id=schedule_id,
            fields=replace(fields, start_date=s.start_date.isoformat()),
        )
    old_count = rules.from_rrule(s.rrule).count
    if old_count and clean.recurrence.count == old_count:
        # The form shows the series' count; what follows has only the rest of it.
        remaining = max(old_count - before, 1)
        clean = replace(clean, recurrence=replace(clean.recurrence, count=remaining))
    med = clean.medication
    if med is not None and s.duration_days and med.duration_days == s.duration_days:
        # Likewise a course: what follows has the days left of it, not a new full course.
        left = max(s.duration_days - (day - s.start_date).days, 1)
        clean = replace(
            clean, medication=replace(med, duration_days=left), end=rules.course_end(day, left)
        )
    await _end_before(session, s, series, exceptions, day, before, now)
    new = new_schedule(pet, clean, now)
    new.from_prescription = s.from_prescription and new.kind == Kind.MEDICATION.value
    repoint(new, series_of(new), now)
    await repository.add(session, new)
    return new


def _needs_fields() -> InvalidArgument:
    return InvalidArgument(
        "the edit has invalid fields", field_violations=[("schedule", "is required for FOLLOWING")]
    )


async def _override(
    session: AsyncSession,
    s: Schedule,
    series: rules.Series,
    key: datetime,
    now: datetime,
    new_date: str | None,
    new_time: str | None,
    new_title: str | None,
) -> None:
    current = series.overrides.get(key)
    at = (current.at if current else key).astimezone(SEOUL)
    v = Violations()
    day = v.check("date", rules.iso_date, new_date) if new_date is not None else at.date()
    t = v.check("time", rules.time_of_day, new_time) if new_time is not None else at.time()
    title = current.title if current else None
    if new_title is not None:
        title = v.check("title", check_line, new_title, max_len=rules.TITLE_MAX)
    v.raise_if_any("the occurrence has invalid fields")
    if new_date is not None and day != at.date():
        v.check("date", rules.not_in_past, day, now=now)
        planned = key.astimezone(SEOUL).date()
        if abs((day - planned).days) > _MOVE_SLACK_DAYS:
            v.add("date", f"must be within {_MOVE_SLACK_DAYS} days of the planned date")
    v.raise_if_any("the occurrence has invalid fields")
    moved_to = rules.instant(day, t)
    if title == s.title:
        title = None
    if moved_to == key and title is None:
        await repository.drop_exceptions(session, s.id, [key])
        return
    await repository.put_exception(
        session,
        schedule_id=s.id,
        key=key,
        cancelled=False,
        moved_to=None if moved_to == key else moved_to,
        title=title,
    )


async def _end_before(
    session: AsyncSession,
    s: Schedule,
    series: rules.Series,
    exceptions: Sequence[ScheduleException],
    day: date,
    before: int,
    now: datetime,
) -> None:
    """The series stops before `day` (which is not its first date): by count when it had
    one (RFC 5545 forbids COUNT with UNTIL), else by end date. Its exceptions from `day` on
    go (they belonged to occurrences it no longer has)."""
    rec = rules.from_rrule(s.rrule)
    if rec.count:
        s.rrule = rules.to_rrule(replace(rec, count=before))
    else:
        s.end_date = day - timedelta(days=1)
    if s.duration_days:
        s.duration_days = (s.end_date - s.start_date).days + 1 if s.end_date else None
    cut = rules.instant(day, time())
    await repository.drop_exceptions(session, s.id, [e.key for e in exceptions if e.key >= cut])
    s.updated_at = now
    await repoint_loaded(session, s, now)


async def cancel_occurrence(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    schedule_id: str,
    key: str,
    scope: str,
) -> Schedule:
    """THIS: an EXDATE. FOLLOWING: the series ends before the occurrence's date (from its
    first date, the whole schedule is deleted)."""
    which = _scope(scope)
    _, s = await own_schedule(
        session, actor=actor, pets=pets, pet_id=pet_id, schedule_id=schedule_id
    )
    occ_key, series, exceptions = await _occurrence(session, s, key)
    if which is Scope.THIS:
        await repository.put_exception(
            session, schedule_id=s.id, key=occ_key, cancelled=True, moved_to=None, title=None
        )
        s.updated_at = now
        await repoint_loaded(session, s, now)
    else:
        day = occ_key.astimezone(SEOUL).date()
        before = rules.occurrence_count_before(series, day)
        if before == 0:
            soft_delete(s, now)
        else:
            await _end_before(session, s, series, exceptions, day, before, now)
    await repository.flush(session)
    return s
