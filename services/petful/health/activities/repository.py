"""Every SQL statement of the activity log."""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from petful.health.activities.models import ActivityRecord, Meal


async def add(session: AsyncSession, record: ActivityRecord) -> None:
    session.add(record)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def get_by_day(
    session: AsyncSession, pet_id: uuid.UUID, day: date, *, for_update: bool = False
) -> ActivityRecord | None:
    stmt = (
        sa.select(ActivityRecord)
        .where(ActivityRecord.pet_id == pet_id, ActivityRecord.day == day)
        .options(selectinload(ActivityRecord.meals))
    )
    if for_update:
        stmt = stmt.with_for_update()
    found: ActivityRecord | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def delete(session: AsyncSession, record: ActivityRecord) -> None:
    await session.delete(record)
    await session.flush()


async def newest_day(session: AsyncSession, pet_id: uuid.UUID) -> date | None:
    day: date | None = await session.scalar(
        sa.select(sa.func.max(ActivityRecord.day)).where(ActivityRecord.pet_id == pet_id)
    )
    return day


async def days_between(
    session: AsyncSession, pet_id: uuid.UUID, first: date, last: date
) -> list[date]:
    stmt = (
        sa.select(ActivityRecord.day)
        .where(ActivityRecord.pet_id == pet_id, ActivityRecord.day.between(first, last))
        .order_by(ActivityRecord.day)
    )
    return list((await session.execute(stmt)).scalars())


async def records_between(
    session: AsyncSession, pet_id: uuid.UUID, first: date, last: date
) -> list[ActivityRecord]:
    """The records of the days, oldest first, without their meals (reports read the
    computed columns)."""
    stmt = (
        sa.select(ActivityRecord)
        .where(ActivityRecord.pet_id == pet_id, ActivityRecord.day.between(first, last))
        .order_by(ActivityRecord.day)
    )
    return list((await session.execute(stmt)).scalars())


async def meal_days_between(
    session: AsyncSession, pet_id: uuid.UUID, first: date, last: date
) -> set[date]:
    """The days of the range whose record has at least one meal."""
    stmt = (
        sa.select(ActivityRecord.day)
        .join(Meal, Meal.record_id == ActivityRecord.id)
        .where(ActivityRecord.pet_id == pet_id, ActivityRecord.day.between(first, last))
        .distinct()
    )
    return set((await session.execute(stmt)).scalars())


async def delete_of_pet(session: AsyncSession, pet_id: uuid.UUID) -> int:
    """Remove every record of the pet (the meals go with them, ON DELETE CASCADE)."""
    result = await session.execute(
        sa.delete(ActivityRecord)
        .where(ActivityRecord.pet_id == pet_id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def delete_of_owner(session: AsyncSession, owner_id: uuid.UUID) -> int:
    result = await session.execute(
        sa.delete(ActivityRecord)
        .where(ActivityRecord.owner_id == owner_id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
