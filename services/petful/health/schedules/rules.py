"""Pure schedule rules: kinds, fields, RFC 5545 recurrence and occurrence expansion. No I/O.

A schedule is a series: a start date, an optional end date, the times of day and a
recurrence rule (an RRULE value such as `FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE`). The rule
yields dates; every date yields one occurrence per time of day. All of it is Asia/Seoul
wall time, turned into UTC instants only at the end (Seoul has had no daylight saving
since 1988, but the conversion goes through the zone all the same).

An occurrence is named by its key: the UTC instant the rule planned it for. Exceptions
name occurrences by key: cancelled (an EXDATE) or overridden (moved and/or retitled, a
RECURRENCE-ID override); a moved occurrence keeps its key.

Each check returns the normalised value or raises `RuleError(reason)`; the service layer
attaches the field name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Literal

# No stubs for dateutil in the dev dependencies yet (types-python-dateutil would add them).
from dateutil import rrule as du

from petful.health.base import SEOUL
from petful.platform.validation import RuleError, check_line, check_text


class Kind(StrEnum):
    MEDICATION = "MEDICATION"
    CARE = "CARE"
    VACCINATION = "VACCINATION"
    EXERCISE = "EXERCISE"
    TRAINING = "TRAINING"


class SubType(StrEnum):
    """Korean labels (the web's catalogue shows them): 복용약, 영양제, 산책, 놀이, 훈련,
    생일, 미용, 예방접종, 건강검진, 기타."""

    PILL = "PILL"
    SUPPLEMENT = "SUPPLEMENT"
    WALK = "WALK"
    PLAY = "PLAY"
    TRAINING = "TRAINING"
    BIRTHDAY = "BIRTHDAY"
    GROOMING = "GROOMING"
    VACCINE = "VACCINE"
    CHECKUP = "CHECKUP"
    ETC = "ETC"


# Which sub types make sense under each kind (the original stored vaccinations as CARE;
# here each kind is its own, and ETC fits everywhere).
SUB_TYPES: dict[Kind, tuple[SubType, ...]] = {
    Kind.MEDICATION: (SubType.PILL, SubType.SUPPLEMENT, SubType.ETC),
    Kind.CARE: (
        SubType.GROOMING,
        SubType.BIRTHDAY,
        SubType.CHECKUP,
        SubType.WALK,
        SubType.ETC,
    ),
    Kind.VACCINATION: (SubType.VACCINE, SubType.CHECKUP, SubType.ETC),
    Kind.EXERCISE: (SubType.WALK, SubType.PLAY, SubType.ETC),
    Kind.TRAINING: (SubType.TRAINING, SubType.ETC),
}


class Frequency(StrEnum):
    NONE = "NONE"
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


class Scope(StrEnum):
    THIS = "THIS"
    FOLLOWING = "FOLLOWING"


# At the time, 10/30/60 minutes, 1/2/3 days before.
LEAD_MINUTES: tuple[int, ...] = (0, 10, 30, 60, 1440, 2880, 4320)
DEFAULT_LEAD_MINUTES = 60
TITLE_MAX, MEMO_MAX, MEDICATION_NAME_MAX, DOSAGE_MAX = 100, 1000, 100, 50
TIMES_MAX = 6
INTERVAL_MAX = 99
COUNT_MAX = 999
DURATION_MAX_DAYS = 365
# A listing window's longest span: a year of occurrences is the most a screen shows.
WINDOW_MAX = timedelta(days=366)
# A reminder is still sent this long after its occurrence's start (a worker that was down
# catches up); older ones are left out rather than sent hours too late.
LATE_LIMIT = timedelta(hours=6)
# How far the next occurrence is looked for (a rule whose dates are all cancelled ends).
_SEARCH_DATES = 4000

WEEKDAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DU_WEEKDAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
_DU_FREQ: dict[Frequency, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    Frequency.DAILY: du.DAILY,
    Frequency.WEEKLY: du.WEEKLY,
    Frequency.MONTHLY: du.MONTHLY,
    Frequency.YEARLY: du.YEARLY,
}


# --- fields -----------------------------------------------------------------------------------


def one_of(cls: type[StrEnum], raw: str) -> str:
    if raw not in cls.__members__:
        raise RuleError("must be one of " + ", ".join(cls.__members__))
    return raw


def kind(raw: str) -> Kind:
    return Kind(one_of(Kind, raw))


def sub_type(raw: str, *, of: Kind) -> SubType:
    value = SubType(one_of(SubType, raw))
    if value not in SUB_TYPES[of]:
        raise RuleError(f"must be one of {', '.join(SUB_TYPES[of])} for {of.value}")
    return value


def title(raw: str) -> str:
    return check_line(raw, max_len=TITLE_MAX)


def memo(raw: str) -> str:
    return check_text(raw, max_len=MEMO_MAX)


_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$", re.ASCII)


def time_of_day(raw: str) -> time:
    m = _TIME_RE.match(raw.strip())
    if m is None:
        raise RuleError("must be a time of day as HH:MM (00:00-23:59)")
    return time(int(m.group(1)), int(m.group(2)))


def times_of_day(raw: Iterable[str]) -> tuple[time, ...]:
    """1 to 6 distinct times of day, ascending."""
    values = [time_of_day(t) for t in raw]
    if not values:
        raise RuleError("needs at least one time of day")
    if len(values) > TIMES_MAX:
        raise RuleError(f"must be at most {TIMES_MAX} times of day")
    if len(set(values)) != len(values):
        raise RuleError("must not repeat a time of day")
    return tuple(sorted(values))


def iso_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise RuleError("must be a date as YYYY-MM-DD") from None


def optional_date(raw: str) -> date | None:
    return iso_date(raw) if raw.strip() else None


def seoul_today(now: datetime) -> date:
    return now.astimezone(SEOUL).date()


def not_in_past(start: date, *, now: datetime) -> date:
    if start < seoul_today(now):
        raise RuleError("must not be in the past (Asia/Seoul)")
    return start


def lead_minutes(value: int) -> int:
    if value not in LEAD_MINUTES:
        raise RuleError("must be one of " + ", ".join(str(m) for m in LEAD_MINUTES))
    return value


def format_time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


# --- recurrence -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recurrence:
    frequency: Frequency = Frequency.NONE
    interval: int = 1
    weekdays: tuple[str, ...] = ()  # WEEKLY only; () means the start's weekday
    month_day: int = 0  # MONTHLY only; 0 means the start's day, -1 the last day
    count: int = 0  # 0: no limit


def frequency(raw: str) -> Frequency:
    return Frequency(one_of(Frequency, raw or "NONE"))


# Each recurrence part is checked against the frequency it belongs with: a part that does
# not apply must be empty, so a form never sends something that is silently ignored.


def interval(freq: Frequency, value: int) -> int:
    value = value or 1
    if freq is Frequency.NONE and value != 1:
        raise RuleError("a one-off schedule does not repeat")
    if not 1 <= value <= INTERVAL_MAX:
        raise RuleError(f"must be 1 to {INTERVAL_MAX}")
    return value


def weekdays(freq: Frequency, values: Iterable[str]) -> tuple[str, ...]:
    days = tuple(values)
    if days and freq is not Frequency.WEEKLY:
        raise RuleError("weekdays are only for WEEKLY")
    if any(d not in WEEKDAYS for d in days):
        raise RuleError("must be among " + ", ".join(WEEKDAYS))
    if len(set(days)) != len(days):
        raise RuleError("must not repeat a weekday")
    return tuple(d for d in WEEKDAYS if d in days)


def month_day(freq: Frequency, value: int) -> int:
    if value and freq is not Frequency.MONTHLY:
        raise RuleError("a day of the month is only for MONTHLY")
    if value and not (1 <= value <= 31 or value == -1):
        raise RuleError("must be 1 to 31, or -1 for the last day")
    return value


def count(freq: Frequency, value: int) -> int:
    if value and freq is Frequency.NONE:
        raise RuleError("a one-off schedule does not repeat")
    if not 0 <= value <= COUNT_MAX:
        raise RuleError(f"must be 0 to {COUNT_MAX}")
    return value


def check_end(end: date | None, *, start: date, rec: Recurrence) -> date | None:
    if end is None:
        return None
    if end < start:
        raise RuleError("must not be before the start date")
    if rec.count:
        raise RuleError("give either an end date or a count, not both")
    if rec.frequency is Frequency.NONE and end != start:
        raise RuleError("a one-off schedule ends on its start date")
    return end


def to_rrule(rec: Recurrence) -> str:
    """The RRULE value (RFC 5545 3.3.10) without DTSTART/UNTIL; "" for a one-off."""
    if rec.frequency is Frequency.NONE:
        return ""
    parts = [f"FREQ={rec.frequency.value}", f"INTERVAL={rec.interval}"]
    if rec.weekdays:
        parts.append("BYDAY=" + ",".join(rec.weekdays))
    if rec.month_day:
        parts.append(f"BYMONTHDAY={rec.month_day}")
    if rec.count:
        parts.append(f"COUNT={rec.count}")
    return ";".join(parts)


@lru_cache(maxsize=4096)
def from_rrule(value: str) -> Recurrence:
    """The inverse of to_rrule (stored values only: they were written by it)."""
    if not value:
        return Recurrence()
    parts = dict(p.split("=", 1) for p in value.split(";"))
    return Recurrence(
        frequency=Frequency(parts["FREQ"]),
        interval=int(parts.get("INTERVAL", "1")),
        weekdays=tuple(d for d in parts.get("BYDAY", "").split(",") if d),
        month_day=int(parts.get("BYMONTHDAY", "0")),
        count=int(parts.get("COUNT", "0")),
    )


# --- medication -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Medication:
    name: str
    dosage: str
    doses_per_day: int
    duration_days: int  # 0: open-ended
    from_prescription: bool = False


def medication_name(raw: str) -> str:
    return check_line(raw, max_len=MEDICATION_NAME_MAX)


def dosage(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > DOSAGE_MAX:
        raise RuleError(f"must be at most {DOSAGE_MAX} characters")
    return text


def doses_per_day(value: int, *, times: int) -> int:
    """0 means one dose per time of day; otherwise it must be that."""
    if value and value != times:
        raise RuleError("must equal the number of times of day")
    return times


def duration_days(value: int) -> int:
    if not 0 <= value <= DURATION_MAX_DAYS:
        raise RuleError(f"must be 0 to {DURATION_MAX_DAYS} days")
    return value


def course_end(start: date, duration_days: int) -> date | None:
    """A course of N days ends on its Nth day."""
    return start + timedelta(days=duration_days - 1) if duration_days else None


# --- expansion --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Override:
    at: datetime  # the new start (UTC)
    title: str | None = None


@dataclass(frozen=True)
class Series:
    """What expansion needs of a schedule."""

    start: date
    end: date | None
    rrule: str
    times: tuple[time, ...]
    cancelled: frozenset[datetime] = frozenset()
    overrides: Mapping[datetime, Override] = field(default_factory=dict)


@dataclass(frozen=True)
class Occ:
    key: datetime  # the planned instant (UTC)
    at: datetime  # the actual start (UTC): the key unless moved
    title: str | None = None  # an override's title
    overridden: bool = False


@lru_cache(maxsize=8192)
def _rule(value: str, start: date, end: date | None) -> du.rrule:
    rec = from_rrule(value)
    until = datetime.combine(end, time(23, 59, 59)) if end else None
    weekdays = [_DU_WEEKDAYS[WEEKDAYS.index(d)] for d in rec.weekdays] or None
    month_day = (rec.month_day or start.day) if rec.frequency is Frequency.MONTHLY else None
    return du.rrule(
        _DU_FREQ[rec.frequency],
        dtstart=datetime.combine(start, time()),
        interval=rec.interval,
        count=rec.count or None,
        until=until,
        byweekday=weekdays,
        bymonthday=month_day,
    )


def _daily_from(s: Series, first: date) -> Iterator[date]:
    """A DAILY series' dates from `first` by arithmetic: the most common rule (courses,
    walks) skips dateutil's per-iteration set-up, which dominates a busy reminder tick."""
    rec = from_rrule(s.rrule)
    n = max(0, -(-(first - s.start).days // rec.interval))  # ceil, never before the start
    for _ in range(_SEARCH_DATES):
        if rec.count and n >= rec.count:
            return
        day = s.start + timedelta(days=n * rec.interval)
        if s.end is not None and day > s.end:
            return
        yield day
        n += 1


def _is_daily(s: Series) -> bool:
    return s.rrule.startswith("FREQ=DAILY;")


def _dates_between(s: Series, first: date, last: date) -> list[date]:
    """The series' dates within [first, last]."""
    if _is_daily(s):
        found = []
        for day in _daily_from(s, first):
            if day > last:
                break
            found.append(day)
        return found
    if not s.rrule:
        return [s.start] if first <= s.start <= last and (s.end is None or s.end >= s.start) else []
    lo = datetime.combine(max(first, s.start), time())
    hi = datetime.combine(last if s.end is None else min(last, s.end), time())
    if hi < lo:
        return []
    return [d.date() for d in _rule(s.rrule, s.start, s.end).between(lo, hi, inc=True)]


def _dates_from(s: Series, first: date) -> Iterator[date]:
    if _is_daily(s):
        yield from _daily_from(s, first)
        return
    if not s.rrule:
        if s.start >= first:
            yield s.start
        return
    lo = datetime.combine(max(first, s.start), time())
    for n, d in enumerate(_rule(s.rrule, s.start, s.end).xafter(lo, inc=True)):
        if n >= _SEARCH_DATES:
            return
        yield d.date()


def instant(day: date, t: time) -> datetime:
    """Seoul wall time as a UTC instant."""
    return datetime.combine(day, t, tzinfo=SEOUL).astimezone(UTC)


def occurrences_between(s: Series, start: datetime, end: datetime) -> list[Occ]:
    """Occurrences starting in [start, end), by start then key."""
    first = start.astimezone(SEOUL).date() - timedelta(days=1)
    last = end.astimezone(SEOUL).date() + timedelta(days=1)
    found: list[Occ] = []
    for day in _dates_between(s, first, last):
        for t in s.times:
            key = instant(day, t)
            if key in s.cancelled or key in s.overrides:
                continue
            if start <= key < end:
                found.append(Occ(key, key))
    for key, o in s.overrides.items():
        if key not in s.cancelled and start <= o.at < end:
            found.append(Occ(key, o.at, o.title, True))
    found.sort(key=lambda o: (o.at, o.key))
    return found


def is_occurrence(s: Series, key: datetime) -> bool:
    """Whether the rule plans an occurrence at key (cancelled or not)."""
    local = key.astimezone(SEOUL)
    if local.time().replace(second=0, microsecond=0) != local.time():
        return False
    if local.time() not in s.times:
        return False
    return bool(_dates_between(s, local.date(), local.date()))


def next_occurrence(s: Series, after: datetime, *, after_key: datetime | None = None) -> Occ | None:
    """The first occurrence at or after `after` (strictly after (after, after_key) when a key
    is given: the one that follows an occurrence already handled)."""

    def later(o: Occ) -> bool:
        if after_key is None:
            return o.at >= after
        return (o.at, o.key) > (after, after_key)

    best: Occ | None = None
    for key, o in s.overrides.items():
        occ = Occ(key, o.at, o.title, True)
        if key not in s.cancelled and later(occ) and (best is None or occ.at < best.at):
            best = occ
    for day in _dates_from(s, after.astimezone(SEOUL).date() - timedelta(days=1)):
        if best is not None and instant(day, time()) > best.at:
            break
        for t in s.times:
            key = instant(day, t)
            if key in s.cancelled or key in s.overrides:
                continue
            occ = Occ(key, key)
            if later(occ):
                if best is None or (occ.at, occ.key) < (best.at, best.key):
                    best = occ
                return best
    return best


def occurrence_count_before(s: Series, day: date) -> int:
    """How many dates of the series fall before `day` (to split a COUNT-limited series)."""
    if day <= s.start:
        return 0
    return len(_dates_between(s, s.start, day - timedelta(days=1)))


# --- keys -------------------------------------------------------------------------------------

_KEY_RE = re.compile(r"^(\d{8})T(\d{6})Z$", re.ASCII)


def format_key(key: datetime) -> str:
    """RFC 5545's UTC form: 20250501T000000Z."""
    return key.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_key(raw: str) -> datetime:
    m = _KEY_RE.match(raw.strip())
    if m is None:
        raise RuleError("must be an occurrence key like 20250501T000000Z")
    try:
        return datetime.strptime(raw.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise RuleError("must be an occurrence key like 20250501T000000Z") from None


def check_window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    if start is None or end is None:
        raise RuleError("needs both from and to")
    if end <= start:
        raise RuleError("to must be after from")
    if end - start > WINDOW_MAX:
        raise RuleError(f"the window must be at most {WINDOW_MAX.days} days")
    return start, end


# --- reminders --------------------------------------------------------------------------------


def fire_at(occ: Occ, lead: int) -> datetime:
    return occ.at - timedelta(minutes=lead)


def first_reminder(s: Series, lead: int, now: datetime) -> Occ | None:
    """The first occurrence whose reminder time has not passed (a reminder turned on or a
    schedule changed now does not fire for what is already due)."""
    return next_occurrence(s, now + timedelta(minutes=lead))


def due_reminders(
    s: Series, lead: int, pointer: Occ, now: datetime
) -> tuple[list[Occ], Occ | None]:
    """Starting at the pointer (the next occurrence to remind of), the occurrences whose
    reminder is due by `now` and have not passed LATE_LIMIT, and the new pointer."""
    due: list[Occ] = []
    occ: Occ | None = pointer
    while occ is not None and fire_at(occ, lead) <= now:
        if occ.at >= now - LATE_LIMIT:
            due.append(occ)
        occ = next_occurrence(s, occ.at, after_key=occ.key)
    return due, occ
