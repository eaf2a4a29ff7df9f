"""The activity log: a pet's day (walk, level, weight, sleep, excretion, meals), its
calories, the month's markers, and what the pet's deletion or the owner's erasure removes.

Functions are keyword-only, take the caller's session and never commit (the RPC or task
boundary does). Every call names a pet and starts with `require_own_pet`: only the pet's
owner reads or writes its log, on create too (the original never checked that). Calories
are computed here on every change (rules.py), never taken from the caller.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import health as contracts
from petful.health.activities import report, repository, rules
from petful.health.activities.models import ActivityRecord, Meal
from petful.health.base import SCHEMA, SEOUL
from petful.health.pets import PetsPort, require_own_pet
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.errors import AlreadyExists, NotFound
from petful.platform.validation import RuleError, Violations


def today_in_seoul(now: datetime) -> date:
    return now.astimezone(SEOUL).date()


@dataclass(frozen=True)
class MealInput:
    meal_type: str = ""
    food: str = ""
    package_g: float = 0.0
    package_kcal: float = 0.0
    consumed_g: float = 0.0


@dataclass(frozen=True)
class ActivityInput:
    date: str = ""
    walk_km: float = 0.0
    activity_level: str = ""
    weight_kg: float = 0.0
    sleep_hours: float = 0.0
    poop_count: int = 0
    pee_count: int = 0
    memo: str = ""
    meals: Sequence[MealInput] = ()


@dataclass(frozen=True)
class MealChange:
    """No id: a new meal (every field but food required). An id: that meal's fields given
    (None: unchanged) change, or with `remove` it goes."""

    id: str = ""
    remove: bool = False
    meal_type: str | None = None
    food: str | None = None
    package_g: float | None = None
    package_kcal: float | None = None
    consumed_g: float | None = None


@dataclass(frozen=True)
class ActivityPatch:
    """The fields given (not None) change; meals change one by one."""

    walk_km: float | None = None
    activity_level: str | None = None
    weight_kg: float | None = None
    sleep_hours: float | None = None
    poop_count: int | None = None
    pee_count: int | None = None
    memo: str | None = None
    meals: Sequence[MealChange] = field(default_factory=tuple)


# The record's own fields and their checks (the request names them the same way).
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "walk_km": rules.check_walk_km,
    "activity_level": lambda raw: rules.check_level(raw).value,
    "weight_kg": rules.check_weight,
    "sleep_hours": rules.check_sleep,
    "poop_count": rules.check_count,
    "pee_count": rules.check_count,
    "memo": rules.check_memo,
}
_MEAL_CHECKS: dict[str, Callable[[Any], Any]] = {
    "meal_type": lambda raw: rules.check_meal_type(raw).value,
    "food": rules.check_food,
    "package_g": rules.check_grams,
    "package_kcal": rules.check_kcal,
    "consumed_g": rules.check_grams,
}


def _checked(
    v: Violations, prefix: str, checks: dict[str, Callable[[Any], Any]], values: dict[str, Any]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        try:
            out[name] = checks[name](value)
        except RuleError as e:
            v.add(prefix + name, e.reason)
    return out


def _too_many_meals(v: Violations, count: int) -> None:
    if count > rules.MEALS_MAX:
        v.add("meals", f"must be at most {rules.MEALS_MAX} meals a day")


def _meal_values(meal: MealInput) -> dict[str, Any]:
    return {
        "meal_type": meal.meal_type,
        "food": meal.food,
        "package_g": meal.package_g,
        "package_kcal": meal.package_kcal,
        "consumed_g": meal.consumed_g,
    }


def compute_calories(record: ActivityRecord) -> None:
    """Every computed figure of the record and its meals, from what it holds now."""
    for meal in record.meals:
        meal.consumed_kcal = rules.consumed_kcal(
            package_g=meal.package_g, package_kcal=meal.package_kcal, consumed_g=meal.consumed_g
        )
    calories = rules.day_calories(
        weight_kg=record.weight_kg,
        walk_km=record.walk_km,
        level=record.level,
        meal_kcal=[meal.consumed_kcal for meal in record.meals],
    )
    record.burn_recommended_kcal = calories.burn_recommended
    record.burn_actual_kcal = calories.burn_actual
    record.intake_recommended_kcal = calories.intake_recommended
    record.intake_kcal = calories.intake


def _new_meal(values: dict[str, Any], position: int) -> Meal:
    return Meal(id=uuid.uuid4(), position=position, consumed_kcal=0, **values)


def _duplicate(day: date) -> AlreadyExists:
    return AlreadyExists(
        f"there is already a record for {day.isoformat()}",
        field_violations=[("date", f"already has a record: {day.isoformat()}")],
    )


def _no_record(day: date) -> NotFound:
    return NotFound(
        f"no record for {day.isoformat()}",
        field_violations=[("date", f"has no record: {day.isoformat()}")],
    )


def _day(raw: str) -> date:
    v = Violations()
    day = v.check("date", rules.parse_day, raw)
    v.raise_if_any("the date is invalid")
    return day


async def _weight_if_newest(session: AsyncSession, record: ActivityRecord, now: datetime) -> None:
    """The record's weight is the pet's newest when no later day has a record: pets keeps
    it as the pet's current weight (an event, not a second source of truth)."""
    newest = await repository.newest_day(session, record.pet_id)
    if newest is not None and newest > record.day:
        return
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.WEIGHT_RECORDED,
        contracts.WeightRecorded(
            pet_id=record.pet_id,
            owner_id=record.owner_id,
            weight_kg=record.weight_kg,
            measured_on=record.day,
            recorded_at=now,
        ),
        now=now,
    )


