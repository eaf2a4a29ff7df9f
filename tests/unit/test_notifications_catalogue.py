"""The notification catalogue: every entry renders from its event, links go to pages the
web app has, and the Korean wording (particles, times) reads right."""

from __future__ import annotations

import re
import types
import typing
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from petful.contracts import all_topics
from petful.contracts import community as community_events
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.contracts.base import Payload
from petful.edge.notifications import stream
from petful.notifications import catalogue, live
from petful.notifications.catalogue import BY_TYPE, ENTRIES, Entry
from petful.notifications.rules import Category, Channel
from petful.notifications.tasks import subscriber_name
from petful.notifications.wording import josa, korean_datetime
from petful.pb.notifications.v1 import notifications_pb2 as pb

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2025, 3, 7, 0, 0, tzinfo=UTC)  # Friday 09:00 in Seoul
# Pages the community helper is adding to the web app (its routes.tsx is still empty).
PENDING_ROUTES = {"/community", "/community/posts/:postId"}


# Fields whose values are a closed set.
NAMED_SAMPLES = {"target_type": "POST"}


def sample_value(annotation: Any, name: str) -> Any:
    """A plausible value for a payload field of this type."""
    if name in NAMED_SAMPLES:
        return NAMED_SAMPLES[name]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return sample_value(next(a for a in args if a is not type(None)), name)
    samples: dict[Any, Any] = {
        uuid.UUID: uuid.uuid4(),
        str: f"{name}값",
        int: 3,
        float: 1.5,
        bool: True,
        datetime: AT,
        date: AT.date(),
    }
    return samples[annotation]


def sample(entry: Entry, **fields: Any) -> Payload:
    """The entry's payload with sample values, its `when` values and fields."""
    model = entry.topic.payload
    values = {
        name: sample_value(info.annotation, name)
        for name, info in model.model_fields.items()
        if info.is_required() or info.annotation is not None
    }
    values.update(entry.when, **fields)
    payload: Payload = model(**values)
    return payload


def web_routes() -> set[str]:
    found = set()
    for routes in (ROOT / "web" / "src" / "pages").glob("*/routes.tsx"):
        found |= {"/" + p for p in re.findall(r'path: "([^"]+)"', routes.read_text())}
    return found | PENDING_ROUTES


def route_matches(path: str, route: str) -> bool:
    pattern = "^" + re.sub(r":[A-Za-z]+", "[^/]+", route) + "$"
    return re.match(pattern, path) is not None


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.type)
def test_every_entry_renders_from_its_event(entry: Entry) -> None:
    payload = sample(entry)
    assert catalogue.applies(entry, payload)
    r = catalogue.render(entry, payload, actor="콩이맘")
    assert r.title
    assert r.body
    assert "{" not in r.title + r.body + r.link
    assert r.object_type.isupper()
    assert r.object_id is not None
    assert catalogue.recipient_of(entry, payload) is not None
    path = r.link.split("?")[0]
    assert any(route_matches(path, route) for route in web_routes()), r.link


def test_the_table_is_consistent() -> None:
    declared = all_topics()
    assert len(BY_TYPE) == len(ENTRIES)
    assert len({subscriber_name(e) for e in ENTRIES}) == len(ENTRIES)
    for entry in ENTRIES:
        assert declared[entry.topic.name] is entry.topic
        assert entry.type.isupper()
        assert Channel.IN_APP in entry.channels
        fields = entry.topic.payload.model_fields
        for name in (entry.recipient, entry.object_id, entry.actor, *entry.when):
            assert not name or name in fields, (entry.type, name)


def test_the_issue_list_is_covered() -> None:
    assert {
        "CAMPAIGN_INVITED",
        "APPLICATION_RECEIVED",
        "APPLICATION_SELECTED",
        "APPLICATION_NOT_SELECTED",
        "SHIPMENT_SENT",
        "CONTENT_DUE_SOON",
        "CONTENT_APPROVED",
        "CONTENT_REVISION_REQUESTED",
        "CAMPAIGN_APPROVED",
        "CAMPAIGN_REJECTED",
        "ADVERTISER_APPROVED",
        "ADVERTISER_REJECTED",
        "PETSTAR_APPROVED",
        "PETSTAR_REJECTED",
        "PETSTAR_REVOKED",
        "INSTAGRAM_RECONNECT_NEEDED",
        "POST_COMMENTED",
        "COMMENT_REPLIED",
        "POST_LIKED",
        "REPORT_RESOLVED",
        "ACCOUNT_SUSPENDED",
        "HEALTH_REMINDER",
    } <= set(BY_TYPE)


def test_the_shipment_names_its_carrier_and_tracking_number() -> None:
    entry = BY_TYPE["SHIPMENT_SENT"]
    payload = sample(
        entry, campaign_title="여름 간식", carrier="CJ대한통운", tracking_number="630012345678"
    )
    assert catalogue.render(entry, payload).body == (
        "'여름 간식' 캠페인 제품이 발송되었어요. CJ대한통운 운송장 번호 630012345678"
    )


def test_a_content_reminder_says_when() -> None:
    entry = BY_TYPE["CONTENT_DUE_SOON"]
    payload = sample(entry, campaign_title="여름 간식", days_left=3)
    r = catalogue.render(entry, payload)
    assert r.title == "콘텐츠 마감까지 3일 남았어요"
    assert r.body == "'여름 간식' 캠페인 콘텐츠를 3월 7일 (금) 오전 9:00까지 올려 주세요."


def test_categories_agree_with_the_api() -> None:
    names = {n.removeprefix("CATEGORY_") for n in pb.Category.DESCRIPTOR.values_by_name}
    names -= {"UNSPECIFIED"}
    assert names == set(Category)


