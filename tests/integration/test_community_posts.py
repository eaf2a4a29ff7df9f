"""Community posts through the edge: boards, pictures, tagged pets, who sees what, edits and
deletes, lists with their cursors, and suspended users.

Real identity, pets, community and edge servers on PostgreSQL and Redis (`identity_edge`).
The helpers here (`Forum`, `forum`) serve the comments, likes and search tests too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from petful.community.posts import service as posts_service
from petful.community.posts import tasks as posts_tasks
from petful.contracts import identity as identity_events
from petful.platform import media
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    identity_event,
    outbox_payloads,
    problem_fields,
)
from tests.integration.health_support import new_pet
from tests.media_support import image_bytes

Headers = dict[str, str]
API = "/api/v1/community"
NOW = datetime(2025, 5, 1, 3, 0, tzinfo=UTC)


@dataclass
class Forum:
    """The community with three members: alice and bob (owners) and an admin."""

    edge: IdentityEdge
    alice: Headers
    bob: Headers
    admin: Headers
    ids: dict[str, str] = field(default_factory=dict)  # "alice" -> user id

    @property
    def client(self) -> httpx.AsyncClient:
        return self.edge.client

    def later(self, minutes: int = 1) -> None:
        """Move the services' clock (posts are ordered by when they were written)."""
        self.edge.clock.advance(timedelta(minutes=minutes))

    async def upload(self, who: Headers, data: bytes | None = None) -> dict[str, Any]:
        files = {"file": ("photo.jpg", data or image_bytes(), "image/jpeg")}
        r = await self.client.post(f"{API}/images", files=files, headers=who)
        assert r.status_code == 201, r.text
        return dict(r.json())

    async def write(self, who: Headers, **fields: Any) -> httpx.Response:
        body = {"board": "INFORMATION", "title": "산책 이야기", "body": "오늘도 산책했어요."}
        return await self.client.post(f"{API}/posts", json=body | fields, headers=who)

    async def post(self, who: Headers, **fields: Any) -> dict[str, Any]:
        r = await self.write(who, **fields)
        assert r.status_code == 201, r.text
        self.later()
        return dict(r.json())

    async def get(self, who: Headers, post_id: str) -> httpx.Response:
        return await self.client.get(f"{API}/posts/{post_id}", headers=who)

    async def listed(self, who: Headers, **params: Any) -> dict[str, Any]:
        r = await self.client.get(f"{API}/posts", params=params, headers=who)
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def titles(self, who: Headers, **params: Any) -> list[str]:
        return [p["title"] for p in (await self.listed(who, **params))["items"]]

    async def suspend(self, user: str, until: datetime | None = None) -> None:
        """identity suspended the account: its event reaches community's subscriber."""
        await identity_event(
            identity_events.ACCOUNT_SUSPENDED,
            identity_events.AccountSuspended(
                user_id=uuid.UUID(self.ids[user]),
                reason="반복된 광고 게시",
                until=until,
                actor_id=uuid.UUID(self.ids["admin"]),
            ),
        )
        await deliver(
            identity_events.ACCOUNT_SUSPENDED.name, "identity", "community.posts.restrict"
        )

    async def reinstate(self, user: str) -> None:
        await identity_event(
            identity_events.ACCOUNT_REINSTATED,
            identity_events.AccountReinstated(
                user_id=uuid.UUID(self.ids[user]),
                reason="소명 확인",
                actor_id=uuid.UUID(self.ids["admin"]),
            ),
        )
        await deliver(
            identity_events.ACCOUNT_REINSTATED.name, "identity", "community.posts.lift_restriction"
        )


