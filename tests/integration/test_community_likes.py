"""Likes of posts and comments through the edge: idempotent both ways, exact under
concurrency, announced once per user and post, and the "posts I liked" list.

Real identity, pets, community and edge servers on PostgreSQL and Redis (`identity_edge`).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from tests.integration.conftest import IdentityEdge, headers_for, outbox_payloads
from tests.integration.test_community_posts import API, Forum, Headers, hide, open_forum


@pytest.fixture
async def forum(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> Forum:
    return await open_forum(identity_edge, monkeypatch)


async def like(forum: Forum, who: Headers, post_id: str, liked: bool = True) -> httpx.Response:
    method = "PUT" if liked else "DELETE"
    return await forum.client.request(method, f"{API}/posts/{post_id}/like", headers=who)


def state(r: httpx.Response) -> tuple[int, bool, int]:
    body: dict[str, Any] = r.json()
    return r.status_code, body["liked"], body["like_count"]


async def test_liking_and_unliking_are_idempotent(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    r = await like(forum, forum.bob, post["id"])
    assert state(r) == (200, True, 1)
    assert r.json()["id"] == post["id"]
    assert state(await like(forum, forum.bob, post["id"])) == (200, True, 1)
    assert (await forum.get(forum.bob, post["id"])).json()["liked_by_me"] is True
    assert (await forum.get(forum.alice, post["id"])).json()["liked_by_me"] is False
    items = (await forum.listed(forum.bob))["items"]
    assert (items[0]["liked_by_me"], items[0]["like_count"]) == (True, 1)
    assert state(await like(forum, forum.alice, post["id"])) == (200, True, 2)
    assert state(await like(forum, forum.bob, post["id"], liked=False)) == (200, False, 1)
    assert state(await like(forum, forum.bob, post["id"], liked=False)) == (200, False, 1)
    assert (await forum.get(forum.bob, post["id"])).json()["like_count"] == 1


async def test_fifty_concurrent_likes_count_fifty(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    fans = [await headers_for(forum.edge, f"fan{i}@example.com") for i in range(50)]
    answers = await asyncio.gather(*(like(forum, fan, post["id"]) for fan in fans))
    assert {r.status_code for r in answers} == {200}
    assert (await forum.get(forum.alice, post["id"])).json()["like_count"] == 50
    # Every answer counted at least its own like, and the last one counted them all.
    counts = sorted(r.json()["like_count"] for r in answers)
    assert (counts[0] >= 1, counts[-1]) == (True, 50)
    # And as many unlikes at once, some twice, leave none.
    answers = await asyncio.gather(
        *(like(forum, fan, post["id"], liked=False) for fan in fans + fans[:10])
    )
    assert {r.status_code for r in answers} == {200}
    assert (await forum.get(forum.alice, post["id"])).json()["like_count"] == 0


async def test_a_first_like_is_announced_once_and_never_ones_own(forum: Forum) -> None:
    post = await forum.post(forum.alice, title="보리 사진")
    await like(forum, forum.alice, post["id"])
    for liked in (True, False, True, False, True):
        await like(forum, forum.bob, post["id"], liked)
    (event,) = await outbox_payloads("community.post.liked", "community")
    assert (event["post_id"], event["post_title"]) == (post["id"], "보리 사진")
    assert (event["author_id"], event["user_id"]) == (forum.ids["alice"], forum.ids["bob"])


async def test_posts_i_liked_come_most_recently_liked_first(forum: Forum) -> None:
    posts = [await forum.post(forum.alice, title=f"글 {i}") for i in range(4)]
    for i in (1, 3, 0, 2):
        await like(forum, forum.bob, posts[i]["id"])
        forum.later()
    await like(forum, forum.alice, posts[1]["id"])
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"liked": "true", "page_size": 3}
        if cursor:
            params["cursor"] = cursor
        page = await forum.listed(forum.bob, **params)
        seen += [p["title"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["글 2", "글 0", "글 3", "글 1"]
    assert {p["liked_by_me"] for p in (await forum.listed(forum.bob, liked="true"))["items"]} == {
        True
    }
    # Unliked, deleted and hidden posts leave the list.
    await like(forum, forum.bob, posts[0]["id"], liked=False)
    await forum.client.delete(f"{API}/posts/{posts[2]['id']}", headers=forum.alice)
    await hide(posts[3]["id"])
    assert await forum.titles(forum.bob, liked="true") == ["글 1"]
    assert await forum.titles(forum.alice, liked="true") == ["글 1"]
    assert await forum.titles(forum.admin, liked="true") == []


async def test_liking_what_you_may_not_see_is_404(forum: Forum) -> None:
    assert (await like(forum, forum.bob, str(uuid.uuid4()))).status_code == 404
    gone = await forum.post(forum.alice)
    await forum.client.delete(f"{API}/posts/{gone['id']}", headers=forum.alice)
    assert (await like(forum, forum.bob, gone["id"])).status_code == 404
    assert (await like(forum, forum.admin, gone["id"])).status_code == 404
    hidden = await forum.post(forum.alice)
    await hide(hidden["id"])
    assert (await like(forum, forum.bob, hidden["id"])).status_code == 404


async def test_comment_likes_are_idempotent_and_shown(forum: Forum) -> None:
    post = await forum.post(forum.alice)
    r = await forum.client.post(
        f"{API}/posts/{post['id']}/comments", json={"body": "좋아요"}, headers=forum.bob
    )
    comment_id = r.json()["id"]
    url = f"{API}/comments/{comment_id}/like"
    assert state(await forum.client.put(url, headers=forum.alice)) == (200, True, 1)
    assert state(await forum.client.put(url, headers=forum.alice)) == (200, True, 1)
    assert state(await forum.client.put(url, headers=forum.bob)) == (200, True, 2)
    assert state(await forum.client.delete(url, headers=forum.bob)) == (200, False, 1)
    assert state(await forum.client.delete(url, headers=forum.bob)) == (200, False, 1)
    r = await forum.client.get(f"{API}/posts/{post['id']}/comments", headers=forum.alice)
    (shown,) = r.json()["items"]
    assert (shown["like_count"], shown["liked_by_me"]) == (1, True)
    r = await forum.client.put(f"{API}/comments/{uuid.uuid4()}/like", headers=forum.alice)
    assert r.status_code == 404
    # Comment likes are never announced.
    assert await outbox_payloads("community.post.liked", "community") == []
