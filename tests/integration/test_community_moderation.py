"""Moderation of real posts and comments through the edge: reports (신고) that hide content
pending review, the admin queue showing what was reported, decisions with actions, and
identity's audit log recording every admin action.

Real community and identity gRPC servers, PostgreSQL and Redis (the `identity_edge`
fixture). The cast: `bori` writes, `ari`, `duri` and `sori` report, `nabi` only reads,
`judge` works the queue.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from petful.community import tasks as community_tasks  # noqa: F401 - registers subscribers
from petful.contracts import community as contracts
from petful.contracts import media as media_events
from petful.identity import tasks as identity_tasks  # noqa: F401 - registers the audit subscribers
from petful.platform.auth_context import Role
from petful.platform.media.thumbnails import subscriber_name
from tests.integration.conftest import (
    PASSWORD,
    IdentityEdge,
    deliver,
    headers_for,
    outbox_payloads,
    problem_fields,
)
from tests.media_support import image_bytes

Headers = dict[str, str]
POSTS = "/api/v1/community/posts"
AUDIT = "identity.audit." + contracts.CONTENT_MODERATED.name
REPORTERS = ("ari", "duri", "sori")


@dataclass
class Desk:
    edge: IdentityEdge
    bori: Headers
    reporters: list[Headers]
    nabi: Headers
    judge: Headers

    @property
    def client(self) -> httpx.AsyncClient:
        return self.edge.client

    def user_id(self, name: str) -> str:
        return self.edge.users[f"{name}@example.com"]

    def tick(self) -> None:
        """Move the services' clock: what happens one after another sorts that way."""
        self.edge.clock.advance(timedelta(seconds=1))

    async def post(self, *, by: Headers | None = None, images: list[str] | None = None) -> str:
        self.tick()
        r = await self.client.post(
            POSTS,
            json={
                "board": "SHOW_OFF" if images else "INFORMATION",
                "title": "강아지 산책 장소 추천",
                "body": "한강 공원 산책로가 좋아요.\n주말에는 사람이 많아요.",
                "image_media_ids": images or [],
                "pet_ids": [],
            },
            headers=by or self.bori,
        )
        assert r.status_code == 201, r.text
        post_id: str = r.json()["id"]
        return post_id

    async def comment(self, post_id: str, *, by: Headers | None = None) -> str:
        self.tick()
        r = await self.client.post(
            f"{POSTS}/{post_id}/comments",
            json={"body": "저도 거기 자주 가요!"},
            headers=by or self.bori,
        )
        assert r.status_code == 201, r.text
        comment_id: str = r.json()["id"]
        return comment_id

    async def file(self, target_type: str, target_id: str, by: Headers) -> httpx.Response:
        self.tick()
        return await self.client.post(
            "/api/v1/reports",
            json={
                "target_type": target_type,
                "target_id": target_id,
                "category": "ABUSE",
                "text": "다른 사람을 모욕하는 글이에요",
            },
            headers=by,
        )

    async def filed(self, target_type: str, target_id: str, by: Headers) -> str:
        r = await self.file(target_type, target_id, by)
        assert r.status_code == 201, r.text
        report_id: str = r.json()["id"]
        return report_id

    async def reported_by_all(self, target_type: str, target_id: str) -> list[str]:
        """The three reporters' reports: the third reaches the threshold."""
        return [await self.filed(target_type, target_id, h) for h in self.reporters]

    async def get_post(self, post_id: str, by: Headers) -> httpx.Response:
        return await self.client.get(f"{POSTS}/{post_id}", headers=by)

    async def comments(self, post_id: str, by: Headers) -> list[dict[str, Any]]:
        r = await self.client.get(f"{POSTS}/{post_id}/comments", headers=by)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items

    async def queue(self, **params: Any) -> list[dict[str, Any]]:
        r = await self.client.get("/api/v1/admin/reports", params=params, headers=self.judge)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items

    async def decide(self, report_id: str, verb: str, **body: Any) -> httpx.Response:
        self.tick()
        return await self.client.post(
            f"/api/v1/admin/reports/{report_id}/{verb}",
            json={"reason": "커뮤니티 규칙 위반", **body},
            headers=self.judge,
        )

    async def decided(self, report_id: str, verb: str, **body: Any) -> dict[str, Any]:
        r = await self.decide(report_id, verb, **body)
        assert r.status_code == 200, r.text
        report: dict[str, Any] = r.json()
        return report

    async def audit(self, **params: Any) -> list[dict[str, Any]]:
        """Identity's audit log once it has taken in every moderation event."""
        await deliver(contracts.CONTENT_MODERATED.name, "community", AUDIT)
        r = await self.client.get("/api/v1/admin/audit-log", params=params, headers=self.judge)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items