async def open_forum(edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> Forum:
    """identity_edge with its clock at NOW (the services' and the posts worker's) and three
    members."""
    edge.clock.now = NOW
    monkeypatch.setattr(posts_tasks, "clock", edge.clock)
    forum = Forum(
        edge,
        alice=await headers_for(edge, "alice@example.com"),
        bob=await headers_for(edge, "bob@example.com"),
        admin=await headers_for(edge, "admin@example.com", Role.ADMIN),
    )
    forum.ids = {name: edge.users[f"{name}@example.com"] for name in ("alice", "bob", "admin")}
    return forum


@pytest.fixture
async def forum(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> Forum:
    return await open_forum(identity_edge, monkeypatch)


async def media_status(media_id: str) -> media.Status | None:
    async with transaction() as session:
        record = await media.get_media(session, schema="community", media_id=uuid.UUID(media_id))
        return record.status if record else None


async def hide(post_id: str) -> None:
    """What moderation does to a post with three open reports."""
    async with transaction() as session:
        post = await posts_service.repository.get(session, uuid.UUID(post_id))
        assert post is not None
        post.hidden_at = NOW


# --- writing and reading -----------------------------------------------------------------


async def test_a_post_is_written_with_pictures_and_pets_and_read_back(forum: Forum) -> None:
    pet_id = await new_pet(forum.edge, forum.alice, "보리")
    first, second = await forum.upload(forum.alice), await forum.upload(forum.alice)
    body = "보리가 처음으로 바다를 봤어요.\n\n<b>파도</b>를 무서워했어요 ㅎㅎ"
    post = await forum.post(
        forum.alice,
        board="SHOW_OFF",
        title="  보리 바다 첫 방문  ",
        body=body,
        image_media_ids=[second["media_id"], first["media_id"]],
        pet_ids=[pet_id],
    )
    assert (post["board"], post["title"], post["body"]) == ("SHOW_OFF", "보리 바다 첫 방문", body)
    assert [i["media_id"] for i in post["images"]] == [second["media_id"], first["media_id"]]
    assert post["images"][0]["url"].startswith("/media/public/community/")
    assert (post["images"][0]["width"], post["images"][0]["height"]) == (64, 48)
    assert post["pets"] == [{"id": pet_id, "name": "보리"}]
    assert post["author"] == {
        "id": forum.ids["alice"],
        "nickname": "alice",
        "image_url": "",
        "withdrawn": False,
    }
    assert (post["like_count"], post["comment_count"], post["liked_by_me"]) == (0, 0, False)
    assert (post["edited_at"], post["deleted_at"], post["hidden"]) == (None, None, False)
    assert (post["can_edit"], post["can_delete"]) == (True, True)
    assert post["created_at"] == NOW.isoformat().replace("+00:00", "Z")

    r = await forum.get(forum.bob, post["id"])
    assert r.status_code == 200, r.text
    assert r.json()["body"] == body
    assert (r.json()["can_edit"], r.json()["can_delete"]) == (False, False)
    r = await forum.get(forum.admin, post["id"])
    assert (r.json()["can_edit"], r.json()["can_delete"]) == (False, True)


async def test_bad_input_names_each_field(forum: Forum) -> None:
    r = await forum.write(forum.alice, board="GOSSIP", title="", body="x" * 10_001)
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"board", "title", "body"}
    r = await forum.write(forum.alice, title="   ", body=" \n ")
    assert (r.status_code, problem_fields(r)) == (422, {"title", "body"})
    r = await forum.write(forum.alice, title="제목\u0007", image_media_ids=["not-an-id"])
    assert (r.status_code, problem_fields(r)) == (422, {"title", "image_media_ids"})
    r = await forum.write(forum.alice, board="SHOW_OFF")
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})
    r = await forum.write(forum.alice, pet_ids=[str(uuid.uuid4()) for _ in range(6)])
    assert (r.status_code, problem_fields(r)) == (422, {"pet_ids"})
    bobs_pet = await new_pet(forum.edge, forum.bob, "초코")
    r = await forum.write(forum.alice, pet_ids=[bobs_pet])
    assert (r.status_code, problem_fields(r)) == (422, {"pet_ids"})
    r = await forum.write(forum.alice, surprise=1)
    assert (r.status_code, problem_fields(r)) == (422, {"surprise"})
    # Exactly at the limits is fine.
    assert (await forum.write(forum.alice, title="가" * 100, body="나" * 10_000)).status_code == 201

    assert (await forum.get(forum.alice, str(uuid.uuid4()))).status_code == 404
    r = await forum.get(forum.alice, "not-a-uuid")
    assert (r.status_code, problem_fields(r)) == (422, {"post_id"})
    r = await forum.client.get(f"{API}/posts", params={"cursor": "garbage"}, headers=forum.alice)
    assert (r.status_code, problem_fields(r)) == (422, {"cursor"})
    r = await forum.client.get(f"{API}/posts", params={"board": "X"}, headers=forum.alice)
    assert (r.status_code, problem_fields(r)) == (422, {"board"})


