"""Comments through the edge: roots newest first with their replies, replies to replies,
edits, deletes (a root with replies stays as "삭제된 댓글입니다"), hidden comments, counts
and the events that tell the post's and the thread's authors.

Real identity, pets, community and edge servers on PostgreSQL and Redis (`identity_edge`).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from petful.community.posts.models import Comment
from petful.platform.db import transaction
from tests.integration.conftest import IdentityEdge, headers_for, outbox_payloads, problem_fields
from tests.integration.test_community_posts import API, NOW, Forum, Headers, open_forum


@pytest.fixture
async def forum(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> Forum:
    return await open_forum(identity_edge, monkeypatch)


async def comment(
    forum: Forum, who: Headers, post_id: str, body: str, parent_id: str | None = None
) -> dict[str, Any]:
    r = await write(forum, who, post_id, body, parent_id)
    assert r.status_code == 201, r.text
    forum.later()
    return dict(r.json())


async def write(
    forum: Forum, who: Headers, post_id: str, body: str, parent_id: str | None = None
) -> httpx.Response:
    payload: dict[str, Any] = {"body": body}
    if parent_id:
        payload["parent_id"] = parent_id
    return await forum.client.post(f"{API}/posts/{post_id}/comments", json=payload, headers=who)


async def thread(forum: Forum, who: Headers, post_id: str, **params: Any) -> dict[str, Any]:
    r = await forum.client.get(f"{API}/posts/{post_id}/comments", params=params, headers=who)
    assert r.status_code == 200, r.text
    return dict(r.json())


def bodies(page: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(c["body"], [r["body"] for r in c["replies"]]) for c in page["items"]]


async def remove(forum: Forum, who: Headers, comment_id: str) -> httpx.Response:
    return await forum.client.delete(f"{API}/comments/{comment_id}", headers=who)


async def comment_count(forum: Forum, post_id: str) -> int:
    r = await forum.get(forum.alice, post_id)
    return int(r.json()["comment_count"])


# --- threads -----------------------------------------------------------------------------


async def test_roots_come_newest_first_with_their_replies_oldest_first(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    first = await comment(forum, forum.bob, post["id"], "첫 댓글")
    second = await comment(forum, forum.alice, post["id"], "둘째 댓글")
    reply_1 = await comment(forum, forum.alice, post["id"], "답글 1", first["id"])
    # A reply to a reply joins its root's thread.
    reply_2 = await comment(forum, forum.bob, post["id"], "답글 2", reply_1["id"])
    assert (reply_1["parent_id"], reply_2["parent_id"]) == (first["id"], first["id"])
    assert first["parent_id"] is None

    page = await thread(forum, forum.bob, post["id"])
    assert bodies(page) == [("둘째 댓글", []), ("첫 댓글", ["답글 1", "답글 2"])]
    assert page["total"] == 4
    assert await comment_count(forum, post["id"]) == 4
    root = page["items"][1]
    assert root["author"]["nickname"] == "bob"
    assert (root["can_edit"], root["can_delete"], root["deleted"]) == (True, True, False)
    assert (root["replies"][0]["can_edit"], root["replies"][0]["can_delete"]) == (False, False)
    # Written one minute after the post (forum.post moves the clock on).
    assert root["created_at"] == (NOW + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert second["author"]["id"] == forum.ids["alice"]

    # Keyset pages of roots, each with all its replies.
    for i in range(3):
        await comment(forum, forum.bob, post["id"], f"더 {i}")
    seen: list[tuple[str, list[str]]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"page_size": 2}
        if cursor:
            params["cursor"] = cursor
        page = await thread(forum, forum.alice, post["id"], **params)
        seen += bodies(page)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [
        ("더 2", []),
        ("더 1", []),
        ("더 0", []),
        ("둘째 댓글", []),
        ("첫 댓글", ["답글 1", "답글 2"]),
    ]


async def test_bad_comments_are_422_and_unknown_ids_404(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    r = await write(forum, forum.bob, post["id"], "")
    assert (r.status_code, problem_fields(r)) == (422, {"body"})
    r = await write(forum, forum.bob, post["id"], "가" * 1001)
    assert (r.status_code, problem_fields(r)) == (422, {"body"})
    assert (await write(forum, forum.bob, post["id"], "가" * 1000)).status_code == 201
    r = await write(forum, forum.bob, post["id"], "답글", "not-an-id")
    assert (r.status_code, problem_fields(r)) == (422, {"parent_id"})
    r = await write(forum, forum.bob, post["id"], "답글", str(uuid.uuid4()))
    assert (r.status_code, problem_fields(r)) == (404, {"parent_id"})
    # A comment of another post is no parent here.
    other = await forum.post(forum.bob)
    elsewhere = await comment(forum, forum.bob, other["id"], "다른 글 댓글")
    r = await write(forum, forum.bob, post["id"], "답글", elsewhere["id"])
    assert (r.status_code, problem_fields(r)) == (404, {"parent_id"})
    assert (await write(forum, forum.bob, str(uuid.uuid4()), "댓글")).status_code == 404
    r = await forum.client.get(f"{API}/posts/{uuid.uuid4()}/comments", headers=forum.bob)
    assert r.status_code == 404
    r = await forum.client.patch(
        f"{API}/comments/{uuid.uuid4()}", json={"body": "x"}, headers=forum.bob
    )
    assert r.status_code == 404
    r = await forum.client.get(
        f"{API}/posts/{post['id']}/comments", params={"page_size": 0}, headers=forum.bob
    )
    assert (r.status_code, problem_fields(r)) == (422, {"page_size"})


async def test_the_author_edits_a_comment(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    mine = await comment(forum, forum.bob, post["id"], "오타 있는 댓글")
    url = f"{API}/comments/{mine['id']}"
    r = await forum.client.patch(url, json={"body": "고친 댓글"}, headers=forum.bob)
    assert r.status_code == 200, r.text
    assert (r.json()["body"], r.json()["edited_at"] is not None) == ("고친 댓글", True)
    for who in (forum.alice, forum.admin):
        r = await forum.client.patch(url, json={"body": "남의 댓글"}, headers=who)
        assert r.status_code == 403, r.text
    r = await forum.client.patch(url, json={"body": ""}, headers=forum.bob)
    assert (r.status_code, problem_fields(r)) == (422, {"body"})
    assert bodies(await thread(forum, forum.alice, post["id"])) == [("고친 댓글", [])]


# --- deleting ----------------------------------------------------------------------------


async def test_a_root_with_replies_stays_deleted_until_its_last_reply_goes(
    forum: Forum,
) -> None:
    post = await forum.post(forum.alice)
    root = await comment(forum, forum.bob, post["id"], "루트")
    reply_1 = await comment(forum, forum.alice, post["id"], "답 1", root["id"])
    reply_2 = await comment(forum, forum.bob, post["id"], "답 2", root["id"])
    lonely = await comment(forum, forum.bob, post["id"], "답글 없는 댓글")
    assert await comment_count(forum, post["id"]) == 4

    assert (await remove(forum, forum.alice, root["id"])).status_code == 403
    assert (await remove(forum, forum.bob, root["id"])).status_code == 204
    page = await thread(forum, forum.alice, post["id"])
    kept = page["items"][1]
    assert (kept["id"], kept["deleted"], kept["body"]) == (root["id"], True, "")
    assert (kept["can_edit"], kept["can_delete"]) == (False, False)
    assert [r["body"] for r in kept["replies"]] == ["답 1", "답 2"]
    assert page["total"] == 3
    assert (await remove(forum, forum.bob, root["id"])).status_code == 404

    assert (await remove(forum, forum.bob, lonely["id"])).status_code == 204
    assert (await remove(forum, forum.alice, reply_1["id"])).status_code == 204
    assert bodies(await thread(forum, forum.alice, post["id"])) == [("", ["답 2"])]
    assert (await remove(forum, forum.bob, reply_2["id"])).status_code == 204
    page = await thread(forum, forum.alice, post["id"])
    assert (page["items"], page["total"]) == ([], 0)
    assert await comment_count(forum, post["id"]) == 0
    # Replying to a deleted comment finds nothing to reply to.
    r = await write(forum, forum.alice, post["id"], "늦은 답", root["id"])
    assert (r.status_code, problem_fields(r)) == (404, {"parent_id"})


async def test_admins_delete_any_comment_and_it_is_audited(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    rude = await comment(forum, forum.bob, post["id"], "무례한 댓글")
    own = await comment(forum, forum.admin, post["id"], "관리자 본인 댓글")
    assert (await remove(forum, forum.admin, own["id"])).status_code == 204
    assert await outbox_payloads("community.content.moderated", "community") == []
    assert (await remove(forum, forum.admin, rude["id"])).status_code == 204
    (event,) = await outbox_payloads("community.content.moderated", "community")
    assert (event["target_type"], event["target_id"], event["post_id"]) == (
        "COMMENT",
        rude["id"],
        post["id"],
    )
    assert (event["author_id"], event["admin_id"], event["action"]) == (
        forum.ids["bob"],
        forum.ids["admin"],
        "DELETED",
    )
    assert (await thread(forum, forum.alice, post["id"]))["items"] == []


async def test_comments_of_a_deleted_post_are_404(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    first = await comment(forum, forum.bob, post["id"], "댓글")
    assert (
        await forum.client.delete(f"{API}/posts/{post['id']}", headers=forum.alice)
    ).status_code == 204
    r = await forum.client.get(f"{API}/posts/{post['id']}/comments", headers=forum.bob)
    assert r.status_code == 404
    assert (await write(forum, forum.bob, post["id"], "또 댓글")).status_code == 404
    r = await forum.client.patch(
        f"{API}/comments/{first['id']}", json={"body": "수정"}, headers=forum.bob
    )
    assert r.status_code == 404
    assert (await remove(forum, forum.bob, first["id"])).status_code == 404
    r = await forum.client.put(f"{API}/comments/{first['id']}/like", headers=forum.alice)
    assert r.status_code == 404


async def test_a_hidden_comment_shows_to_its_author_and_admins_only(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    hidden = await comment(forum, forum.bob, post["id"], "신고된 댓글")
    async with transaction() as session:
        row = await session.get(Comment, uuid.UUID(hidden["id"]))
        assert row is not None
        row.hidden_at = NOW
    for who, body in ((forum.alice, ""), (forum.bob, "신고된 댓글"), (forum.admin, "신고된 댓글")):
        (shown,) = (await thread(forum, who, post["id"]))["items"]
        assert (shown["hidden"], shown["body"]) == (True, body)
    # Hidden still counts: it is not deleted.
    assert (await thread(forum, forum.alice, post["id"]))["total"] == 1


# --- who is told -------------------------------------------------------------------------


async def test_the_post_and_thread_authors_are_told_never_the_commenter(forum: Forum) -> None:
    carol = await headers_for(forum.edge, "carol@example.com")
    carol_id = forum.edge.users["carol@example.com"]
    post = await forum.post(forum.alice, title="보리 자랑")
    await comment(forum, forum.alice, post["id"], "제 글에 제가 단 댓글")
    root = await comment(forum, forum.bob, post["id"], "귀여워요! " * 10)
    await comment(forum, carol, post["id"], "저도요", root["id"])
    # alice replies in bob's thread on her own post: only bob is told.
    await comment(forum, forum.alice, post["id"], "감사해요", root["id"])
    # bob replies in his own thread: only alice (the post's author) is told.
    await comment(forum, forum.bob, post["id"], "또 봐요", root["id"])
    # alice's own thread on her post, replied to by carol: alice once, as REPLY.
    alices = await comment(forum, forum.alice, post["id"], "질문 있어요")
    await comment(forum, carol, post["id"], "네", alices["id"])

    events = await outbox_payloads("community.comment.created", "community")
    told = [(e["recipient_id"], e["reason"], e["author_id"]) for e in events]
    alice, bob = forum.ids["alice"], forum.ids["bob"]
    assert told == [
        (alice, "POST_COMMENT", bob),
        (bob, "REPLY", carol_id),
        (alice, "POST_COMMENT", carol_id),
        (bob, "REPLY", alice),
        (alice, "POST_COMMENT", bob),
        (alice, "REPLY", carol_id),
    ]
    first = events[0]
    assert (first["post_id"], first["post_title"], first["parent_id"]) == (
        post["id"],
        "보리 자랑",
        None,
    )
    assert first["excerpt"] == " ".join(["귀여워요!"] * 10)[:50]
    assert events[1]["parent_id"] == root["id"]