@pytest.fixture
async def desk(identity_edge: IdentityEdge) -> Desk:
    edge = identity_edge
    return Desk(
        edge=edge,
        bori=await headers_for(edge, "bori@example.com"),
        reporters=[await headers_for(edge, f"{n}@example.com") for n in REPORTERS],
        nabi=await headers_for(edge, "nabi@example.com"),
        judge=await headers_for(edge, "judge@example.com", Role.ADMIN),
    )


async def moderated() -> list[contracts.ContentModerated]:
    payloads = await outbox_payloads(contracts.CONTENT_MODERATED.name, schema="community")
    return [contracts.CONTENT_MODERATED.parse(p) for p in payloads]


# --- filing reports about content ----------------------------------------------------------


async def test_reported_content_must_exist_and_be_someone_elses(desk: Desk) -> None:
    ari = desk.reporters[0]
    post_id = await desk.post()
    comment_id = await desk.comment(post_id)
    for kind in ("POST", "COMMENT"):
        assert (await desk.file(kind, str(uuid.uuid4()), ari)).status_code == 404
    # A comment's id is not a post's, nor the other way round.
    assert (await desk.file("POST", comment_id, ari)).status_code == 404
    assert (await desk.file("COMMENT", post_id, ari)).status_code == 404
    for kind, target in (("POST", post_id), ("COMMENT", comment_id)):
        r = await desk.file(kind, target, desk.bori)
        assert r.status_code == 422, r.text
        assert problem_fields(r) == {"target_id"}

    # Deleted content is gone for reporting too, and so are the comments of a deleted post.
    doomed = await desk.comment(post_id)
    r = await desk.client.delete(f"/api/v1/community/comments/{doomed}", headers=desk.bori)
    assert r.status_code == 204, r.text
    assert (await desk.file("COMMENT", doomed, ari)).status_code == 404
    assert (await desk.client.delete(f"{POSTS}/{post_id}", headers=desk.bori)).status_code == 204
    assert (await desk.file("POST", post_id, ari)).status_code == 404
    assert (await desk.file("COMMENT", comment_id, ari)).status_code == 404
    assert await desk.queue(status="ALL") == []


# --- the threshold -------------------------------------------------------------------------


async def test_three_reports_hide_a_post_pending_review(desk: Desk) -> None:
    post_id = await desk.post()
    first, second, third = desk.reporters
    await desk.filed("POST", post_id, first)
    # One person cannot hide it alone: a second report of theirs is refused.
    assert (await desk.file("POST", post_id, first)).status_code == 409
    await desk.filed("POST", post_id, second)
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 200
    assert await moderated() == []

    await desk.filed("POST", post_id, third)
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 404
    mine = await desk.get_post(post_id, desk.bori)
    assert mine.status_code == 200, mine.text
    assert mine.json()["hidden"] is True
    r = await desk.client.get(POSTS, params={"board": "INFORMATION"}, headers=desk.nabi)
    assert post_id not in [p["id"] for p in r.json()["items"]]

    queued = await desk.queue(target_type="POST")
    assert len(queued) == 3
    assert {q["target"]["id"] for q in queued} == {post_id}
    assert all(q["target"]["hidden"] and q["open_reports"] == 3 for q in queued)

    [event] = await moderated()
    assert (event.action, event.admin_id, event.reason) == ("HIDDEN", None, "신고 누적")
    assert (str(event.target_id), str(event.post_id), event.target_type) == (
        post_id,
        post_id,
        "POST",
    )
    assert str(event.author_id) == desk.user_id("bori")
    # Nobody acted: the audit log records admins' actions only.
    assert await desk.audit(target_id=post_id) == []

    # A fourth report joins the queue; the post is not hidden twice.
    await desk.filed("POST", post_id, desk.nabi)
    assert len(await moderated()) == 1


async def test_three_reports_hide_a_comment(desk: Desk) -> None:
    post_id = await desk.post(by=desk.nabi)
    comment_id = await desk.comment(post_id)
    await desk.reported_by_all("COMMENT", comment_id)

    [shown] = [c for c in await desk.comments(post_id, desk.nabi) if c["id"] == comment_id]
    assert (shown["hidden"], shown["body"]) == (True, "")
    [event] = await moderated()
    assert (event.action, event.target_type, str(event.post_id)) == ("HIDDEN", "COMMENT", post_id)
    # The post itself stays visible.
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 200


