"""Content-due reminders: a selected PetStar who still owes content hears of the deadline 3
days and again 1 day before it (`rules.reminders`), through `campaigns.applicant.
content_due_soon` events that notifications turns into the notice.

A run (Celery beat, `tasks.remind_content_due`) reads, batch by batch, the applicants whose
due reminder is not recorded yet, and per batch, in one transaction, records each reminder
(`content_reminders`, primary key applicant and days, ON CONFLICT DO NOTHING) and writes
the event of each row it inserted. So a rerun or a second worker sends nothing again, and
a run that dies midway leaves its batch to the next one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Applicant, Campaign
from petful.campaigns.rules.reminders import (
    REMINDED_PHASES,
    REMINDED_STATUSES,
    due_reminder,
    reminder_windows,
)
from petful.campaigns.rules.schedule import content_deadline
from petful.campaigns.service.shared import DEFAULT_GRACE_DAYS, SCHEMA
from petful.contracts import campaigns as contract
from petful.platform import outbox

BATCH_SIZE = 500


@dataclass(frozen=True)
class ReminderBatch:
    found: int  # applicants read (a full batch means there may be more)
    sent: int  # reminders recorded, each with its event


def _event(a: Applicant, c: Campaign, deadline: datetime, days: int) -> contract.ContentDue:
    return contract.ContentDue(
        campaign_id=c.id,
        campaign_title=c.title,
        company_name=c.company_name,
        applicant_id=a.id,
        pet_id=a.pet_id,
        pet_name=a.pet_name,
        owner_user_id=a.owner_user_id,
        deadline=deadline,
        days_left=days,
    )


async def remind_content_due(
    session: AsyncSession,
    now: datetime,
    *,
    grace_days: int = DEFAULT_GRACE_DAYS,
    batch_size: int = BATCH_SIZE,
) -> ReminderBatch:
    """One batch of due reminders at now, in the caller's transaction."""
    # The windows are over deadlines; the query reads the activity end, which is the
    # deadline less the grace days (`content_deadline`).
    grace = timedelta(days=grace_days)
    windows = [(w.days, w.after - grace, w.until - grace) for w in reminder_windows(now)]
    found = await repository.content_reminders_due(
        session,
        windows=windows,
        statuses=REMINDED_STATUSES,
        phases=REMINDED_PHASES,
        limit=batch_size,
    )
    due: list[tuple[Applicant, Campaign, datetime, int]] = []
    for a, c in found:
        deadline = content_deadline(c.schedule, grace_days)
        days = due_reminder(deadline, now)
        if days is not None:  # always, as the query chose by the same windows
            due.append((a, c, deadline, days))
    recorded: set[tuple[uuid.UUID, int]] = await repository.record_content_reminders(
        session, [(a.id, days) for a, _, _, days in due], now=now
    )
    for a, c, deadline, days in due:
        if (a.id, days) in recorded:
            event = _event(a, c, deadline, days)
            await outbox.add_event(session, SCHEMA, contract.CONTENT_DUE_SOON, event, now=now)
    return ReminderBatch(found=len(found), sent=len(recorded))
