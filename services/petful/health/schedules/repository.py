"""Every SQL statement of the schedules part."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.base import P, Topic
from petful.health.base import SCHEMA
from petful.health.schedules.models import CalendarFeed, Reminder, Schedule, ScheduleException
from petful.platform.telemetry import inject_trace_headers

# --- schedules --------------------------------------------------------------------------------


async def add(session: AsyncSession, *rows: Any) -> None:
    session.add_all(rows)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def get_schedule(
    session: AsyncSession, schedule_id: uuid.UUID, *, owner_id: uuid.UUID, for_update: bool = False
) -> Schedule | None:
    """A live schedule of the owner."""
    stmt = sa.select(Schedule).where(
        Schedule.id == schedule_id, Schedule.owner_id == owner_id, Schedule.deleted_at.is_(None)
    )
    if for_update:
        stmt = stmt.with_for_update()
    found: Schedule | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def list_schedules(
    session: AsyncSession,
    *,
    owner_id: uuid.UUID,
    pet_ids: Sequence[uuid.UUID],
    kinds: Sequence[str] = (),
    first: date | None = None,
    last: date | None = None,
) -> list[Schedule]:
    """Live schedules of the owner's pets, optionally only those whose dates may touch
    [first, last] (a series without an end may touch anything after its start)."""
    if not pet_ids:
        return []
    cond: list[sa.ColumnElement[bool]] = [
        Schedule.owner_id == owner_id,
        Schedule.pet_id.in_(pet_ids),
        Schedule.deleted_at.is_(None),
    ]
    if kinds:
        cond.append(Schedule.kind.in_(kinds))
    if last is not None:
        cond.append(Schedule.start_date <= last)
    if first is not None:
        cond.append(sa.or_(Schedule.end_date.is_(None), Schedule.end_date >= first))
    stmt = sa.select(Schedule).where(*cond).order_by(Schedule.start_date, Schedule.id)
    return list((await session.execute(stmt)).scalars())


async def owner_schedules(session: AsyncSession, owner_id: uuid.UUID) -> list[Schedule]:
    stmt = (
        sa.select(Schedule)
        .where(Schedule.owner_id == owner_id, Schedule.deleted_at.is_(None))
        .order_by(Schedule.start_date, Schedule.id)
    )
    return list((await session.execute(stmt)).scalars())


async def pet_name_of(session: AsyncSession, pet_id: uuid.UUID) -> str:
    stmt = sa.select(Schedule.pet_name).where(Schedule.pet_id == pet_id).limit(1)
    return (await session.scalar(stmt)) or ""


async def rename_pet(session: AsyncSession, pet_id: uuid.UUID, name: str) -> int:
    result = await session.execute(
        sa.update(Schedule)
        .where(Schedule.pet_id == pet_id, Schedule.pet_name != name)
        .values(pet_name=name)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- exceptions -------------------------------------------------------------------------------


async def exceptions_of(
    session: AsyncSession, schedule_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[ScheduleException]]:
    ids = list(schedule_ids)
    found: dict[uuid.UUID, list[ScheduleException]] = {i: [] for i in ids}
    if not ids:
        return found
    stmt = sa.select(ScheduleException).where(ScheduleException.schedule_id.in_(ids))
    for row in (await session.execute(stmt)).scalars():
        found[row.schedule_id].append(row)
    return found


async def put_exception(
    session: AsyncSession,
    *,
    schedule_id: uuid.UUID,
    key: datetime,
    cancelled: bool,
    moved_to: datetime | None,
    title: str | None,
) -> None:
    values = {"cancelled": cancelled, "moved_to": moved_to, "title": title}
    await session.execute(
        insert(ScheduleException)
        .values(schedule_id=schedule_id, key=key, **values)
        .on_conflict_do_update(index_elements=["schedule_id", "key"], set_=values)
    )


async def drop_exceptions(
    session: AsyncSession, schedule_id: uuid.UUID, keys: Iterable[datetime]
) -> None:
    wanted = list(keys)
    if wanted:
        await session.execute(
            sa.delete(ScheduleException).where(
                ScheduleException.schedule_id == schedule_id, ScheduleException.key.in_(wanted)
            )
        )


# --- the reminder scan ------------------------------------------------------------------------


async def due_schedules(session: AsyncSession, *, now: datetime, limit: int) -> list[Schedule]:
    """Live schedules with reminders on whose next reminder is due, locked; another scan
    running at the same time (two beats, a slow tick) skips them instead of waiting."""
    stmt = (
        sa.select(Schedule)
        .where(
            Schedule.deleted_at.is_(None),
            Schedule.reminder_lead_minutes.is_not(None),
            Schedule.next_fire_at.is_not(None),
            Schedule.next_fire_at <= now,
        )
        .order_by(Schedule.next_fire_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


# The scan writes a batch in three statements, whatever its size: the rows travel as one
# JSON document each (jsonb_to_recordset), which keeps a busy minute of tens of thousands of
# reminders inside the tick; a multi-row VALUES, an executemany or per-column arrays cost
# more in compiling, round trips or escaping than the writes themselves.

_INSERT_REMINDERS = sa.text(
    f"""
    INSERT INTO {SCHEMA}.reminders (id, schedule_id, owner_id, pet_id, pet_name, kind,
        sub_type, title, occurrence_key, occurs_at, lead_minutes, fired_at)
    SELECT id, schedule_id, owner_id, pet_id, pet_name, kind, sub_type, title,
        occurrence_key, occurs_at, lead_minutes, fired_at
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, schedule_id uuid,
        owner_id uuid, pet_id uuid, pet_name text, kind text, sub_type text, title text,
        occurrence_key timestamptz, occurs_at timestamptz, lead_minutes integer,
        fired_at timestamptz)
    ON CONFLICT ON CONSTRAINT uq_reminders_occurrence DO NOTHING
    RETURNING id
    """
)

_SET_POINTERS = sa.text(
    f"""
    UPDATE {SCHEMA}.schedules AS s
    SET next_occurrence_key = u.next_occurrence_key,
        next_occurrence_at = u.next_occurrence_at, next_fire_at = u.next_fire_at
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS u(id uuid,
        next_occurrence_key timestamptz, next_occurrence_at timestamptz,
        next_fire_at timestamptz)
    WHERE s.id = u.id
    """
)

_INSERT_EVENTS = sa.text(
    f"""
    INSERT INTO {SCHEMA}.outbox (id, topic, payload, headers, created_at)
    SELECT gen_random_uuid(), :topic, e.payload, CAST(:headers AS jsonb), :now
    FROM jsonb_array_elements(CAST(:payloads AS jsonb)) AS e(payload)
    """
)


def _json(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)  # UUIDs


async def insert_reminders(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> set[uuid.UUID]:
    """Insert what is not there yet; the ids of the rows actually inserted."""
    if not rows:
        return set()
    result = await session.execute(
        _INSERT_REMINDERS, {"rows": json.dumps(list(rows), default=_json)}
    )
    return set(result.scalars())


async def set_pointers(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Each row: id and the next_* columns."""
    if rows:
        await session.execute(_SET_POINTERS, {"rows": json.dumps(list(rows), default=_json)})


