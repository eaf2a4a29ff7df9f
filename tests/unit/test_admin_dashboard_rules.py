"""The admin dashboard's pure parts: identity's stats window and the queue counts."""

from __future__ import annotations

from datetime import date

import pytest

from petful.edge.admin.schemas import AdminQueueCount
from petful.identity.rules import check_stats_days, stats_window
from petful.platform.validation import RuleError


def test_the_window_ends_today_oldest_first() -> None:
    days = stats_window(date(2026, 3, 2), 3)
    assert days == [date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]
    assert len(stats_window(date(2026, 3, 2), 30)) == 30


def test_days_default_and_bounds() -> None:
    assert check_stats_days(0) == 30
    assert check_stats_days(90) == 90
    for bad in (-1, 91):
        with pytest.raises(RuleError):
            check_stats_days(bad)


def test_a_queue_counts_its_first_page() -> None:
    assert AdminQueueCount.of_page(3, "") == AdminQueueCount(waiting=3, more=False)
    assert AdminQueueCount.of_page(100, "next") == AdminQueueCount(waiting=100, more=True)