async def test_concurrent_reports_hide_exactly_once(desk: Desk) -> None:
    """The reports of one target take turns on its row: however they interleave, the one
    that makes three hides it, once."""
    more = [await headers_for(desk.edge, f"crowd{i}@example.com") for i in range(3)]
    post_id = await desk.post()
    responses = await asyncio.gather(
        *(desk.file("POST", post_id, h) for h in [*desk.reporters, *more])
    )
    assert [r.status_code for r in responses] == [201] * 6
    [event] = await moderated()
    assert event.action == "HIDDEN"
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 404


# --- the queue -----------------------------------------------------------------------------


async def test_the_queue_shows_the_reported_content(desk: Desk) -> None:
    upload = await desk.client.post(
        "/api/v1/community/images",
        files={"file": ("dog.png", image_bytes("PNG", (640, 480)), "image/png")},
        headers=desk.bori,
    )
    assert upload.status_code == 201, upload.text
    picture = upload.json()
    post_id = await desk.post(images=[picture["media_id"]])
    comment_id = await desk.comment(post_id, by=desk.nabi)
    ari = desk.reporters[0]
    about_post = await desk.filed("POST", post_id, ari)
    about_comment = await desk.filed("COMMENT", comment_id, ari)
    about_user = await desk.filed("USER", desk.user_id("nabi"), ari)

    by_id = {q["id"]: q for q in await desk.queue()}
    assert list(by_id) == [about_user, about_comment, about_post]  # newest first
    post = by_id[about_post]["target"]
    assert post == {
        "type": "POST",
        "id": post_id,
        "board": "SHOW_OFF",
        "title": "강아지 산책 장소 추천",
        "body": "한강 공원 산책로가 좋아요.\n주말에는 사람이 많아요.",
        "image_url": picture["url"],
        "thumbnails": picture["thumbnails"],
        "author": {"id": desk.user_id("bori"), "nickname": "bori", "withdrawn": False},
        "hidden": False,
        "deleted": False,
        "created_at": post["created_at"],
    }
    comment = by_id[about_comment]["target"]
    assert {k: comment[k] for k in ("type", "id", "body", "post_id", "post_title")} == {
        "type": "COMMENT",
        "id": comment_id,
        "body": "저도 거기 자주 가요!",
        "post_id": post_id,
        "post_title": "강아지 산책 장소 추천",
    }
    assert comment["author"]["nickname"] == "nabi"
    assert (comment["hidden"], comment["deleted"]) == (False, False)
    assert by_id[about_user]["target"] == {
        "type": "USER",
        "id": desk.user_id("nabi"),
        "nickname": "nabi",
        "withdrawn": False,
    }
    assert {q["open_reports"] for q in by_id.values()} == {1}

    # Once the thumbnails are made, the queue shows them.
    await deliver(media_events.stored("community").name, "community", subscriber_name("community"))
    [queued] = await desk.queue(target_type="POST")
    assert set(queued["target"]["thumbnails"]) == {"320", "960"}

    # Filters: by target type, and by status (OPEN unless asked; ALL for every status).
    assert [q["id"] for q in await desk.queue(target_type="COMMENT")] == [about_comment]
    await desk.decided(about_user, "dismiss")
    assert [q["id"] for q in await desk.queue()] == [about_comment, about_post]
    assert [q["id"] for q in await desk.queue(status="DISMISSED")] == [about_user]
    all_reports = await desk.queue(status="ALL", target_type="USER")
    assert [(q["id"], q["status"], q["open_reports"]) for q in all_reports] == [
        (about_user, "DISMISSED", 0)
    ]


async def test_the_queue_shows_withdrawn_authors_and_deleted_content(desk: Desk) -> None:
    sori = desk.reporters[2]
    post_id = await desk.post(by=sori)
    report_id = await desk.filed("POST", post_id, desk.reporters[0])
    assert (await desk.client.delete(f"{POSTS}/{post_id}", headers=sori)).status_code == 204
    r = await desk.client.request(
        "DELETE",
        "/api/v1/me",
        json={"password": PASSWORD, "reason": "다른 앱으로 옮겨 갑니다"},
        headers=sori,
    )
    assert r.status_code == 204, r.text
    [queued] = await desk.queue()
    assert queued["id"] == report_id
    assert queued["target"]["deleted"] is True
    assert queued["target"]["author"] == {
        "id": desk.user_id("sori"),
        "nickname": "탈퇴한 회원",
        "withdrawn": True,
    }