def test_the_service_and_the_edge_name_the_same_channel() -> None:
    user = uuid.uuid4()
    assert live.channel_of(user) == stream.channel_of(str(user)) == f"notifications:user:{user}"


def test_a_comment_is_one_entry_by_its_reason() -> None:
    on_post = BY_TYPE["POST_COMMENTED"]
    reply = BY_TYPE["COMMENT_REPLIED"]
    payload = sample(on_post, post_title="산책 코스 추천", excerpt="저도 가봤어요!")
    assert catalogue.applies(on_post, payload)
    assert not catalogue.applies(reply, payload)
    r = catalogue.render(on_post, payload, actor="콩이맘")
    assert r.title == "콩이맘님이 회원님의 글에 댓글을 남겼어요"
    assert r.body == "산책 코스 추천: 저도 가봤어요!"
    assert r.link == f"/community/posts/{payload.post_id}"  # type: ignore[attr-defined]


def test_likes_read_as_a_batch() -> None:
    entry = BY_TYPE["POST_LIKED"]
    payload = sample(entry, post_title="보리 생일")
    one = catalogue.render(entry, payload, actor="콩이맘")
    five = catalogue.render(entry, payload, actor="콩이맘", actor_count=5)
    assert one.title == "콩이맘님이 회원님의 글을 좋아합니다"
    assert five.title == "콩이맘님 외 4명이 회원님의 글을 좋아합니다"
    assert (one.object_type, one.body) == ("POST", "보리 생일")


def test_reasons_are_told_when_there_is_one() -> None:
    entry = BY_TYPE["PETSTAR_REJECTED"]
    pet_id = uuid.uuid4()
    with_reason = catalogue.render(
        entry, sample(entry, pet_id=pet_id, pet_name="보리", reason="게시물 부족")
    )
    without = catalogue.render(entry, sample(entry, pet_name="보리", reason=None))
    assert with_reason.body == "보리의 펫스타 신청이 승인되지 않았어요. 사유: 게시물 부족"
    assert without.body == "보리의 펫스타 신청이 승인되지 않았어요."
    assert with_reason.link == f"/pets/{pet_id}?tab=petstar"


def test_a_suspension_says_until_when() -> None:
    entry = BY_TYPE["ACCOUNT_SUSPENDED"]
    payload = identity_events.AccountSuspended(
        user_id=uuid.uuid4(), reason="반복된 광고 게시", until=AT, actor_id=uuid.uuid4()
    )
    r = catalogue.render(entry, payload)
    assert r.body == (
        "2025년 3월 7일 (금) 오전 9:00까지 글쓰기와 캠페인 활동이 제한돼요. 사유: 반복된 광고 게시"
    )
    forever = catalogue.render(entry, payload.model_copy(update={"until": None}))
    assert forever.body.startswith("관리자가 해제할 때까지 ")


def test_moderation_names_the_content() -> None:
    entry = BY_TYPE["CONTENT_HIDDEN"]
    payload = sample(entry, target_type="COMMENT", reason="")
    r = catalogue.render(entry, payload)
    assert r.title == "작성하신 댓글이 숨겨졌어요"
    assert r.object_type == "COMMENT"
    assert r.object_id == payload.target_id  # type: ignore[attr-defined]


def test_a_reminder_says_when_in_seoul_time() -> None:
    entry = BY_TYPE["HEALTH_REMINDER"]
    r = catalogue.render(entry, sample(entry, pet_name="보리", title="심장사상충 약"))
    assert (r.title, r.body, r.link) == (
        "보리 · 심장사상충 약",
        "3월 7일 (금) 오전 9:00 일정이에요.",
        "/schedules",
    )


def test_nobody_is_told_when_the_recipient_was_erased() -> None:
    entry = BY_TYPE["REPORT_RESOLVED"]
    payload = sample(entry, reporter_id=catalogue.NOBODY)
    assert catalogue.recipient_of(entry, payload) is None


def test_entries_of_one_topic_never_both_apply() -> None:
    by_topic: dict[str, list[Entry]] = {}
    for e in ENTRIES:
        by_topic.setdefault(e.topic.name, []).append(e)
    moderated = by_topic[community_events.CONTENT_MODERATED.name]
    for action in ("HIDDEN", "DELETED", "RESTORED", "WARNED"):
        payload = sample(moderated[0], action=action)
        assert sum(catalogue.applies(e, payload) for e in moderated) == 1, action
    assert len(by_topic[pets_events.PETSTAR_APPROVED.name]) == 1


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("보리", "이", "보리가"),
        ("마롱", "이", "마롱이"),
        ("콩이", "을", "콩이를"),
        ("초코", "은", "초코는"),
        ("댕댕", "과", "댕댕과"),
        ("별", "으로", "별로"),
        ("집", "로", "집으로"),
        ("바다", "으로", "바다로"),
        ("Max", "이", "Max이(가)"),
        ("3", "을", "3을"),
        ("2", "을", "2를"),
        ("", "을", "을(를)"),
    ],
)
def test_particles_follow_the_last_sound(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2025, 3, 7, 0, 0, tzinfo=UTC), "3월 7일 (금) 오전 9:00"),
        (datetime(2025, 3, 7, 3, 5, tzinfo=UTC), "3월 7일 (금) 오후 12:05"),
        (datetime(2025, 3, 6, 15, 30, tzinfo=UTC), "3월 7일 (금) 오전 12:30"),
        (datetime(2025, 12, 31, 14, 0, tzinfo=UTC), "12월 31일 (수) 오후 11:00"),
    ],
)
def test_times_read_in_seoul(at: datetime, expected: str) -> None:
    assert korean_datetime(at) == expected
    assert korean_datetime(at, year=True) == f"{at.year}년 {expected}"
