"""Korean-aware search through the edge: kiwipiepy terms as prefixes over a GIN-indexed
tsvector, title hits above body hits, recency among equals, board filter, highlights.

Real identity, pets, community and edge servers on PostgreSQL and Redis (`identity_edge`).
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from petful.platform.db import transaction
from tests.integration.conftest import IdentityEdge, problem_fields
from tests.integration.test_community_posts import API, Forum, Headers, hide, open_forum

START, END = "\ue000", "\ue001"


@pytest.fixture
async def forum(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> Forum:
    return await open_forum(identity_edge, monkeypatch)


async def search(forum: Forum, who: Headers, q: str, **params: Any) -> dict[str, Any]:
    r = await forum.client.get(f"{API}/posts/search", params={"q": q, **params}, headers=who)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def found(forum: Forum, q: str, **params: Any) -> list[str]:
    return [h["post"]["title"] for h in (await search(forum, forum.bob, q, **params))["items"]]


async def test_a_stem_finds_its_inflections_and_longer_words(forum: Forum) -> None:
    await forum.post(forum.alice, title="주말 이야기", body="오늘 보리랑 한강에서 산책했어요.")
    await forum.post(forum.alice, title="동네 지도", body="새로 생긴 산책로가 넓어요.")
    await forum.post(forum.alice, title="사료 질문", body="사료를 바꿔도 될까요?")
    assert sorted(await found(forum, "산책")) == ["동네 지도", "주말 이야기"]
    # The query is analysed the same way: its stem finds both too.
    assert sorted(await found(forum, "산책했어요")) == ["동네 지도", "주말 이야기"]
    assert await found(forum, "산책로") == ["동네 지도"]
    # Every term must match (AND).
    assert await found(forum, "한강 산책") == ["주말 이야기"]
    assert await found(forum, "고양이") == []


async def test_title_hits_rank_above_body_hits_then_newest_first(forum: Forum) -> None:
    await forum.post(forum.alice, title="일상", body="산책을 다녀왔어요.")
    await forum.post(forum.alice, title="산책 코스 추천", body="집 앞 공원이 좋아요.")
    await forum.post(forum.alice, title="오늘", body="비 와서 산책 못 했어요.")
    hits = (await search(forum, forum.bob, "산책"))["items"]
    assert [h["post"]["title"] for h in hits] == ["산책 코스 추천", "오늘", "일상"]
    assert hits[0]["rank"] > hits[1]["rank"] == hits[2]["rank"]


async def test_results_page_by_cursor_and_filter_by_board(forum: Forum) -> None:
    for i in range(5):
        await forum.post(forum.alice, title=f"산책 {i}", board="INFORMATION")
    await forum.post(forum.alice, title="산책 질문", board="QUESTION")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"page_size": 2, "board": "INFORMATION"}
        if cursor:
            params["cursor"] = cursor
        page = await search(forum, forum.bob, "산책", **params)
        seen += [h["post"]["title"] for h in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"산책 {i}" for i in reversed(range(5))]
    assert await found(forum, "산책", board="QUESTION") == ["산책 질문"]


async def test_deleted_and_hidden_posts_are_never_found(forum: Forum) -> None:
    gone = await forum.post(forum.alice, title="산책 지운 글")
    hidden = await forum.post(forum.alice, title="산책 숨긴 글")
    await forum.post(forum.alice, title="산책 남은 글")
    await forum.client.delete(f"{API}/posts/{gone['id']}", headers=forum.alice)
    await hide(hidden["id"])
    assert await found(forum, "산책") == ["산책 남은 글"]
    hits = (await search(forum, forum.admin, "산책"))["items"]
    assert [h["post"]["title"] for h in hits] == ["산책 남은 글"]


async def test_an_edit_is_searched_by_its_new_text(forum: Forum) -> None:
    post = await forum.post(forum.alice, title="사료 후기", body="잘 먹어요")
    edit = {"board": "INFORMATION", "title": "간식 후기", "body": "터그 놀이 후 간식"}
    r = await forum.client.put(f"{API}/posts/{post['id']}", json=edit, headers=forum.alice)
    assert r.status_code == 200, r.text
    assert await found(forum, "사료") == []
    assert await found(forum, "터그") == ["간식 후기"]


async def test_matches_are_highlighted_in_the_title_and_a_body_window(forum: Forum) -> None:
    body = "가" * 200 + " 어제 산책로에서 만난 친구와 산책했어요. " + "나" * 200
    await forum.post(forum.alice, title="산책 일기 <b>", body=body)
    (hit,) = (await search(forum, forum.bob, "산책"))["items"]
    assert hit["title_highlight"] == f"{START}산책{END} 일기 <b>"
    window = hit["body_highlight"]
    assert (window[0], window[-1]) == ("…", "…")
    assert f"{START}산책{END}로에서" in window
    assert f"{START}산책{END}했어요" in window
    assert len(window.replace(START, "").replace(END, "")) <= 122
    assert hit["post"]["preview"].startswith("가")


async def test_queries_without_searchable_terms_find_nothing(forum: Forum) -> None:
    await forum.post(forum.alice, title="산책")
    for q in ("은는이가", "!!!", "the"):
        assert await found(forum, q) == [], q
    for q in ("", "   ", "가" * 101):
        r = await forum.client.get(f"{API}/posts/search", params={"q": q}, headers=forum.bob)
        assert (r.status_code, problem_fields(r)) == (422, {"q"}), q
    r = await forum.client.get(
        f"{API}/posts/search", params={"q": "산책", "cursor": "nope"}, headers=forum.bob
    )
    assert (r.status_code, problem_fields(r)) == (422, {"cursor"})


async def test_search_uses_the_gin_index(forum: Forum) -> None:
    async with transaction() as session:
        await session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            (
                await session.execute(
                    sa.text(
                        "EXPLAIN SELECT id FROM community.posts "
                        "WHERE search @@ to_tsquery('simple', '산책:*')"
                    )
                )
            ).scalars()
        )
    assert "ix_posts_search" in plan
