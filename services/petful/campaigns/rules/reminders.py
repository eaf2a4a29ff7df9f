"""Content-due reminders: who is reminded, and which reminder is due when.

A selected PetStar who still owes content hears of the deadline (`schedule.content_deadline`)
3 days before it and again 1 day before it. Each reminder is sent at most once; a run that
first sees an applicant inside a later window sends only that window's reminder, never a
stale earlier one (a "3 days left" the day before the deadline would be wrong).

Times are instants: the deadline itself is the activity end plus whole days of 24 hours,
and the service's zone (Asia/Seoul) has no daylight saving, so "3 days before" is the same
wall-clock time there, three calendar days earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from petful.campaigns.rules import ApplicantStatus, Phase
from petful.campaigns.rules.applicants import OWES_CONTENT

# The reminders, in days before the deadline.
REMINDER_DAYS = (3, 1)

# Who still has to post: OWES_CONTENT less CONTENT_SUBMITTED, since a submitted post still
# waiting for review is accepted at the deadline (`service.schedule`); that PetStar has done
# their part. APPROVED (and later) owe nothing.
REMINDED_STATUSES = OWES_CONTENT - {ApplicantStatus.CONTENT_SUBMITTED}

# Campaigns whose selection is announced and not yet settled: before the announcement a
# selection is not known to the PetStar, and a finished or cancelled campaign wants nothing.
REMINDED_PHASES = frozenset({Phase.ANNOUNCED, Phase.IN_PROGRESS, Phase.REVIEWING})


@dataclass(frozen=True)
class Window:
    """Deadlines in (after, until] have the reminder of `days` due."""

    days: int
    after: datetime
    until: datetime


def reminder_windows(now: datetime) -> list[Window]:
    """The windows at now, nearest deadline first; they do not overlap, so a deadline has at
    most one reminder due (the nearest, e.g. only the 1-day one within the last day)."""
    windows: list[Window] = []
    after = now
    for days in sorted(REMINDER_DAYS):
        until = now + timedelta(days=days)
        windows.append(Window(days, after, until))
        after = until
    return windows


def due_reminder(deadline: datetime, now: datetime) -> int | None:
    """The reminder (days before the deadline) due at now; None before the first one and
    from the deadline on (the clock then settles the applicant)."""
    for w in reminder_windows(now):
        if w.after < deadline <= w.until:
            return w.days
    return None
