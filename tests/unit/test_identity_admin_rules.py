"""Pure rules of the admin console: reasons, filters, suspension, and the cursors its lists
page with."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from petful.identity import rules
from petful.platform.auth_context import Role
from petful.platform.paging import check_page_size, decode_cursor, encode_cursor
from petful.platform.validation import RuleError, check_reason


@pytest.mark.parametrize(
    ("text", "ok"),
    [("a" * 4, False), ("a" * 5, True), ("  abcde  ", True), ("a" * 500, True), ("a" * 501, False)],
)
def test_admin_reason_length(text: str, ok: bool) -> None:
    if ok:
        assert check_reason(text) == text.strip()
    else:
        with pytest.raises(RuleError, match="5 to 500"):
            check_reason(text)


def test_admin_reason_rejects_control_characters() -> None:
    with pytest.raises(RuleError, match="control"):
        check_reason("spam\x00spam")


@pytest.mark.parametrize(
    ("size", "expected"), [(0, 20), (1, 1), (100, 100), (-1, None), (101, None)]
)
def test_page_size(size: int, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(RuleError, match="1 to 100"):
            check_page_size(size)
    else:
        assert check_page_size(size) == expected


def test_cursor_round_trip() -> None:
    at = datetime(2026, 5, 1, 12, 30, 15, 123456, tzinfo=UTC)
    row = uuid.uuid4()
    cursor = encode_cursor(at, row)
    assert "=" not in cursor
    assert decode_cursor(cursor) == (at, row)
    assert decode_cursor("") is None


@pytest.mark.parametrize("bad", ["nope", "!!!", "eyJ0IjoxfQ", "e30", "bm90IGpzb24"])
def test_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(RuleError, match="cursor"):
        decode_cursor(bad)


def test_cursor_without_time_zone_is_refused() -> None:
    naive = encode_cursor(datetime(2026, 1, 1), uuid.uuid4())
    with pytest.raises(RuleError):
        decode_cursor(naive)


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


def test_account_status_filter() -> None:
    assert rules.check_account_status("SUSPENDED") is rules.AccountStatus.SUSPENDED
    with pytest.raises(RuleError, match="ACTIVE, SUSPENDED or WITHDRAWN"):
        rules.check_account_status("HAPPY")


def test_audit_filters() -> None:
    assert [rules.check_audit_target_type(t) for t in ("USER", "SESSION", "REPORT")] == list(
        rules.AuditTargetType
    )
    with pytest.raises(RuleError, match="USER, SESSION or REPORT"):
        rules.check_audit_target_type("PLANET")
    assert rules.check_action("user.suspend") == "user.suspend"
    with pytest.raises(RuleError, match="at most 100"):
        rules.check_action("x" * 101)


def test_admins_cannot_suspend_themselves_or_other_admins() -> None:
    me, other = uuid.uuid4(), uuid.uuid4()
    rules.check_can_suspend(actor_id=me, target_id=other, target_role=Role.USER)
    rules.check_can_suspend(actor_id=me, target_id=other, target_role=Role.ADVERTISER)
    with pytest.raises(RuleError, match="own account"):
        rules.check_can_suspend(actor_id=me, target_id=me, target_role=Role.ADMIN)
    with pytest.raises(RuleError, match="administrator"):
        rules.check_can_suspend(actor_id=me, target_id=other, target_role=Role.ADMIN)
