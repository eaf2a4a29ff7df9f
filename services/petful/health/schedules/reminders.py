"""Reminders: the scan that finds due ones (Celery beat, every minute) and the in-app list.

Each live schedule with reminders on carries a pointer: its next occurrence to remind of
and when that reminder fires (`next_fire_at`, indexed). A tick reads only the schedules
whose pointer is due, in batches locked with SKIP LOCKED, and per batch, in one
transaction: inserts one reminder row per due occurrence (unique per schedule and
occurrence key, ON CONFLICT DO NOTHING), writes `health.reminder.due` for the rows it
inserted to the outbox, and moves the pointers on. So a tick that dies midway leaves its
batch as it was (the next tick does it), a tick that runs twice finds the rows and sends
nothing again, and a worker that was down catches up on the next tick (reminders whose
occurrence started more than `rules.LATE_LIMIT` ago are left out, not sent hours late).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import health as contracts
from petful.health.schedules import repository, rules
from petful.health.schedules.models import Reminder, Schedule
from petful.health.schedules.service import series_of, user_of
from petful.platform.auth_context import Principal
from petful.platform.paging import Page, encode_cursor, page_of, paging

BATCH_SIZE = 1000


@dataclass(frozen=True)
class BatchResult:
    schedules: int  # schedules whose pointer was due
    sent: int  # reminders inserted (and events written)


def _pointer(s: Schedule, series: rules.Series) -> rules.Occ | None:
    if s.next_occurrence_key is None or s.next_occurrence_at is None:
        return None
    override = series.overrides.get(s.next_occurrence_key)
    title = override.title if override else None
    return rules.Occ(s.next_occurrence_key, s.next_occurrence_at, title, override is not None)


async def scan_batch(
    session: AsyncSession, *, now: datetime, batch_size: int = BATCH_SIZE
) -> BatchResult:
    """One batch of due schedules, in the caller's transaction."""
    due = await repository.due_schedules(session, now=now, limit=batch_size)
    if not due:
        return BatchResult(0, 0)
    exceptions = await repository.exceptions_of(session, [s.id for s in due])
    rows: list[dict[str, Any]] = []
    pointers: list[dict[str, Any]] = []
    for s in due:
        lead = s.reminder_lead_minutes
        series = series_of(s, exceptions[s.id])
        pointer = _pointer(s, series)
        if lead is None or pointer is None:  # pragma: no cover - the query excludes these
            continue
        # The pointer was set when the schedule last changed; an exception added since may
        # have cancelled or moved it, so start from the series as it is now.
        if pointer.key in series.cancelled or (
            pointer.key in series.overrides and series.overrides[pointer.key].at != pointer.at
        ):
            pointer = rules.next_occurrence(series, pointer.key)
        occs: list[rules.Occ] = []
        nxt: rules.Occ | None = None
        if pointer is not None:
            occs, nxt = rules.due_reminders(series, lead, pointer, now)
        rows.extend(_reminder_row(s, occ, lead, now) for occ in occs)
        pointers.append(
            {
                "id": s.id,
                "next_occurrence_key": nxt.key if nxt else None,
                "next_occurrence_at": nxt.at if nxt else None,
                "next_fire_at": rules.fire_at(nxt, lead) if nxt else None,
            }
        )
    inserted = await repository.insert_reminders(session, rows)
    await repository.add_events(
        session,
        contracts.REMINDER_DUE,
        [_event(r) for r in rows if r["id"] in inserted],
        now=now,
    )
    # One executemany UPDATE (the loaded objects stay untouched: changing them would have
    # the unit of work flush one UPDATE per row before the inserts above).
    await repository.set_pointers(session, pointers)
    return BatchResult(len(due), len(inserted))


def _reminder_row(s: Schedule, occ: rules.Occ, lead: int, now: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "schedule_id": s.id,
        "owner_id": s.owner_id,
        "pet_id": s.pet_id,
        "pet_name": s.pet_name,
        "kind": s.kind,
        "sub_type": s.sub_type,
        "title": occ.title or s.title,
        "occurrence_key": occ.key,
        "occurs_at": occ.at,
        "lead_minutes": lead,
        "fired_at": now,
    }


def _event(r: dict[str, Any]) -> contracts.ReminderDue:
    # Built from the row just written (typed values): validating every field again would
    # cost more than the rest of a busy tick's work per reminder.
    return contracts.ReminderDue.model_construct(
        reminder_id=r["id"],
        schedule_id=r["schedule_id"],
        pet_id=r["pet_id"],
        pet_name=r["pet_name"],
        owner_id=r["owner_id"],
        kind=r["kind"],
        sub_type=r["sub_type"],
        title=r["title"],
        occurs_at=r["occurs_at"],
        lead_minutes=r["lead_minutes"],
    )


async def list_reminders(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page[Reminder]:
    """The caller's reminders, newest first."""
    owner = user_of(actor)
    size, after = paging(page_size, cursor)
    rows = await repository.list_reminders(session, owner_id=owner, after=after, limit=size + 1)
    return page_of(rows, size, lambda r: encode_cursor(r.fired_at, r.id))
