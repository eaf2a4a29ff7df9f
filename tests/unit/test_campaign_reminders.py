"""Content-due reminders without I/O: who is reminded (read from the applicant state
machine) and which reminder is due at which moment before the deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from petful.campaigns.rules import ApplicantStatus, CampaignType, Phase, TransitionError
from petful.campaigns.rules.applicants import (
    OWES_CONTENT,
    SELECTED_STATUSES,
    ApplicantEvent,
    next_status,
)
from petful.campaigns.rules.reminders import (
    REMINDED_PHASES,
    REMINDED_STATUSES,
    due_reminder,
    reminder_windows,
)

A = ApplicantStatus
DEADLINE = datetime(2030, 3, 29, 0, 0, tzinfo=UTC)  # 09:00 in Seoul
DAY, HOUR, MINUTE = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)


def test_the_reminded_are_the_selected_who_still_have_to_post() -> None:
    assert {A.SELECTED, A.SHIPPED, A.REVISION_REQUESTED} == REMINDED_STATUSES
    assert REMINDED_STATUSES <= SELECTED_STATUSES
    for status in REMINDED_STATUSES:
        # Silent until the deadline, they would be no-shows ...
        assert next_status(status, ApplicantEvent.MARK_NO_SHOW, campaign_type=CampaignType.VISIT)
        # ... and posting is still ahead of them (a delivery's SELECTED waits for the parcel).
        for kind in CampaignType:
            try:
                target = next_status(status, ApplicantEvent.SUBMIT_CONTENT, campaign_type=kind)
            except TransitionError:
                assert (status, kind) == (A.SELECTED, CampaignType.DELIVERY)
            else:
                assert target is A.CONTENT_SUBMITTED


def test_submitted_or_approved_content_is_not_reminded() -> None:
    # A submitted post still unreviewed at the deadline is accepted: that PetStar is done.
    assert A.CONTENT_SUBMITTED in OWES_CONTENT
    assert A.CONTENT_SUBMITTED not in REMINDED_STATUSES
    assert not REMINDED_STATUSES & {A.APPROVED, A.COMPLETED, A.NO_SHOW, A.CANCELLED}
    assert not REMINDED_STATUSES & {A.APPLIED, A.NOT_SELECTED}


def test_only_announced_and_unsettled_campaigns_remind() -> None:
    assert {Phase.ANNOUNCED, Phase.IN_PROGRESS, Phase.REVIEWING} == REMINDED_PHASES


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (4 * DAY, None),
        (3 * DAY + MINUTE, None),
        (3 * DAY, 3),  # exactly 3 days before: the 3-day reminder
        (2 * DAY, 3),
        (DAY + MINUTE, 3),
        (DAY, 1),  # exactly 1 day before: the 1-day reminder
        (20 * HOUR, 1),  # a first run inside the last day: only the 1-day one
        (MINUTE, 1),
        (timedelta(0), None),  # the deadline: the clock settles the applicant now
        (-HOUR, None),
    ],
)
def test_the_nearest_reminder_is_due(before: timedelta, expected: int | None) -> None:
    assert due_reminder(DEADLINE, DEADLINE - before) == expected


def test_the_windows_are_adjacent_and_nearest_first() -> None:
    now = DEADLINE - 5 * DAY
    one, three = reminder_windows(now)
    assert (one.days, one.after, one.until) == (1, now, now + DAY)
    assert (three.days, three.after, three.until) == (3, now + DAY, now + 3 * DAY)