# --- decisions -----------------------------------------------------------------------------


async def test_hiding_a_post_resolves_every_report_and_is_audited(desk: Desk) -> None:
    post_id = await desk.post()
    ids = [await desk.filed("POST", post_id, h) for h in desk.reporters[:2]]

    resolved = await desk.decided(ids[0], "resolve", action="HIDE_CONTENT")
    assert (resolved["status"], resolved["action"]) == ("RESOLVED", "HIDE_CONTENT")
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 404
    assert (await desk.get_post(post_id, desk.bori)).json()["hidden"] is True
    assert await desk.queue() == []
    handled = await desk.queue(status="RESOLVED")
    assert {(q["id"], q["action"]) for q in handled} == {(i, "HIDE_CONTENT") for i in ids}
    decided = await outbox_payloads(contracts.REPORT_RESOLVED.name, schema="community")
    assert {d["report_id"] for d in decided} == set(ids)

    [event] = await moderated()
    assert (event.action, str(event.admin_id)) == ("HIDDEN", desk.user_id("judge"))
    [entry] = await desk.audit(target_id=post_id)
    assert (entry["action"], entry["target_type"], entry["reason"]) == (
        "content.hide",
        "POST",
        "커뮤니티 규칙 위반",
    )
    assert entry["actor_id"] == desk.user_id("judge")
    assert entry["details"]["author_id"] == desk.user_id("bori")
    # A redelivery adds nothing.
    assert await deliver(contracts.CONTENT_MODERATED.name, "community", AUDIT) == 0


async def test_deleting_a_comment_from_the_queue(desk: Desk) -> None:
    post_id = await desk.post(by=desk.nabi)
    comment_id = await desk.comment(post_id)
    report_id = await desk.filed("COMMENT", comment_id, desk.reporters[0])
    before = (await desk.get_post(post_id, desk.nabi)).json()["comment_count"]

    resolved = await desk.decided(report_id, "resolve", action="DELETE_CONTENT")
    assert resolved["action"] == "DELETE_CONTENT"
    assert comment_id not in [c["id"] for c in await desk.comments(post_id, desk.nabi)]
    assert (await desk.get_post(post_id, desk.nabi)).json()["comment_count"] == before - 1
    [event] = await moderated()
    assert (event.action, event.target_type, str(event.target_id)) == (
        "DELETED",
        "COMMENT",
        comment_id,
    )
    [entry] = await desk.audit(target_id=comment_id)
    assert (entry["action"], entry["details"]["post_id"]) == ("content.delete", post_id)
    [queued] = await desk.queue(status="RESOLVED")
    assert queued["target"]["deleted"] is True


async def test_deleting_a_post_from_the_queue(desk: Desk) -> None:
    post_id = await desk.post()
    report_id = await desk.filed("POST", post_id, desk.reporters[0])
    await desk.decided(report_id, "resolve", action="DELETE_CONTENT")
    for viewer in (desk.nabi, desk.bori):
        assert (await desk.get_post(post_id, viewer)).status_code == 404
    assert (await desk.get_post(post_id, desk.judge)).status_code == 200
    [entry] = await desk.audit(target_id=post_id)
    assert entry["action"] == "content.delete"


async def test_warning_the_author(desk: Desk) -> None:
    post_id = await desk.post()
    report_id = await desk.filed("POST", post_id, desk.reporters[0])
    resolved = await desk.decided(
        report_id, "resolve", action="WARN_AUTHOR", reason="말조심해 주세요"
    )
    assert (resolved["action"], resolved["target_suspended"]) == ("WARN_AUTHOR", False)
    # The post stays; its author is told (the event notifications read).
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 200
    [event] = await moderated()
    assert (event.action, str(event.author_id), event.reason) == (
        "WARNED",
        desk.user_id("bori"),
        "말조심해 주세요",
    )
    [entry] = await desk.audit(action="author.warn")
    assert (entry["target_type"], entry["target_id"]) == ("USER", desk.user_id("bori"))
    assert (entry["details"]["content_type"], entry["details"]["content_id"]) == (
        "POST",
        post_id,
    )


