"""The owner's private iCalendar feed (RFC 5545), which Google Calendar and Apple Calendar
subscribe to: every live schedule as VEVENTs with RRULE, EXDATE, overrides and VALARM.

A schedule with several times of day becomes one VEVENT per time (same rule, its own UID),
since one RRULE with BYHOUR and BYMINUTE would make every hour-minute combination.
Cancelled occurrences are EXDATEs; moved or retitled ones are override VEVENTs with the
series' UID and a RECURRENCE-ID. DTSTART carries TZID=Asia/Seoul (with its VTIMEZONE), so
calendars show wall times; UNTIL is in UTC, as RFC 5545 requires with a zoned DTSTART.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from petful.health.base import SEOUL
from petful.health.schedules import rules
from petful.health.schedules.models import Schedule, ScheduleException

PRODID = "-//PetFul//Pet health schedules//KO"
UID_DOMAIN = "petful.dev"
# Calendars need a length; a care task is shown as half an hour.
DURATION = timedelta(minutes=30)
TOKEN_BYTES = 32


def new_token() -> tuple[str, bytes]:
    """A feed token (URL-safe) and the hash that is stored in its place."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def uid(s: Schedule, t: time) -> str:
    return f"{s.id}-{t.hour:02d}{t.minute:02d}@{UID_DOMAIN}"


def _summary(s: Schedule, title: str | None = None) -> str:
    return f"[{s.pet_name}] {title or s.title}" if s.pet_name else (title or s.title)


def _description(s: Schedule) -> str:
    lines = []
    if s.medication_name:
        lines.append(" ".join(p for p in (s.medication_name, s.dosage or "") if p))
    if s.memo:
        lines.append(s.memo)
    return "\n".join(lines)


def _seoul(day_time: datetime) -> datetime:
    return day_time.astimezone(SEOUL)


def _event(s: Schedule, title: str | None, start: datetime, stamp: datetime, t: time) -> Event:
    e = Event()
    e.add("uid", uid(s, t))
    e.add("dtstamp", stamp)
    e.add("summary", _summary(s, title))
    e.add("dtstart", _seoul(start))
    e.add("duration", DURATION)
    e.add("categories", [s.kind])
    description = _description(s)
    if description:
        e.add("description", description)
    if s.reminder_lead_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _summary(s, title))
        alarm.add("trigger", -timedelta(minutes=s.reminder_lead_minutes))
        e.add_component(alarm)
    return e


def _rrule(s: Schedule) -> vRecur | None:
    if not s.rrule:
        return None
    value = s.rrule
    if s.end_date is not None:
        # The end date's last second, Seoul time, in UTC.
        until = datetime.combine(s.end_date, time(23, 59, 59), tzinfo=SEOUL).astimezone(UTC)
        value += ";UNTIL=" + until.strftime("%Y%m%dT%H%M%SZ")
    recur: vRecur = vRecur.from_ical(value)
    return recur


def schedule_events(
    s: Schedule, exceptions: Sequence[ScheduleException], stamp: datetime
) -> list[Event]:
    events: list[Event] = []
    recurrence = _rrule(s)
    for t in sorted(s.times):
        start = rules.instant(s.start_date, t)
        mine = [e for e in exceptions if _seoul(e.key).time() == t]
        series = _event(s, None, start, stamp, t)
        if recurrence is not None:
            series.add("rrule", recurrence)
            cancelled = [_seoul(e.key) for e in mine if e.cancelled]
            if cancelled:
                series.add("exdate", cancelled)
        elif any(e.cancelled for e in mine):
            continue  # a one-off whose only occurrence was cancelled
        events.append(series)
        for e in mine:
            if e.cancelled:
                continue
            override = _event(s, e.title, e.moved_to or e.key, stamp, t)
            override.add("recurrence-id", _seoul(e.key))
            events.append(override)
    return events


def build(
    schedules: Sequence[tuple[Schedule, Sequence[ScheduleException]]], *, now: datetime
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "PetFul 일정")
    cal.add("x-wr-timezone", "Asia/Seoul")
    # Subscribers poll; an hour is what Google and Apple honour at best.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for s, exceptions in schedules:
        for event in schedule_events(s, exceptions, now):
            cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
