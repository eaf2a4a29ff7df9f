"""Quiet hours, retry times, the digest hour and the settings' inputs: pure rules."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from petful.notifications.channels import next_digest
from petful.notifications.rules import (
    DELIVERY_MAX_ATTEMPTS,
    QuietHours,
    next_attempt,
    optional_channel,
    release_at,
    time_of_day,
)
from petful.notifications.wording import SEOUL
from petful.platform.validation import RuleError

NIGHT = QuietHours(time(22, 0), time(8, 0))


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SEOUL).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (seoul(5, 21, 59), seoul(5, 21, 59)),  # before the window: at once
        (seoul(5, 22, 0), seoul(6, 8, 0)),  # the window starts: tomorrow morning
        (seoul(5, 23, 30), seoul(6, 8, 0)),
        (seoul(6, 3, 0), seoul(6, 8, 0)),  # after midnight: this morning
        (seoul(6, 7, 59), seoul(6, 8, 0)),
        (seoul(6, 8, 0), seoul(6, 8, 0)),  # the window's end is outside it
        (seoul(6, 12, 0), seoul(6, 12, 0)),
    ],
)
def test_a_window_over_midnight_holds_until_its_end(now: datetime, expected: datetime) -> None:
    assert release_at(now, NIGHT) == expected


def test_a_daytime_window_and_no_window() -> None:
    lunch = QuietHours(time(12, 0), time(13, 0))
    assert release_at(seoul(5, 12, 30), lunch) == seoul(5, 13, 0)
    assert release_at(seoul(5, 11, 0), lunch) == seoul(5, 11, 0)
    assert release_at(seoul(5, 23, 0), None) == seoul(5, 23, 0)
    same = QuietHours(time(9, 0), time(9, 0))
    assert release_at(seoul(5, 9, 0), same) == seoul(5, 9, 0)


def test_the_digest_goes_at_the_next_eight_in_seoul() -> None:
    assert next_digest(seoul(5, 7, 0)) == seoul(5, 8, 0)
    assert next_digest(seoul(5, 8, 0)) == seoul(6, 8, 0)
    assert next_digest(seoul(5, 20, 0)) == seoul(6, 8, 0)


def test_retries_back_off_and_stop() -> None:
    now = seoul(5, 12)
    delays = [next_attempt(now, n) for n in range(1, DELIVERY_MAX_ATTEMPTS)]
    gaps = [d - now for d in delays if d is not None]
    assert gaps[0] == timedelta(minutes=1)
    assert gaps == sorted(gaps)
    assert max(gaps) <= timedelta(hours=4)
    assert next_attempt(now, DELIVERY_MAX_ATTEMPTS) is None


@pytest.mark.parametrize("text", ["22:00", "00:00", "23:59", "08:05"])
def test_times_of_day(text: str) -> None:
    assert time_of_day(text).strftime("%H:%M") == text


@pytest.mark.parametrize("text", ["24:00", "7:00", "12:60", "noon", "", "12:00:00"])
def test_bad_times_of_day(text: str) -> None:
    with pytest.raises(RuleError, match="HH:MM"):
        time_of_day(text)


def test_only_email_and_push_are_optional() -> None:
    assert optional_channel("EMAIL").value == "EMAIL"
    with pytest.raises(RuleError):
        optional_channel("IN_APP")