async def test_suspending_the_author_of_a_comment(desk: Desk) -> None:
    post_id = await desk.post(by=desk.nabi)
    comment_id = await desk.comment(post_id)
    report_id = await desk.filed("COMMENT", comment_id, desk.reporters[0])
    resolved = await desk.decided(report_id, "resolve", action="SUSPEND_AUTHOR")
    assert (resolved["action"], resolved["target_suspended"]) == ("SUSPEND_AUTHOR", True)
    login = await desk.client.post(
        "/api/v1/auth/login", json={"email": "bori@example.com", "password": PASSWORD}
    )
    assert login.status_code == 403
    [entry] = await desk.audit(target_id=desk.user_id("bori"))
    assert entry["action"] == "user.suspend"
    assert await moderated() == []  # the content itself is untouched


async def test_actions_on_content_that_is_gone(desk: Desk) -> None:
    post_id = await desk.post()
    report_id = await desk.filed("POST", post_id, desk.reporters[0])
    assert (await desk.client.delete(f"{POSTS}/{post_id}", headers=desk.bori)).status_code == 204
    for action in ("HIDE_CONTENT", "DELETE_CONTENT"):
        r = await desk.decide(report_id, "resolve", action=action)
        assert r.status_code == 409, r.text
    assert [q["id"] for q in await desk.queue()] == [report_id]
    # Its author can still be warned.
    assert (await desk.decided(report_id, "resolve", action="WARN_AUTHOR"))["status"] == "RESOLVED"


# --- dismissing ----------------------------------------------------------------------------


async def test_dismissing_shows_what_the_threshold_hid(desk: Desk) -> None:
    post_id = await desk.post()
    ids = await desk.reported_by_all("POST", post_id)
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 404

    dismissed = await desk.decided(ids[1], "dismiss", reason="규칙 위반이 아닙니다")
    assert dismissed["status"] == "DISMISSED"
    assert (await desk.get_post(post_id, desk.nabi)).json()["hidden"] is False
    assert {q["id"] for q in await desk.queue(status="DISMISSED")} == set(ids)
    told = await outbox_payloads(contracts.REPORT_DISMISSED.name, schema="community")
    assert sorted(d["reporter_id"] for d in told) == sorted(desk.user_id(n) for n in REPORTERS)
    hidden, restored = await moderated()
    assert (hidden.action, restored.action) == ("HIDDEN", "RESTORED")
    assert str(restored.admin_id) == desk.user_id("judge")
    [entry] = await desk.audit(target_id=post_id)
    assert (entry["action"], entry["reason"]) == ("content.restore", "규칙 위반이 아닙니다")


async def test_dismissing_keeps_what_an_admin_hid(desk: Desk) -> None:
    post_id = await desk.post()
    report_id = await desk.filed("POST", post_id, desk.reporters[0])
    await desk.decided(report_id, "resolve", action="HIDE_CONTENT")
    later = await desk.filed("POST", post_id, desk.reporters[1])
    await desk.decided(later, "dismiss")
    assert (await desk.get_post(post_id, desk.nabi)).status_code == 404
    assert [e.action for e in await moderated()] == ["HIDDEN"]


async def test_resolving_upholds_what_the_threshold_hid(desk: Desk) -> None:
    comment_post = await desk.post(by=desk.nabi)
    comment_id = await desk.comment(comment_post)
    ids = await desk.reported_by_all("COMMENT", comment_id)
    await desk.decided(ids[0], "resolve", action="NONE")
    [shown] = [c for c in await desk.comments(comment_post, desk.nabi) if c["id"] == comment_id]
    assert shown["hidden"] is True
    # A later dismissal of new reports does not undo the upheld hiding either.
    later = await desk.filed("COMMENT", comment_id, desk.nabi)
    await desk.decided(later, "dismiss")
    [shown] = [c for c in await desk.comments(comment_post, desk.nabi) if c["id"] == comment_id]
    assert shown["hidden"] is True


# --- admins delete any comment -------------------------------------------------------------


async def test_an_admin_deletes_someones_comment_and_it_is_audited(desk: Desk) -> None:
    post_id = await desk.post(by=desk.nabi)
    comment_id = await desk.comment(post_id)
    r = await desk.client.delete(f"/api/v1/community/comments/{comment_id}", headers=desk.judge)
    assert r.status_code == 204, r.text
    assert comment_id not in [c["id"] for c in await desk.comments(post_id, desk.nabi)]
    [entry] = await desk.audit(target_id=comment_id)
    assert (entry["action"], entry["target_type"], entry["actor_id"]) == (
        "content.delete",
        "COMMENT",
        desk.user_id("judge"),
    )
    assert entry["details"]["author_id"] == desk.user_id("bori")
