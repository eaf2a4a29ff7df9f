"""Pure rules of the admin console and user reports: state machine, reasons, cursors."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from petful.identity import rules
from petful.identity.rules import ReportStatus, ReportTargetType, Role, RuleError

ALLOWED = {
    (ReportStatus.OPEN, ReportStatus.RESOLVED),
    (ReportStatus.OPEN, ReportStatus.DISMISSED),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(ReportStatus, repeat=2)))
def test_report_state_machine_is_exactly_open_to_handled(
    current: ReportStatus, target: ReportStatus
) -> None:
    allowed = (current, target) in ALLOWED
    assert rules.can_report_transition(current, target) is allowed
    if allowed:
        assert rules.check_report_transition(current, target) is target
    else:
        with pytest.raises(RuleError, match=f"from {current.value} to {target.value}"):
            rules.check_report_transition(current, target)


def test_handled_reports_are_terminal() -> None:
    for status in (ReportStatus.RESOLVED, ReportStatus.DISMISSED):
        assert not any(rules.can_report_transition(status, t) for t in ReportStatus)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("a" * 4, False), ("a" * 5, True), ("  abcde  ", True), ("a" * 500, True), ("a" * 501, False)],
)
def test_admin_reason_length(text: str, ok: bool) -> None:
    if ok:
        assert rules.check_admin_reason(text) == text.strip()
    else:
        with pytest.raises(RuleError, match="5 to 500"):
            rules.check_admin_reason(text)


def test_admin_reason_rejects_control_characters() -> None:
    with pytest.raises(RuleError, match="control"):
        rules.check_admin_reason("spam\x00spam")


@pytest.mark.parametrize(
    ("text", "ok"), [("a" * 9, False), ("a" * 10, True), ("a" * 500, True), ("a" * 501, False)]
)
def test_report_text_length(text: str, ok: bool) -> None:
    if ok:
        assert rules.check_report_text(text) == text
    else:
        with pytest.raises(RuleError, match="10 to 500"):
            rules.check_report_text(text)


def test_report_text_is_trimmed_before_counting() -> None:
    with pytest.raises(RuleError):
        rules.check_report_text("   short    ")


@pytest.mark.parametrize(
    ("size", "expected"), [(0, 20), (1, 1), (100, 100), (-1, None), (101, None)]
)
def test_page_size(size: int, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(RuleError, match="1 to 100"):
            rules.check_page_size(size)
    else:
        assert rules.check_page_size(size) == expected


def test_cursor_round_trip() -> None:
    at = datetime(2026, 5, 1, 12, 30, 15, 123456, tzinfo=UTC)
    row = uuid.uuid4()
    cursor = rules.encode_cursor(at, row)
    assert "=" not in cursor
    assert rules.decode_cursor(cursor) == (at, row)
    assert rules.decode_cursor("") is None


@pytest.mark.parametrize("bad", ["nope", "!!!", "eyJ0IjoxfQ", "e30", "bm90IGpzb24"])
def test_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(RuleError, match="cursor"):
        rules.decode_cursor(bad)


def test_cursor_without_time_zone_is_refused() -> None:
    naive = rules.encode_cursor(datetime(2026, 1, 1), uuid.uuid4())
    with pytest.raises(RuleError):
        rules.decode_cursor(naive)


def test_check_future() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    later = now + timedelta(seconds=1)
    assert rules.check_future(later, now=now) == later
    for bad in (now, now - timedelta(days=1)):
        with pytest.raises(RuleError, match="future"):
            rules.check_future(bad, now=now)
    with pytest.raises(RuleError, match="time zone"):
        rules.check_future(datetime(2030, 1, 1), now=now)


def test_search_query() -> None:
    assert rules.check_search_query("  Kim ") == "Kim"
    with pytest.raises(RuleError):
        rules.check_search_query("x" * 101)


def test_admins_cannot_suspend_themselves_or_other_admins() -> None:
    me, other = uuid.uuid4(), uuid.uuid4()
    rules.check_can_suspend(actor_id=me, target_id=other, target_role=Role.USER)
    rules.check_can_suspend(actor_id=me, target_id=other, target_role=Role.ADVERTISER)
    with pytest.raises(RuleError, match="own account"):
        rules.check_can_suspend(actor_id=me, target_id=me, target_role=Role.ADMIN)
    with pytest.raises(RuleError, match="administrator"):
        rules.check_can_suspend(actor_id=me, target_id=other, target_role=Role.ADMIN)


def test_self_report_only_matters_for_users() -> None:
    me = uuid.uuid4()
    with pytest.raises(RuleError, match="yourself"):
        rules.check_not_self_report(reporter_id=me, target_type=ReportTargetType.USER, target_id=me)
    # A post that happens to share the id is not the reporter.
    rules.check_not_self_report(reporter_id=me, target_type=ReportTargetType.POST, target_id=me)
    rules.check_not_self_report(
        reporter_id=me, target_type=ReportTargetType.USER, target_id=uuid.uuid4()
    )


@pytest.mark.parametrize("kind", list(ReportTargetType))
def test_suspend_target_only_for_user_reports(kind: ReportTargetType) -> None:
    rules.check_suspend_target_allowed(kind, False)
    if kind is ReportTargetType.USER:
        rules.check_suspend_target_allowed(kind, True)
    else:
        with pytest.raises(RuleError, match="USER"):
            rules.check_suspend_target_allowed(kind, True)


def test_category_set_is_fixed() -> None:
    assert [c.value for c in rules.ReportCategory] == [
        "SPAM",
        "ABUSE",
        "INAPPROPRIATE",
        "FRAUD",
        "OTHER",
    ]