# --- the day's record ------------------------------------------------------------------------


async def create_activity(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    data: ActivityInput,
) -> ActivityRecord:
    """One record per pet per day: a second for the same day is 409 naming the date."""
    pet = await require_own_pet(pets, actor, pet_id)
    v = Violations()
    day = v.check("date", rules.check_record_day, data.date, today=today_in_seoul(now))
    values = _checked(
        v,
        "",
        _CHECKS,
        {
            "walk_km": data.walk_km,
            "activity_level": data.activity_level,
            "weight_kg": data.weight_kg,
            "sleep_hours": data.sleep_hours,
            "poop_count": data.poop_count,
            "pee_count": data.pee_count,
            "memo": data.memo,
        },
    )
    _too_many_meals(v, len(data.meals))
    meals = [
        _checked(v, f"meals.{i}.", _MEAL_CHECKS, _meal_values(meal))
        for i, meal in enumerate(data.meals)
    ]
    v.raise_if_any("the record has invalid fields")
    if await repository.get_by_day(session, pet.id, day) is not None:
        raise _duplicate(day)
    record = ActivityRecord(
        id=uuid.uuid4(),
        pet_id=pet.id,
        owner_id=pet.owner_id,
        day=day,
        created_at=now,
        updated_at=now,
        meals=[_new_meal(m, i) for i, m in enumerate(meals)],
        **values,
    )
    compute_calories(record)
    try:
        async with session.begin_nested():
            await repository.add(session, record)
    except IntegrityError:  # a concurrent create of the same day won the unique index
        raise _duplicate(day) from None
    await _weight_if_newest(session, record, now)
    return record


async def get_activity(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, pet_id: str, day: str
) -> ActivityRecord:
    pet = await require_own_pet(pets, actor, pet_id)
    the_day = _day(day)
    record = await repository.get_by_day(session, pet.id, the_day)
    if record is None:
        raise _no_record(the_day)
    return record


_NEW_MEAL_REQUIRED = ("meal_type", "package_g", "package_kcal", "consumed_g")


def _apply_meal_changes(
    v: Violations, record: ActivityRecord, changes: Sequence[MealChange]
) -> None:
    """Check every change first, then apply them all (or none, when one is refused)."""
    by_id = {str(meal.id): meal for meal in record.meals}
    added: list[dict[str, Any]] = []
    edits: list[tuple[Meal, dict[str, Any]]] = []
    removed: set[str] = set()
    for i, change in enumerate(changes):
        prefix = f"meals.{i}."
        given = {name: getattr(change, name) for name in _MEAL_CHECKS}
        values = _checked(v, prefix, _MEAL_CHECKS, given)
        meal_id = change.id.strip()
        if not meal_id:
            if change.remove:
                v.add(prefix + "id", "is required to remove a meal")
            for name in _NEW_MEAL_REQUIRED:
                if given[name] is None:
                    v.add(prefix + name, "is required for a new meal")
            added.append({"food": "", **values})
        elif meal_id not in by_id or meal_id in removed:
            v.add(prefix + "id", "is not a meal of this record")
        elif change.remove:
            removed.add(meal_id)
        else:
            edits.append((by_id[meal_id], values))
    _too_many_meals(v, len(record.meals) - len(removed) + len(added))
    if v.items:
        return
    for meal, values in edits:
        for name, value in values.items():
            setattr(meal, name, value)
    record.meals = [meal for meal in record.meals if str(meal.id) not in removed]
    position = max((meal.position for meal in record.meals), default=-1) + 1
    for offset, values in enumerate(added):
        record.meals.append(_new_meal(values, position + offset))


