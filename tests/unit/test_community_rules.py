"""Pure rules of user reports (신고): the queue's state machine and what a report may say."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from petful.community import rules
from petful.community.rules import ReportStatus, ReportTargetType
from petful.platform.validation import RuleError

HANDLED = (ReportStatus.RESOLVED, ReportStatus.DISMISSED)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(ReportStatus, repeat=2)))
def test_reports_only_go_from_open_to_handled(current: ReportStatus, target: ReportStatus) -> None:
    if current is ReportStatus.OPEN and target in HANDLED:
        assert rules.check_report_transition(current, target) is target
    else:
        with pytest.raises(RuleError, match=f"from {current.value} to {target.value}"):
            rules.check_report_transition(current, target)


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


def test_report_text_keeps_lines_and_emoji_but_no_control_characters() -> None:
    text = "first line\nsecond 🐕‍🦺 line"  # the service dog is joined by a ZWJ
    assert rules.check_report_text(text) == text
    with pytest.raises(RuleError, match="control"):
        rules.check_report_text("spam spam\x00spam")


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


def test_suspend_until_needs_a_suspension_in_the_future() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    later = now + timedelta(seconds=1)
    assert rules.check_suspend_until(None, suspend_target=False, now=now) is None
    assert rules.check_suspend_until(later, suspend_target=True, now=now) == later
    with pytest.raises(RuleError, match="only with suspend_target"):
        rules.check_suspend_until(later, suspend_target=False, now=now)
    for past in (now, now - timedelta(days=1)):
        with pytest.raises(RuleError, match="future"):
            rules.check_suspend_until(past, suspend_target=True, now=now)
    with pytest.raises(RuleError, match="time zone"):
        rules.check_suspend_until(datetime(2030, 1, 1), suspend_target=True, now=now)


def test_request_names_must_name_a_member() -> None:
    assert rules.target_type("POST") is ReportTargetType.POST
    assert rules.status("OPEN") is ReportStatus.OPEN
    for parse, bad in ((rules.target_type, "PET"), (rules.category, "BORING"), (rules.status, "")):
        with pytest.raises(RuleError, match="must be one of"):
            parse(bad)


def test_category_set_is_fixed() -> None:
    assert [c.value for c in rules.ReportCategory] == [
        "SPAM",
        "ABUSE",
        "INAPPROPRIATE",
        "FRAUD",
        "OTHER",
    ]