async def add_events(
    session: AsyncSession, topic: Topic[P], payloads: Sequence[P], *, now: datetime
) -> None:
    """Many events of one topic in one statement: what `outbox.add_event` writes, batched,
    for the reminder scan."""
    if not payloads:
        return
    for p in payloads:
        if not isinstance(p, topic.payload):
            raise TypeError(f"{topic.name} carries {topic.payload.__name__}, not {type(p)}")
    await session.execute(
        _INSERT_EVENTS,
        {
            "topic": topic.name,
            "headers": json.dumps(inject_trace_headers()),
            "now": now,
            "payloads": "[" + ",".join(p.model_dump_json() for p in payloads) + "]",
        },
    )


async def list_reminders(
    session: AsyncSession,
    *,
    owner_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Reminder]:
    """Newest first, keyset paged on (fired_at, id)."""
    cond: list[sa.ColumnElement[bool]] = [Reminder.owner_id == owner_id]
    if after is not None:
        cond.append(
            sa.tuple_(Reminder.fired_at, Reminder.id)
            < sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    stmt = (
        sa.select(Reminder)
        .where(*cond)
        .order_by(Reminder.fired_at.desc(), Reminder.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


# --- calendar feeds ---------------------------------------------------------------------------


async def get_feed(session: AsyncSession, owner_id: uuid.UUID) -> CalendarFeed | None:
    return await session.get(CalendarFeed, owner_id)


async def feed_by_hash(session: AsyncSession, token_hash: bytes) -> CalendarFeed | None:
    stmt = sa.select(CalendarFeed).where(CalendarFeed.token_hash == token_hash)
    found: CalendarFeed | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def put_feed(
    session: AsyncSession, *, owner_id: uuid.UUID, token_hash: bytes, now: datetime
) -> None:
    values = {"token_hash": token_hash, "created_at": now}
    await session.execute(
        insert(CalendarFeed)
        .values(owner_id=owner_id, **values)
        .on_conflict_do_update(index_elements=["owner_id"], set_=values)
    )


async def delete_feed(session: AsyncSession, owner_id: uuid.UUID) -> int:
    result = await session.execute(sa.delete(CalendarFeed).where(CalendarFeed.owner_id == owner_id))
    return int(getattr(result, "rowcount", 0) or 0)


# --- leaving ----------------------------------------------------------------------------------


async def delete_pet_schedules(session: AsyncSession, pet_id: uuid.UUID) -> int:
    """Every schedule of the pet, soft-deleted ones too; exceptions and reminders cascade."""
    await session.execute(sa.delete(Reminder).where(Reminder.pet_id == pet_id))
    result = await session.execute(sa.delete(Schedule).where(Schedule.pet_id == pet_id))
    return int(getattr(result, "rowcount", 0) or 0)


async def delete_owner_schedules(session: AsyncSession, owner_id: uuid.UUID) -> int:
    await session.execute(sa.delete(Reminder).where(Reminder.owner_id == owner_id))
    result = await session.execute(sa.delete(Schedule).where(Schedule.owner_id == owner_id))
    return int(getattr(result, "rowcount", 0) or 0)