async def update_activity(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    day: str,
    patch: ActivityPatch,
) -> ActivityRecord:
    """Partial update; the day itself does not move (delete and write the other day)."""
    pet = await require_own_pet(pets, actor, pet_id)
    the_day = _day(day)
    record = await repository.get_by_day(session, pet.id, the_day, for_update=True)
    if record is None:
        raise _no_record(the_day)
    v = Violations()
    values = _checked(
        v,
        "",
        _CHECKS,
        {name: getattr(patch, name) for name in _CHECKS},
    )
    _apply_meal_changes(v, record, patch.meals)
    v.raise_if_any("the record has invalid fields")
    weight_before = record.weight_kg
    for name, value in values.items():
        setattr(record, name, value)
    compute_calories(record)
    record.updated_at = now
    await repository.flush(session)
    if record.weight_kg != weight_before:
        await _weight_if_newest(session, record, now)
    return record


async def delete_activity(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, pet_id: str, day: str
) -> None:
    """The day's record and its meals go. The pet's weight in pets stays what it was: the
    newest measurement left is older than the one pets has, which pets would ignore."""
    pet = await require_own_pet(pets, actor, pet_id)
    the_day = _day(day)
    record = await repository.get_by_day(session, pet.id, the_day, for_update=True)
    if record is None:
        raise _no_record(the_day)
    await repository.delete(session, record)


# --- the month's markers and reports ---------------------------------------------------------


async def activity_days(
    session: AsyncSession, *, actor: Principal, pets: PetsPort, pet_id: str, year: int, month: int
) -> list[date]:
    """The days of the month that have a record, in order."""
    pet = await require_own_pet(pets, actor, pet_id)
    v = Violations()
    bounds = v.check("month", rules.check_month, year, month)
    v.raise_if_any("the month is invalid")
    first, last = bounds
    return await repository.days_between(session, pet.id, first, last)


def _optional_day(v: Violations, name: str, raw: str) -> date | None:
    if not raw.strip():
        return None
    return v.check(name, rules.parse_day, raw)


async def health_report(
    session: AsyncSession,
    *,
    actor: Principal,
    pets: PetsPort,
    now: datetime,
    pet_id: str,
    start: str = "",
    end: str = "",
) -> report.Report:
    """The report of the days from start to end (inclusive, at most 92)."""
    pet = await require_own_pet(pets, actor, pet_id)
    v = Violations()
    first = _optional_day(v, "from", start)
    last = _optional_day(v, "to", end)
    v.raise_if_any("the range is invalid")
    bounds = v.check("to", rules.report_range, first, last, today=today_in_seoul(now))
    v.raise_if_any("the range is invalid")
    first, last = bounds
    records = await repository.records_between(session, pet.id, first, last)
    with_meals = await repository.meal_days_between(session, pet.id, first, last)
    return report.build(
        pet_id=pet.id,
        first=first,
        last=last,
        days=[
            report.DayFigures(
                day=r.day,
                walk_km=r.walk_km,
                weight_kg=r.weight_kg,
                sleep_hours=r.sleep_hours,
                poop_count=r.poop_count,
                pee_count=r.pee_count,
                burn_recommended=r.burn_recommended_kcal,
                burn_actual=r.burn_actual_kcal,
                intake_recommended=r.intake_recommended_kcal,
                intake=r.intake_kcal if r.day in with_meals else None,
            )
            for r in records
        ],
    )


# --- privacy ---------------------------------------------------------------------------------


async def forget_pet(session: AsyncSession, *, pet_id: uuid.UUID) -> int:
    """The pet was deleted: its log goes. Returns the number of records removed."""
    return await repository.delete_of_pet(session, pet_id)


async def forget_owner(session: AsyncSession, *, owner_id: uuid.UUID) -> int:
    """The owner's account was erased: every record of theirs goes."""
    return await repository.delete_of_owner(session, owner_id)
