"""Announcements' pure rules: the draft's checks, the recipients' event ids, the mail
schedule and the statistics' window."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from petful.notifications import broadcast_rules as rules
from petful.notifications.broadcast_rules import Audience
from petful.platform.errors import InvalidArgument
from petful.platform.validation import RuleError

NOW = datetime(2026, 3, 5, 3, 0, tzinfo=UTC)


def draft(**changes: object) -> rules.Draft:
    values: dict[str, object] = {
        "audience_name": "ALL",
        "title": "점검 안내",
        "body": "내일 새벽에 점검이 있어요.",
        "link_path": "",
        "email": False,
    }
    values.update(changes)
    return rules.draft(**values)  # type: ignore[arg-type]


def fields(error: InvalidArgument) -> set[str]:
    return {f for f, _ in error.field_violations}


def test_a_draft_is_normalised() -> None:
    d = draft(title="  점검   안내 ", body="  첫 줄\n둘째 줄  ", audience_name="ADVERTISER")
    assert d == rules.Draft(
        Audience.ADVERTISER, "점검 안내", "첫 줄\n둘째 줄", "/notifications", False
    )
    assert d.audience.role == "ADVERTISER"
    assert Audience.ALL.role == ""


def test_titles_and_bodies_have_bounds() -> None:
    assert len(draft(title="가" * 100).title) == 100
    assert len(draft(body="가" * 1000).body) == 1000
    with pytest.raises(InvalidArgument) as e:
        draft(title="가" * 101, body="가" * 1001, audience_name="")
    assert fields(e.value) == {"title", "body", "audience"}
    with pytest.raises(InvalidArgument) as e:
        draft(title=" \n ", body="   ")
    assert fields(e.value) == {"title", "body"}
    with pytest.raises(InvalidArgument) as e:
        draft(title="a\x00b", body="a\x07b")
    assert fields(e.value) == {"title", "body"}


@pytest.mark.parametrize("path", ["/notifications", "/community/posts/1?tab=new#c", "/"])
def test_links_are_paths_of_the_web_app(path: str) -> None:
    assert rules.link(path) == path
    assert rules.link(f"  {path} ") == path


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example",
        "//evil.example/x",
        "/\\evil.example",
        "notifications",
        "/a b",
        "/a\tb",
        "javascript:alert(1)",
        "/" + "a" * rules.LINK_MAX,
    ],
)
def test_links_elsewhere_are_refused(path: str) -> None:
    with pytest.raises(RuleError):
        rules.link(path)


def test_audiences_are_closed() -> None:
    assert rules.audience("USER") is Audience.USER
    for bad in ("", "user", "SERVICE", "?"):
        with pytest.raises(RuleError):
            rules.audience(bad)


def test_idempotency_keys() -> None:
    assert rules.idempotency_key(" key-1 ") == "key-1"
    assert rules.idempotency_key("") == ""
    with pytest.raises(InvalidArgument) as e:
        rules.idempotency_key("a b")
    assert fields(e.value) == {"idempotency_key"}


def test_each_recipient_has_one_event_id_per_broadcast() -> None:
    b, other = uuid.uuid4(), uuid.uuid4()
    u, v = uuid.uuid4(), uuid.uuid4()
    assert rules.event_id(b, u) == rules.event_id(b, u)
    assert len({rules.event_id(b, u), rules.event_id(b, v), rules.event_id(other, u)}) == 3


def test_mail_is_planned_at_the_rate_after_quiet_hours() -> None:
    def due(release: datetime, index: int, now: datetime = NOW) -> datetime:
        return rules.email_due(release, started_at=NOW, index=index, per_second=50, now=now)

    assert due(NOW, 0) == NOW
    assert due(NOW, 100) == NOW + timedelta(seconds=2)
    # A recipient in quiet hours: from their release, with what is left of the slot.
    morning = NOW + timedelta(hours=5)
    assert due(morning, 100) == morning + timedelta(seconds=2)
    # A page written late (a retried task): a slot already past is now.
    late = NOW + timedelta(minutes=10)
    assert due(late, 100, now=late) == late


def test_the_statistics_window() -> None:
    assert rules.stats_since(None, now=NOW) == NOW - timedelta(days=30)
    assert rules.stats_since(NOW - timedelta(hours=1), now=NOW) == NOW - timedelta(hours=1)
    with pytest.raises(RuleError):
        rules.stats_since(NOW + timedelta(seconds=1), now=NOW)


def test_finished_states() -> None:
    assert {rules.BroadcastStatus.DONE, rules.BroadcastStatus.FAILED} == rules.FINISHED
