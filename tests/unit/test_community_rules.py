"""Pure rules of user reports (신고): the queue's state machine, what a report may say, when
content is hidden pending review and what a decision may do."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from petful.community.reports import rules
from petful.community.reports.rules import ReportStatus, ReportTargetType
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


def test_nobody_reports_their_own_content() -> None:
    me = uuid.uuid4()
    with pytest.raises(RuleError, match="your own"):
        rules.check_not_own_content(reporter_id=me, author_id=me)
    rules.check_not_own_content(reporter_id=me, author_id=uuid.uuid4())


# --- hiding pending review -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_reports", "hidden", "deleted", "hides"),
    [
        (2, False, False, False),
        (3, False, False, True),
        (4, False, False, True),  # reports that came while it was being decided
        (3, True, False, False),  # already hidden: not again (nor a second event)
        (3, False, True, False),
    ],
)
def test_the_threshold_hides_live_visible_content_once(
    open_reports: int, hidden: bool, deleted: bool, hides: bool
) -> None:
    assert (
        rules.hides_at_threshold(
            open_reports=open_reports, threshold=3, hidden=hidden, deleted=deleted
        )
        is hides
    )


def test_dismissal_restores_only_what_the_threshold_hid() -> None:
    hidden_at = datetime(2026, 1, 1, tzinfo=UTC)
    before, after = hidden_at - timedelta(days=1), hidden_at + timedelta(hours=1)
    restores = rules.restores_on_dismissal
    assert restores(hidden_at=hidden_at, deleted=False, last_upheld_at=None)
    # Reports upheld before it was hidden were about what it was then.
    assert restores(hidden_at=hidden_at, deleted=False, last_upheld_at=before)
    # An admin's HIDE_CONTENT hides at the moment it resolves; a later resolution upheld
    # the hiding: both are the admin's, and stay.
    assert not restores(hidden_at=hidden_at, deleted=False, last_upheld_at=hidden_at)
    assert not restores(hidden_at=hidden_at, deleted=False, last_upheld_at=after)
    assert not restores(hidden_at=None, deleted=False, last_upheld_at=None)
    assert not restores(hidden_at=hidden_at, deleted=True, last_upheld_at=None)


# --- decisions -----------------------------------------------------------------------------

Action = rules.ModerationAction
CONTENT_ONLY = {Action.HIDE_CONTENT, Action.DELETE_CONTENT, Action.WARN_AUTHOR}


@pytest.mark.parametrize(
    ("kind", "chosen"), list(itertools.product(ReportTargetType, rules.ModerationAction))
)
def test_content_actions_only_for_posts_and_comments(
    kind: ReportTargetType, chosen: rules.ModerationAction
) -> None:
    if kind is ReportTargetType.USER and chosen in CONTENT_ONLY:
        with pytest.raises(RuleError, match="POST or COMMENT"):
            rules.check_action_allowed(kind, chosen)
    else:
        rules.check_action_allowed(kind, chosen)


@pytest.mark.parametrize("chosen", list(rules.ModerationAction))
def test_deleted_content_cannot_be_hidden_or_deleted(chosen: rules.ModerationAction) -> None:
    rules.check_content_action(chosen, deleted=False)
    if chosen in (Action.HIDE_CONTENT, Action.DELETE_CONTENT):
        with pytest.raises(RuleError, match="already deleted"):
            rules.check_content_action(chosen, deleted=True)
    else:  # its author can still be warned or suspended
        rules.check_content_action(chosen, deleted=True)


def test_suspend_until_needs_a_suspension_in_the_future() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    later = now + timedelta(seconds=1)
    suspend = Action.SUSPEND_AUTHOR
    assert rules.check_suspend_until(None, chosen=Action.NONE, now=now) is None
    assert rules.check_suspend_until(later, chosen=suspend, now=now) == later
    for other in set(Action) - {suspend}:
        with pytest.raises(RuleError, match="only with the action SUSPEND_AUTHOR"):
            rules.check_suspend_until(later, chosen=other, now=now)
    for past in (now, now - timedelta(days=1)):
        with pytest.raises(RuleError, match="future"):
            rules.check_suspend_until(past, chosen=suspend, now=now)
    with pytest.raises(RuleError, match="time zone"):
        rules.check_suspend_until(datetime(2030, 1, 1), chosen=suspend, now=now)


def test_request_names_must_name_a_member() -> None:
    assert rules.target_type("POST") is ReportTargetType.POST
    assert rules.status("OPEN") is ReportStatus.OPEN
    assert rules.action("WARN_AUTHOR") is rules.ModerationAction.WARN_AUTHOR
    for parse, bad in (
        (rules.target_type, "PET"),
        (rules.category, "BORING"),
        (rules.status, ""),
        (rules.action, ""),
        (rules.action, "BAN"),
    ):
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