async def test_pictures_are_only_the_callers_own_unused_uploads(forum: Forum) -> None:
    bobs = await forum.upload(forum.bob)
    r = await forum.write(forum.alice, image_media_ids=[bobs["media_id"]])
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})
    r = await forum.write(forum.alice, image_media_ids=[str(uuid.uuid4())])
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})

    mine = await forum.upload(forum.alice)
    await forum.post(forum.alice, image_media_ids=[mine["media_id"]])
    r = await forum.write(forum.alice, image_media_ids=[mine["media_id"]])
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})
    r = await forum.write(forum.bob, image_media_ids=[bobs["media_id"], bobs["media_id"]])
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})

    eleven = [(await forum.upload(forum.alice))["media_id"] for _ in range(11)]
    r = await forum.write(forum.alice, image_media_ids=eleven)
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})
    assert (await forum.write(forum.alice, image_media_ids=eleven[:10])).status_code == 201

    r = await forum.client.post(
        f"{API}/images", files={"file": ("x.txt", b"hello", "text/plain")}, headers=forum.alice
    )
    assert r.status_code == 415, r.text


async def test_the_author_edits_and_dropped_pictures_are_discarded(forum: Forum) -> None:
    kept, dropped, added = [await forum.upload(forum.alice) for _ in range(3)]
    post = await forum.post(forum.alice, image_media_ids=[kept["media_id"], dropped["media_id"]])
    await forum.client.put(f"{API}/posts/{post['id']}/like", headers=forum.bob)
    forum.later(30)

    edit = {
        "board": "QUESTION",
        "title": "산책 질문",
        "body": "산책은 하루 몇 번?",
        "image_media_ids": [added["media_id"], kept["media_id"]],
        "pet_ids": [],
    }
    r = await forum.client.put(f"{API}/posts/{post['id']}", json=edit, headers=forum.alice)
    assert r.status_code == 200, r.text
    edited = r.json()
    assert (edited["board"], edited["title"], edited["body"]) == (
        "QUESTION",
        "산책 질문",
        "산책은 하루 몇 번?",
    )
    assert [i["media_id"] for i in edited["images"]] == [added["media_id"], kept["media_id"]]
    assert edited["edited_at"] > edited["created_at"]
    assert edited["like_count"] == 1  # an edit never touches the counts
    assert await media_status(dropped["media_id"]) is media.Status.DELETED
    assert await media_status(kept["media_id"]) is not media.Status.DELETED

    r = await forum.client.put(f"{API}/posts/{post['id']}", json=edit, headers=forum.bob)
    assert r.status_code == 403, r.text
    r = await forum.client.put(f"{API}/posts/{post['id']}", json=edit, headers=forum.admin)
    assert r.status_code == 403, r.text


async def test_a_deleted_post_is_404_for_everyone_but_admins(forum: Forum) -> None:
    post = await forum.post(forum.alice, title="지울 글")
    other = await forum.post(forum.bob, title="관리자가 지울 글")
    url = f"{API}/posts/{post['id']}"
    assert (await forum.client.delete(url, headers=forum.bob)).status_code == 403
    assert (await forum.client.delete(url, headers=forum.alice)).status_code == 204
    assert (await forum.get(forum.alice, post["id"])).status_code == 404
    assert (await forum.get(forum.bob, post["id"])).status_code == 404
    assert (await forum.client.delete(url, headers=forum.alice)).status_code == 404
    r = await forum.get(forum.admin, post["id"])
    assert r.status_code == 200, r.text
    assert r.json()["deleted_at"] is not None
    assert (r.json()["can_edit"], r.json()["can_delete"]) == (False, False)
    assert await forum.titles(forum.alice) == ["관리자가 지울 글"]
    # The author's own delete is no moderation; an admin's delete of bob's post is.
    assert await outbox_payloads("community.content.moderated", "community") == []
    r = await forum.client.delete(f"{API}/posts/{other['id']}", headers=forum.admin)
    assert r.status_code == 204, r.text
    (event,) = await outbox_payloads("community.content.moderated", "community")
    assert event["target_type"] == "POST"
    assert (event["target_id"], event["post_id"]) == (other["id"], other["id"])
    assert (event["author_id"], event["admin_id"]) == (forum.ids["bob"], forum.ids["admin"])
    assert (event["action"], event["reason"]) == ("DELETED", "관리자 삭제")
    assert await forum.titles(forum.bob) == []


async def test_a_hidden_post_is_seen_by_its_author_and_admins_only(forum: Forum) -> None:
    post = await forum.post(forum.alice, title="숨겨질 글")
    await forum.post(forum.alice, title="보이는 글")
    await hide(post["id"])
    assert (await forum.get(forum.bob, post["id"])).status_code == 404
    for who in (forum.alice, forum.admin):
        r = await forum.get(who, post["id"])
        assert r.status_code == 200, r.text
        assert r.json()["hidden"] is True
    for who in (forum.alice, forum.bob, forum.admin):
        assert await forum.titles(who) == ["보이는 글"]
    assert await forum.titles(forum.alice, author_id=forum.ids["alice"]) == ["보이는 글"]


