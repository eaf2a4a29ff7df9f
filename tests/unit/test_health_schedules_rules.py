"""Pure schedule rules: fields, RRULE values, expansion in Seoul wall time, occurrence keys,
the next occurrence with exceptions, due reminders at minute boundaries, and the iCalendar
document built from schedules (no database)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from icalendar import Calendar, Event

from petful.health.base import SEOUL
from petful.health.schedules import calendar, rules
from petful.health.schedules.models import Schedule, ScheduleException
from petful.health.schedules.rules import Frequency, Occ, Override, Recurrence, Series
from petful.platform.validation import RuleError


def ical_text(value: Any) -> str:
    raw = value.to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def kst(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SEOUL)


def local(occs: list[Occ]) -> list[str]:
    return [o.at.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M") for o in occs]


def series(
    rec: Recurrence, start: str, end: str | None = None, *times: str, **kw: object
) -> Series:
    return Series(
        start=date.fromisoformat(start),
        end=date.fromisoformat(end) if end else None,
        rrule=rules.to_rrule(rec),
        times=tuple(rules.time_of_day(t) for t in (times or ("09:00",))),
        **kw,  # type: ignore[arg-type]
    )


# --- fields -----------------------------------------------------------------------------------


def test_times_are_sorted_distinct_and_bounded() -> None:
    assert rules.times_of_day(["20:00", "08:00"]) == (time(8), time(20))
    for bad in ([], ["08:00", "08:00"], ["24:00"], ["8:00"], [f"0{n}:00" for n in range(7)]):
        with pytest.raises(RuleError):
            rules.times_of_day(bad)


def test_recurrence_parts_must_fit_their_frequency() -> None:
    assert rules.weekdays(Frequency.WEEKLY, ["WE", "MO"]) == ("MO", "WE")
    with pytest.raises(RuleError):
        rules.weekdays(Frequency.DAILY, ["MO"])
    with pytest.raises(RuleError):
        rules.weekdays(Frequency.WEEKLY, ["XX"])
    with pytest.raises(RuleError):
        rules.month_day(Frequency.MONTHLY, 32)
    assert rules.month_day(Frequency.MONTHLY, -1) == -1
    with pytest.raises(RuleError):
        rules.month_day(Frequency.WEEKLY, 3)
    with pytest.raises(RuleError):
        rules.interval(Frequency.NONE, 2)
    with pytest.raises(RuleError):
        rules.count(Frequency.NONE, 2)
    with pytest.raises(RuleError):
        rules.check_end(
            date(2025, 5, 1), start=date(2025, 4, 1), rec=Recurrence(Frequency.DAILY, count=3)
        )
    with pytest.raises(RuleError):
        rules.lead_minutes(15)
    assert [rules.lead_minutes(m) for m in rules.LEAD_MINUTES] == [0, 10, 30, 60, 1440, 2880, 4320]


def test_a_start_is_in_the_past_by_seoul_dates() -> None:
    # 23:30 UTC on 03-05 is already 03-06 in Seoul.
    now = datetime(2025, 3, 5, 23, 30, tzinfo=UTC)
    assert rules.not_in_past(date(2025, 3, 6), now=now) == date(2025, 3, 6)
    with pytest.raises(RuleError):
        rules.not_in_past(date(2025, 3, 5), now=now)


def test_sub_types_belong_to_their_kind() -> None:
    assert rules.sub_type("VACCINE", of=rules.Kind.VACCINATION) is rules.SubType.VACCINE
    with pytest.raises(RuleError):
        rules.sub_type("VACCINE", of=rules.Kind.EXERCISE)
    assert all(rules.SubType.ETC in subs for subs in rules.SUB_TYPES.values())


def test_rrule_values_round_trip() -> None:
    for rec in (
        Recurrence(),
        Recurrence(Frequency.DAILY, 3, count=10),
        Recurrence(Frequency.WEEKLY, 2, ("MO", "FR")),
        Recurrence(Frequency.MONTHLY, 1, month_day=-1),
        Recurrence(Frequency.YEARLY),
    ):
        assert rules.from_rrule(rules.to_rrule(rec)) == rec
    assert rules.to_rrule(Recurrence(Frequency.WEEKLY, 2, ("MO", "FR"), count=4)) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=4"
    )


# --- expansion --------------------------------------------------------------------------------


def test_seoul_has_no_daylight_saving_so_nine_is_always_midnight_utc() -> None:
    s = series(Recurrence(Frequency.DAILY), "2025-01-01", "2025-12-31")
    year = rules.occurrences_between(
        s, datetime(2025, 1, 1, tzinfo=UTC) - timedelta(hours=9), datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert len(year) == 365
    assert {(o.at.hour, o.at.minute) for o in year} == {(0, 0)}


def test_month_ends_and_leap_days_follow_rfc_5545() -> None:
    window = (kst("2024-01-01 00:00"), kst("2029-01-01 00:00"))
    last = series(Recurrence(Frequency.MONTHLY, month_day=-1), "2025-01-31", "2025-04-30")
    assert local(rules.occurrences_between(last, *window))[:4] == [
        "2025-01-31 09:00",
        "2025-02-28 09:00",
        "2025-03-31 09:00",
        "2025-04-30 09:00",
    ]
    thirty_first = series(Recurrence(Frequency.MONTHLY), "2025-01-31", "2025-05-31")
    assert [x[:10] for x in local(rules.occurrences_between(thirty_first, *window))] == [
        "2025-01-31",
        "2025-03-31",
        "2025-05-31",
    ]
    leap = series(Recurrence(Frequency.YEARLY), "2024-02-29")
    assert [x[:4] for x in local(rules.occurrences_between(leap, *window))] == ["2024", "2028"]


def test_windows_cut_at_instants_and_keys_read_as_recurrence_ids() -> None:
    s = series(Recurrence(Frequency.WEEKLY, 1, ("MO", "WE")), "2025-03-06", None, "08:00", "20:00")
    found = rules.occurrences_between(s, kst("2025-03-10 08:00"), kst("2025-03-12 08:00"))
    assert local(found) == ["2025-03-10 08:00", "2025-03-10 20:00"]
    assert rules.format_key(found[0].key) == "20250309T230000Z"
    assert rules.parse_key("20250309T230000Z") == found[0].key
    for bad in ("2025-03-09", "20250399T230000Z", "20250309T230000"):
        with pytest.raises(RuleError):
            rules.parse_key(bad)
    assert rules.is_occurrence(s, found[1].key)
    assert not rules.is_occurrence(s, kst("2025-03-11 08:00"))
    assert not rules.is_occurrence(s, kst("2025-03-10 08:01"))


def test_count_limits_dates_not_occurrences() -> None:
    s = series(Recurrence(Frequency.DAILY, count=2), "2025-03-06", None, "08:00", "20:00")
    assert len(rules.occurrences_between(s, kst("2025-03-01 00:00"), kst("2025-04-01 00:00"))) == 4
    assert rules.occurrence_count_before(s, date(2025, 3, 7)) == 1


def test_exceptions_cancel_and_move_occurrences() -> None:
    plain = series(Recurrence(Frequency.DAILY), "2025-03-06", "2025-03-09")
    keys = [
        o.key
        for o in rules.occurrences_between(plain, kst("2025-03-01 00:00"), kst("2025-04-01 00:00"))
    ]
    s = Series(
        plain.start,
        plain.end,
        plain.rrule,
        plain.times,
        cancelled=frozenset({keys[1]}),
        overrides={keys[3]: Override(kst("2025-03-06 07:00"), "일찍")},
    )
    found = rules.occurrences_between(s, kst("2025-03-01 00:00"), kst("2025-04-01 00:00"))
    assert local(found) == ["2025-03-06 07:00", "2025-03-06 09:00", "2025-03-08 09:00"]
    assert (found[0].title, found[0].overridden, found[0].key) == ("일찍", True, keys[3])
    # The next occurrence sees the move and skips the cancelled one.
    nxt = rules.next_occurrence(s, kst("2025-03-06 06:00"))
    assert nxt is not None
    assert nxt.at == kst("2025-03-06 07:00")
    after = rules.next_occurrence(s, kst("2025-03-06 09:00"), after_key=keys[0])
    assert after is not None
    assert after.at == kst("2025-03-08 09:00")
    assert rules.next_occurrence(s, kst("2025-03-08 10:00")) is None


# --- reminders --------------------------------------------------------------------------------


def test_due_reminders_at_minute_boundaries_and_late_limit() -> None:
    s = series(Recurrence(Frequency.DAILY), "2025-03-07")
    pointer = rules.first_reminder(s, 10, kst("2025-03-06 15:00"))
    assert pointer is not None
    assert pointer.at == kst("2025-03-07 09:00")
    due, nxt = rules.due_reminders(s, 10, pointer, kst("2025-03-07 08:49") + timedelta(seconds=59))
    assert (due, nxt) == ([], pointer)
    due, nxt = rules.due_reminders(s, 10, pointer, kst("2025-03-07 08:50"))
    assert local(due) == ["2025-03-07 09:00"]
    assert nxt is not None
    assert nxt.at == kst("2025-03-08 09:00")
    # Two days late: only what started less than LATE_LIMIT ago is still sent.
    due, nxt = rules.due_reminders(s, 10, pointer, kst("2025-03-09 14:00"))
    assert local(due) == ["2025-03-09 09:00"]
    assert nxt is not None
    assert nxt.at == kst("2025-03-10 09:00")
    # Turned on after a reminder time passed: that occurrence is not reminded of.
    late = rules.first_reminder(s, 1440, kst("2025-03-06 15:00"))
    assert late is not None
    assert late.at == kst("2025-03-08 09:00")


# --- the iCalendar document -------------------------------------------------------------------


def schedule(**fields: object) -> Schedule:
    base: dict[str, object] = {
        "id": uuid.UUID(int=1),
        "owner_id": uuid.UUID(int=2),
        "pet_id": uuid.UUID(int=3),
        "pet_name": "보리",
        "kind": "CARE",
        "sub_type": "GROOMING",
        "title": "빗질",
        "memo": "",
        "times": [time(8), time(20)],
        "start_date": date(2025, 3, 6),
        "end_date": date(2025, 3, 31),
        "rrule": "FREQ=DAILY;INTERVAL=1",
        "medication_name": None,
        "dosage": None,
        "reminder_lead_minutes": 0,
    }
    base.update(fields)
    return Schedule(**base)


def test_the_calendar_has_one_event_per_time_with_exdates_and_overrides() -> None:
    s = schedule()
    cancelled = ScheduleException(
        schedule_id=s.id, key=kst("2025-03-07 20:00").astimezone(UTC), cancelled=True
    )
    moved = ScheduleException(
        schedule_id=s.id,
        key=kst("2025-03-08 08:00").astimezone(UTC),
        cancelled=False,
        moved_to=kst("2025-03-08 10:00").astimezone(UTC),
        title=None,
    )
    ics = calendar.build([(s, [cancelled, moved])], now=datetime(2025, 3, 6, tzinfo=UTC))
    cal = Calendar.from_ical(ics)
    events = [e for e in cal.walk("VEVENT") if isinstance(e, Event)]
    assert sorted(str(e["UID"]) for e in events) == sorted(
        [f"{s.id}-0800@petful.dev", f"{s.id}-0800@petful.dev", f"{s.id}-2000@petful.dev"]
    )
    evening = next(e for e in events if str(e["UID"]).endswith("2000@petful.dev"))
    assert evening.exdates == [kst("2025-03-07 20:00")]
    assert "UNTIL=20250331T145959Z" in ical_text(evening["RRULE"])
    override = next(e for e in events if "RECURRENCE-ID" in e)
    assert override.decoded("RECURRENCE-ID") == kst("2025-03-08 08:00")
    assert override.decoded("DTSTART") == kst("2025-03-08 10:00")
    assert str(override["SUMMARY"]) == "[보리] 빗질"
    (alarm,) = evening.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(0)


def test_a_cancelled_one_off_leaves_no_event() -> None:
    s = schedule(rrule="", end_date=None, times=[time(9)])
    gone = ScheduleException(
        schedule_id=s.id, key=kst("2025-03-06 09:00").astimezone(UTC), cancelled=True
    )
    cal = Calendar.from_ical(calendar.build([(s, [gone])], now=datetime(2025, 3, 6, tzinfo=UTC)))
    assert list(cal.walk("VEVENT")) == []


def test_feed_tokens_are_random_and_stored_as_hashes() -> None:
    token, digest = calendar.new_token()
    other, _ = calendar.new_token()
    assert token != other
    assert len(token) >= 40
    assert digest == calendar.token_hash(token)
    assert token.encode() not in digest
