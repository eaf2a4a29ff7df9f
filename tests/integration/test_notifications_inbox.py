"""The inbox: events become notifications (once, however often they are delivered), likes
batch, and each user lists, counts, reads and hides their own through the edge.

Real identity (nicknames), notifications and edge servers on PostgreSQL and Redis
(`identity_edge`); events are written to their producer's outbox and handed to the
catalogue's subscribers as a worker would (notifications_support).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import sqlalchemy as sa

from petful.contracts import campaigns as campaign_events
from petful.contracts import community as community_events
from petful.contracts import health as health_events
from petful.contracts import identity as identity_events
from petful.notifications.catalogue import NOBODY
from petful.notifications.models import Notification
from petful.platform import outbox
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.redis import get_redis
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    identity_event,
    problem_fields,
)
from tests.integration.notifications_support import (
    commented,
    emit,
    liked,
    minutes,
    reminder,
    run,
)

Headers = dict[str, str]
BASE = "/api/v1/notifications"


async def user(edge: IdentityEdge, name: str, role: Role = Role.USER) -> tuple[str, Headers]:
    """A new account whose nickname is `name`: its id and headers."""
    headers = await headers_for(edge, f"{name}@example.com", role)
    return edge.users[f"{name}@example.com"], headers


async def listed(edge: IdentityEdge, headers: Headers, **params: Any) -> dict[str, Any]:
    r = await edge.client.get(BASE, params=params, headers=headers)
    assert r.status_code == 200, r.text
    page: dict[str, Any] = r.json()
    return page


async def unread(edge: IdentityEdge, headers: Headers) -> int:
    r = await edge.client.get(f"{BASE}/unread-count", headers=headers)
    assert r.status_code == 200, r.text
    count: int = r.json()["count"]
    return count


async def rows() -> list[Notification]:
    async with transaction() as session:
        return list(await session.scalars(sa.select(Notification).order_by(Notification.seq)))


# --- events -> rows ------------------------------------------------------------------------------


async def test_an_event_becomes_one_notification_however_often_it_arrives(
    identity_edge: IdentityEdge,
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    event = reminder(owner_id)
    await emit(health_events.REMINDER_DUE, event)
    assert await run("HEALTH_REMINDER") == 1
    assert await run("HEALTH_REMINDER") == 0  # redelivered: the subscriber's inbox skips it

    (item,) = (await listed(identity_edge, owner))["items"]
    assert item["type"] == "HEALTH_REMINDER"
    assert item["category"] == "HEALTH"
    assert (item["title"], item["body"]) == (
        "보리 · 심장사상충 약",
        "3월 7일 (금) 오전 9:00 일정이에요.",
    )
    assert item["link"] == "/schedules"
    assert (item["object_type"], item["object_id"]) == ("SCHEDULE", str(event.schedule_id))
    assert (item["actor_id"], item["actor_count"], item["read_at"]) == (None, 1, None)
    assert await unread(identity_edge, owner) == 1

    # Past the inbox table's retention the row's own key still refuses a second copy.
    inbox = outbox.inbox_table("notifications")
    async with transaction() as session:
        await session.execute(sa.delete(inbox))
    assert await run("HEALTH_REMINDER") == 1  # consumed again ...
    assert len(await rows()) == 1  # ... and nothing new written


async def test_a_comment_names_its_author_and_fits_one_entry(
    identity_edge: IdentityEdge,
) -> None:
    author_id, author = await user(identity_edge, "boriowner")
    commenter_id, _ = await user(identity_edge, "kongimom")
    event = commented(commenter_id, author_id)
    await emit(community_events.COMMENT_CREATED, event)
    assert await run("POST_COMMENTED") == 1
    assert await run("COMMENT_REPLIED") == 1  # consumed, but not its reason: no row

    (item,) = (await listed(identity_edge, author))["items"]
    assert item["type"] == "POST_COMMENTED"
    assert item["title"] == "kongimom님이 회원님의 글에 댓글을 남겼어요"
    assert item["body"] == "산책 코스 추천: 저도 가봤어요!"
    assert item["link"] == f"/community/posts/{event.post_id}"
    assert (item["actor_id"], item["object_type"]) == (commenter_id, "COMMENT")

    await emit(community_events.COMMENT_CREATED, commented(commenter_id, author_id, reason="REPLY"))
    assert await run("COMMENT_REPLIED") == 1
    newest = (await listed(identity_edge, author))["items"][0]
    assert newest["title"] == "kongimom님이 회원님의 댓글에 답글을 남겼어요"


async def test_likes_of_a_post_batch_while_unread(identity_edge: IdentityEdge) -> None:
    author_id, author = await user(identity_edge, "boriowner")
    likers = [(await user(identity_edge, f"liker{i}"))[0] for i in range(3)]
    post_id = uuid.uuid4()
    for liker in likers:
        await emit(community_events.POST_LIKED, liked(author_id, liker, post_id))
        await run("POST_LIKED")

    (item,) = (await listed(identity_edge, author))["items"]
    assert item["title"] == "liker2님 외 2명이 회원님의 글을 좋아합니다"
    assert (item["actor_id"], item["actor_count"]) == (likers[2], 3)
    assert (item["object_type"], item["object_id"], item["body"]) == (
        "POST",
        str(post_id),
        "보리 생일 파티",
    )
    (row,) = await rows()
    assert row.seq == item["seq"]  # rewritten with a new seq: the stream sends it again
    assert await unread(identity_edge, author) == 1

    # Once read, the next like starts a new notification.
    r = await identity_edge.client.post(f"{BASE}/{item['id']}/read", headers=author)
    assert r.status_code == 200, r.text
    fourth, _ = await user(identity_edge, "liker3")
    await emit(community_events.POST_LIKED, liked(author_id, fourth, post_id))
    await run("POST_LIKED")
    page = await listed(identity_edge, author)
    assert [i["actor_count"] for i in page["items"]] == [1, 3]
    assert page["items"][0]["title"] == "liker3님이 회원님의 글을 좋아합니다"
    # Likes of another post are their own notification.
    await emit(community_events.POST_LIKED, liked(author_id, fourth, uuid.uuid4()))
    await run("POST_LIKED")
    assert await unread(identity_edge, author) == 2


async def test_nobody_is_told_of_what_they_did_or_once_erased(
    identity_edge: IdentityEdge,
) -> None:
    author_id, _ = await user(identity_edge, "boriowner")
    report = community_events.ReportDecided(
        report_id=uuid.uuid4(),
        reporter_id=NOBODY,
        target_type="POST",
        target_id=uuid.uuid4(),
        status="RESOLVED",
        target_suspended=False,
        admin_id=uuid.uuid4(),
        reason="광고성 게시물 확인",
        handled_at=minutes(0),
    )
    await emit(community_events.REPORT_RESOLVED, report)
    # Producers never send these, and the inbox would not show them anyway.
    await emit(community_events.COMMENT_CREATED, commented(author_id, author_id))
    assert await run("REPORT_RESOLVED") == 1
    assert await run("POST_COMMENTED") == 1
    assert await rows() == []


async def test_a_campaign_decision_reaches_the_petstar(identity_edge: IdentityEdge) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    advertiser_id, advertiser = await user(identity_edge, "brand", Role.ADVERTISER)
    event = campaign_events.ApplicantChanged(
        campaign_id=uuid.uuid4(),
        campaign_title="여름 간식 체험단",
        advertiser_user_id=uuid.UUID(advertiser_id),
        applicant_id=uuid.uuid4(),
        pet_id=uuid.uuid4(),
        pet_name="보리",
        owner_user_id=uuid.UUID(owner_id),
        status="REVISION_REQUESTED",
        reason="제품이 잘 보이게 다시 찍어 주세요",
        company_name="펫푸드",
    )
    await emit(campaign_events.APPLICANT_REVISION_REQUESTED, event)
    assert await run("CONTENT_REVISION_REQUESTED") == 1
    (item,) = (await listed(identity_edge, owner))["items"]
    assert item["body"] == (
        "'여름 간식 체험단' 캠페인 콘텐츠를 수정해 주세요. 사유: 제품이 잘 보이게 다시 찍어 주세요"
    )
    assert (item["category"], item["link"]) == ("CAMPAIGNS", "/campaigns/applications")
    assert (await listed(identity_edge, advertiser))["items"] == []


async def test_the_recipients_streams_are_told_after_commit(identity_edge: IdentityEdge) -> None:
    owner_id, _ = await user(identity_edge, "boriowner")
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"notifications:user:{owner_id}")
    try:
        await emit(health_events.REMINDER_DUE, reminder(owner_id))
        await run("HEALTH_REMINDER")
        (row,) = await rows()
        message = None
        while message is None or message["type"] != "message":
            message = await pubsub.get_message(timeout=5)
            assert message is not None, "nothing published"
        assert json.loads(message["data"]) == {"seq": row.seq, "id": str(row.id)}
    finally:
        await pubsub.aclose()


# --- the API -------------------------------------------------------------------------------------


async def many(edge: IdentityEdge, owner_id: str) -> None:
    """Five notifications a minute apart: reminders 0, 2, 4 (HEALTH), comments 1, 3."""
    commenter_id, _ = await user(edge, "kongimom")
    for n in range(5):
        if n % 2 == 0:
            await emit(health_events.REMINDER_DUE, reminder(owner_id, f"일정 {n}"), minutes(n))
        else:
            await emit(
                community_events.COMMENT_CREATED, commented(commenter_id, owner_id), minutes(n)
            )
    await run("HEALTH_REMINDER")
    await run("POST_COMMENTED")


async def test_the_list_is_newest_first_with_filters_and_cursor_paging(
    identity_edge: IdentityEdge,
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    await many(identity_edge, owner_id)

    first = await listed(identity_edge, owner, page_size=2)
    second = await listed(identity_edge, owner, page_size=2, cursor=first["next_cursor"])
    last = await listed(identity_edge, owner, page_size=2, cursor=second["next_cursor"])
    pages = [first["items"], second["items"], last["items"]]
    assert [[i["type"][:4] for i in p] for p in pages] == [
        ["HEAL", "POST"],
        ["HEAL", "POST"],
        ["HEAL"],
    ]
    assert last["next_cursor"] is None
    created = [i["created_at"] for p in pages for i in p]
    assert created == sorted(created, reverse=True)

    health = await listed(identity_edge, owner, category="HEALTH")
    assert [i["title"] for i in health["items"]] == [
        "보리 · 일정 4",
        "보리 · 일정 2",
        "보리 · 일정 0",
    ]
    community = await listed(identity_edge, owner, category="COMMUNITY")
    assert {i["category"] for i in community["items"]} == {"COMMUNITY"}
    assert len(community["items"]) == 2

    newest = first["items"][0]["id"]
    r = await identity_edge.client.post(f"{BASE}/{newest}/read", headers=owner)
    assert r.status_code == 200, r.text
    only_unread = await listed(identity_edge, owner, unread="true")
    assert newest not in {i["id"] for i in only_unread["items"]}
    assert len(only_unread["items"]) == 4


async def test_bad_list_parameters_are_422_naming_them(identity_edge: IdentityEdge) -> None:
    _, owner = await user(identity_edge, "boriowner")
    for params, field in (
        ({"category": "SPAM"}, "category"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"unread": "maybe"}, "unread"),
    ):
        r = await identity_edge.client.get(BASE, params=params, headers=owner)
        assert r.status_code == 422, (params, r.text)
        assert problem_fields(r) == {field}, params


async def test_read_read_all_and_hide(identity_edge: IdentityEdge) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    await many(identity_edge, owner_id)
    items = (await listed(identity_edge, owner))["items"]
    assert await unread(identity_edge, owner) == 5

    first_read = identity_edge.clock.now
    r = await identity_edge.client.post(f"{BASE}/{items[0]['id']}/read", headers=owner)
    assert r.status_code == 200, r.text
    assert r.json()["read_at"] == first_read.isoformat().replace("+00:00", "Z")
    assert await unread(identity_edge, owner) == 4
    # Reading it again keeps the first time.
    identity_edge.clock.advance(minutes(5) - minutes(0))
    again = await identity_edge.client.post(f"{BASE}/{items[0]['id']}/read", headers=owner)
    assert again.json()["read_at"] == r.json()["read_at"]

    r = await identity_edge.client.delete(f"{BASE}/{items[1]['id']}", headers=owner)
    assert r.status_code == 204, r.text
    assert items[1]["id"] not in {i["id"] for i in (await listed(identity_edge, owner))["items"]}
    assert await unread(identity_edge, owner) == 3
    r = await identity_edge.client.delete(f"{BASE}/{items[1]['id']}", headers=owner)
    assert r.status_code == 404, r.text
    r = await identity_edge.client.post(f"{BASE}/{items[1]['id']}/read", headers=owner)
    assert r.status_code == 404, r.text

    r = await identity_edge.client.post(f"{BASE}/read-all", headers=owner)
    assert (r.status_code, r.json()) == (200, {"marked": 3})
    assert await unread(identity_edge, owner) == 0
    r = await identity_edge.client.post(f"{BASE}/read-all", headers=owner)
    assert r.json() == {"marked": 0}


async def test_someone_elses_notification_is_not_found(identity_edge: IdentityEdge) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    _, other = await user(identity_edge, "stranger")
    await emit(health_events.REMINDER_DUE, reminder(owner_id))
    await run("HEALTH_REMINDER")
    (item,) = (await listed(identity_edge, owner))["items"]

    assert (await listed(identity_edge, other))["items"] == []
    assert await unread(identity_edge, other) == 0
    r = await identity_edge.client.post(f"{BASE}/{item['id']}/read", headers=other)
    assert r.status_code == 404, r.text
    assert problem_fields(r) == {"notification_id"}
    r = await identity_edge.client.delete(f"{BASE}/{item['id']}", headers=other)
    assert r.status_code == 404, r.text
    r = await identity_edge.client.post(f"{BASE}/read-all", headers=other)
    assert r.json() == {"marked": 0}
    assert await unread(identity_edge, owner) == 1

    r = await identity_edge.client.post(f"{BASE}/not-an-id/read", headers=owner)
    assert (r.status_code, problem_fields(r)) == (422, {"notification_id"})
    r = await identity_edge.client.get(BASE)
    assert r.status_code == 401, r.text


async def test_leaving_takes_the_inbox(identity_edge: IdentityEdge) -> None:
    owner_id, _ = await user(identity_edge, "boriowner")
    other_id, other = await user(identity_edge, "stranger")
    for uid in (owner_id, other_id):
        await emit(health_events.REMINDER_DUE, reminder(uid))
    await run("HEALTH_REMINDER")
    await identity_event(
        identity_events.ACCOUNT_WITHDRAWN,
        identity_events.AccountWithdrawn(user_id=uuid.UUID(owner_id), role="USER"),
    )
    topic = identity_events.ACCOUNT_WITHDRAWN.name
    assert await deliver(topic, "identity", "notifications.user_withdrawn") == 1
    assert [r.user_id for r in await rows()] == [uuid.UUID(other_id)]
    assert await unread(identity_edge, other) == 1