async def test_every_route_needs_a_signed_in_user(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    some = str(uuid.uuid4())
    for method, url in (
        ("GET", f"{API}/posts"),
        ("GET", f"{API}/posts/search?q=산책"),
        ("POST", f"{API}/posts"),
        ("GET", f"{API}/posts/{post['id']}"),
        ("PUT", f"{API}/posts/{post['id']}"),
        ("DELETE", f"{API}/posts/{post['id']}"),
        ("PUT", f"{API}/posts/{post['id']}/like"),
        ("GET", f"{API}/posts/{post['id']}/comments"),
        ("POST", f"{API}/posts/{post['id']}/comments"),
        ("PATCH", f"{API}/comments/{some}"),
        ("DELETE", f"{API}/comments/{some}"),
        ("PUT", f"{API}/comments/{some}/like"),
        ("POST", f"{API}/images"),
    ):
        r = await forum.client.request(method, url)
        assert r.status_code == 401, (method, url, r.status_code)


# --- lists -------------------------------------------------------------------------------


async def test_lists_are_newest_first_by_board_and_author_with_cursors(forum: Forum) -> None:
    for i in range(5):
        await forum.post(forum.alice, title=f"정보 {i}")
        await forum.post(forum.bob, board="QUESTION", title=f"질문 {i}")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"board": "INFORMATION", "page_size": 2}
        if cursor:
            params["cursor"] = cursor
        page = await forum.listed(forum.bob, **params)
        seen += [p["title"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"정보 {i}" for i in reversed(range(5))]
    every = await forum.titles(forum.alice, page_size=3)
    assert every == ["질문 4", "정보 4", "질문 3"]
    bobs = await forum.titles(forum.alice, author_id=forum.ids["bob"], page_size=100)
    assert bobs == [f"질문 {i}" for i in reversed(range(5))]
    r = await forum.client.get(f"{API}/posts", params={"author_id": "x"}, headers=forum.bob)
    assert (r.status_code, problem_fields(r)) == (422, {"author_id"})


async def test_list_items_carry_a_preview_thumbnail_counts_and_author(forum: Forum) -> None:
    pictures = [await forum.upload(forum.alice) for _ in range(3)]
    long_body = "첫 줄\n둘째 줄 " + "가" * 120
    await forum.post(
        forum.alice,
        board="SHOW_OFF",
        title="사진 글",
        body=long_body,
        image_media_ids=[p["media_id"] for p in pictures],
    )
    await forum.post(forum.bob, title="짧은 글", body="짧아요")
    items = (await forum.listed(forum.bob))["items"]
    short, pictured = items
    assert (short["preview"], short["thumbnail_url"], short["image_count"]) == ("짧아요", None, 0)
    assert pictured["preview"] == ("첫 줄 둘째 줄 " + "가" * 120)[:100] + "…"
    assert (pictured["image_count"], pictured["thumbnail_url"]) == (3, pictures[0]["url"])
    assert pictured["author"]["nickname"] == "alice"
    assert set(pictured) >= {"like_count", "comment_count", "liked_by_me", "created_at"}
    # Once the worker made the thumbnails, lists show the 320 px one.
    await deliver("community.media.stored", "community", "community.media.thumbnails")
    pictured = (await forum.listed(forum.bob, board="SHOW_OFF"))["items"][0]
    assert pictured["thumbnail_url"].endswith(".w320.webp")
    r = await forum.get(forum.bob, pictured["id"])
    assert set(r.json()["images"][0]["thumbnails"]) == {"320", "960"}


async def test_popular_ranks_recent_likes_and_comments_newest_first_among_equals(
    forum: Forum,
) -> None:
    carol = await headers_for(forum.edge, "carol@example.com")
    old = await forum.post(forum.alice, title="예전에 인기")
    # Activity counts at once, and not once it is more than 7 days old: the periodic job
    # takes it out.
    for who in (forum.bob, carol):
        await forum.client.put(f"{API}/posts/{old['id']}/like", headers=who)
    assert await forum.titles(forum.alice, sort="POPULAR") == [old["title"]]
    assert await posts_tasks.refresh_recent_scores(forum.edge.clock()) == 0
    forum.later(60 * 24 * 8)
    assert await posts_tasks.refresh_recent_scores(forum.edge.clock()) == 1
    # Taking back a like from outside the window leaves the score alone.
    await forum.client.delete(f"{API}/posts/{old['id']}/like", headers=carol)
    quiet_1 = await forum.post(forum.alice, title="조용한 글 1")
    liked_once = await forum.post(forum.alice, title="좋아요 하나")
    hot = await forum.post(forum.alice, title="좋아요와 댓글")
    quiet_2 = await forum.post(forum.alice, title="조용한 글 2")
    commented = await forum.post(forum.alice, title="댓글 하나")
    await forum.client.put(f"{API}/posts/{liked_once['id']}/like", headers=forum.bob)
    for who in (forum.bob, carol):
        await forum.client.put(f"{API}/posts/{hot['id']}/like", headers=who)
    comment = {"body": "좋아요!"}
    await forum.client.post(f"{API}/posts/{hot['id']}/comments", json=comment, headers=forum.bob)
    await forum.client.post(
        f"{API}/posts/{commented['id']}/comments", json=comment, headers=forum.bob
    )
    # A deleted comment does not count.
    r = await forum.client.post(
        f"{API}/posts/{quiet_2['id']}/comments", json=comment, headers=forum.bob
    )
    await forum.client.delete(f"{API}/comments/{r.json()['id']}", headers=forum.bob)

    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"sort": "POPULAR", "page_size": 2}
        if cursor:
            params["cursor"] = cursor
        page = await forum.listed(forum.alice, **params)
        seen += [p["title"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [
        hot["title"],  # 3
        commented["title"],  # 1, newer
        liked_once["title"],  # 1
        quiet_2["title"],  # 0, newest first
        quiet_1["title"],
        old["title"],
    ]
    assert (await forum.titles(forum.alice, sort="POPULAR", board="QUESTION")) == []
    r = await forum.client.get(
        f"{API}/posts", params={"sort": "POPULAR", "liked": "true"}, headers=forum.bob
    )
    assert (r.status_code, problem_fields(r)) == (422, {"sort"})
    r = await forum.client.get(
        f"{API}/posts", params={"sort": "POPULAR", "cursor": "bad"}, headers=forum.bob
    )
    assert (r.status_code, problem_fields(r)) == (422, {"cursor"})


# --- suspended users and unused pictures -------------------------------------------------


async def test_a_suspended_user_reads_but_cannot_write(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    mine = await forum.post(forum.bob)
    await forum.suspend("bob")

    def suspended(r: httpx.Response) -> bool:
        return r.status_code == 403 and r.json()["type"].endswith("/account-suspended")

    assert suspended(await forum.write(forum.bob))
    files = {"file": ("photo.jpg", image_bytes(), "image/jpeg")}
    assert suspended(await forum.client.post(f"{API}/images", files=files, headers=forum.bob))
    assert suspended(await forum.client.put(f"{API}/posts/{post['id']}/like", headers=forum.bob))
    assert suspended(
        await forum.client.post(
            f"{API}/posts/{post['id']}/comments", json={"body": "hi"}, headers=forum.bob
        )
    )
    assert suspended(await forum.client.delete(f"{API}/posts/{mine['id']}", headers=forum.bob))
    assert (await forum.get(forum.bob, post["id"])).status_code == 200
    assert len(await forum.titles(forum.bob)) == 2

    await forum.reinstate("bob")
    assert (await forum.write(forum.bob)).status_code == 201
    # A suspension with an end lets them write again once it has passed.
    await forum.suspend("alice", until=forum.edge.clock.now + timedelta(days=1))
    assert suspended(await forum.write(forum.alice))
    forum.later(60 * 24 + 1)
    assert (await forum.write(forum.alice)).status_code == 201


async def test_pictures_no_post_took_up_are_discarded_after_a_day(forum: Forum) -> None:
    used, unused = await forum.upload(forum.alice), await forum.upload(forum.alice)
    await forum.post(forum.alice, image_media_ids=[used["media_id"]])
    forum.later(60 * 23)
    assert await posts_tasks.discard_unattached_images(forum.edge.clock()) == 0
    forum.later(60 * 2)
    assert await posts_tasks.discard_unattached_images(forum.edge.clock()) == 1
    assert await media_status(unused["media_id"]) is media.Status.DELETED
    assert await media_status(used["media_id"]) is not media.Status.DELETED
    r = await forum.write(forum.alice, image_media_ids=[unused["media_id"]])
    assert (r.status_code, problem_fields(r)) == (422, {"image_media_ids"})
