"""The advertiser console's campaign APIs through the edge: the own list (search, phases,
sorts, cursor paging), the archive, and what an applicant's card tells (the pet's record of
completed campaigns and no-shows, personality tags, recent Instagram posts).

Participants as in test_campaigns_edge: the `advertiser`, a `rival`, the `admin`, and the
PetStars `bori` and `kongi`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from petful.contracts import sns as sns_contract
from tests.integration.conftest import IdentityEdge, deliver
from tests.integration.test_campaigns_edge import (
    DAY,
    Scene,
    advance,
    campaign_body,
    petstar,
    sandbox_post,
    scene,
)

MINE = "/api/v1/advertiser/campaigns"


async def listed(s: Scene, **params: Any) -> list[dict[str, Any]]:
    """Every page of the advertiser's list with these parameters (page size 2)."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "page_size": 2, **({"cursor": cursor} if cursor else {})}
        r = await s.client.get(MINE, params=query, headers=s.advertiser)
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


async def titles(s: Scene, **params: Any) -> list[str]:
    return [c["title"] for c in await listed(s, **params)]


async def test_search_sort_and_filter_on_the_server(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    now = edge.clock.now
    # Recruitment ends on days 5, 3, 4, 6: the deadline sort is 나 다 가 라.
    for title, product, keywords, end in [
        ("가을 사료 체험단", "연어 사료", ["사료"], 5),
        ("나비 장난감 체험단", "깃털 낚싯대", ["장난감"], 3),
        ("다이어트 간식 체험단", "닭가슴살 큐브", ["간식", "다이어트"], 4),
        ("라벤더 샴푸 체험단", "저자극 샴푸", ["목욕"], 6),
    ]:
        await s.draft(
            title=title,
            product_name=product,
            keywords=keywords,
            recruit_end=(now + end * DAY).isoformat(),
            announce_at=(now + (end + 1) * DAY).isoformat(),
            activity_start=(now + (end + 2) * DAY).isoformat(),
            activity_end=(now + (end + 9) * DAY).isoformat(),
        )
        edge.clock.advance(timedelta(minutes=1))
    oldest = (await listed(s, q="가을"))[0]
    r = await s.client.post(f"{MINE}/{oldest['id']}/submit", headers=s.advertiser)
    assert r.json()["phase"] == "PENDING_REVIEW", r.text
    # The rival's campaigns never show in the advertiser's list.
    r = await s.client.post(
        MINE, json=campaign_body(edge.clock.now, title="경쟁사 사료"), headers=s.rival
    )
    assert r.status_code == 201, r.text

    # Newest first by default, every page cursor-linked.
    assert await titles(s) == [
        "라벤더 샴푸 체험단",
        "다이어트 간식 체험단",
        "나비 장난감 체험단",
        "가을 사료 체험단",
    ]
    assert await titles(s, sort="title") == sorted(await titles(s))
    assert await titles(s, sort="deadline") == [
        "나비 장난감 체험단",
        "다이어트 간식 체험단",
        "가을 사료 체험단",
        "라벤더 샴푸 체험단",
    ]
    # The submission touched the oldest one last.
    assert (await titles(s, sort="updated"))[0] == "가을 사료 체험단"
    # Title, product name and keywords match, case-insensitively and literally.
    assert await titles(s, q="사료") == ["가을 사료 체험단"]
    assert await titles(s, q="큐브") == ["다이어트 간식 체험단"]
    assert await titles(s, q="장난감", sort="title") == ["나비 장난감 체험단"]
    assert await titles(s, q="%") == []
    # Phases: one, or several.
    assert await titles(s, phase="PENDING_REVIEW") == ["가을 사료 체험단"]
    assert len(await titles(s, phase=["DRAFT", "PENDING_REVIEW"])) == 4
    assert await titles(s, phase="COMPLETED") == []

    # A cursor of another sort is refused, like any cursor we did not make.
    page = await s.client.get(MINE, params={"sort": "title", "page_size": 1}, headers=s.advertiser)
    cursor = page.json()["next_cursor"]
    r = await s.client.get(
        MINE, params={"sort": "deadline", "cursor": cursor}, headers=s.advertiser
    )
    assert r.status_code == 422, r.text
    r = await s.client.get(MINE, params={"sort": "popular"}, headers=s.advertiser)
    assert r.status_code == 422


async def test_archive_finished_campaigns(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    cid = await s.recruiting(title="끝난 체험단")
    live = str((await s.draft(title="진행 중 체험단"))["id"])
    # Only a finished (completed or cancelled) campaign goes in the archive.
    r = await s.client.post(f"{MINE}/{cid}/archive", headers=s.advertiser)
    assert r.status_code == 409, r.text
    r = await s.client.post(
        f"{MINE}/{cid}/cancel", json={"reason": "제품 수급 문제"}, headers=s.advertiser
    )
    assert r.json()["phase"] == "CANCELLED", r.text
    r = await s.client.post(f"{MINE}/{cid}/archive", headers=s.rival)
    assert r.status_code == 404  # not the rival's
    r = await s.client.post(f"{MINE}/{cid}/archive", headers=s.advertiser)
    assert r.status_code == 200, r.text
    assert r.json()["archived_at"] is not None
    assert r.json()["phase"] == "CANCELLED"
    r = await s.client.post(f"{MINE}/{cid}/archive", headers=s.advertiser)
    assert r.status_code == 409  # already archived

    # Hidden from the list (whatever the phase filter), shown in the archive.
    assert [c["id"] for c in await listed(s)] == [live]
    assert await listed(s, phase="CANCELLED") == []
    assert [c["id"] for c in await listed(s, archived=True)] == [cid]
    assert [c["id"] for c in await listed(s, archived=True, q="끝난")] == [cid]
    # The campaign itself still opens.
    r = await s.client.get(f"{MINE}/{cid}", headers=s.advertiser)
    assert r.json()["archived_at"] is not None

    r = await s.client.delete(f"{MINE}/{cid}/archive", headers=s.advertiser)
    assert r.status_code == 200, r.text
    assert r.json()["archived_at"] is None
    assert {c["id"] for c in await listed(s)} == {cid, live}
    assert await listed(s, archived=True) == []
    r = await s.client.delete(f"{MINE}/{cid}/archive", headers=s.advertiser)
    assert r.status_code == 409
    r = await s.client.post(f"{MINE}/{live}/archive", headers=s.advertiser)
    assert r.status_code == 409  # a draft


async def test_applicant_cards_tell_the_pets_record(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    bori, kongi = await petstar(edge, "bori"), await petstar(edge, "kongi")
    first = await s.recruiting(title="첫 체험단")
    boris, _kongis = await s.in_activity(first, bori, kongi)
    post = await sandbox_post(edge, bori.handle, "보리의 유산균 후기 #광고 #펫풀", likes=321)
    await s.submit(bori, boris, post)
    await s.sync(bori)
    r = await s.client.post(
        f"/api/v1/advertiser/applicants/{boris['id']}/approve-content", headers=s.advertiser
    )
    assert r.json()["status"] == "APPROVED", r.text
    await advance(edge, 7 * DAY)
    await advance(edge, 4 * DAY)  # 콩이 never posted: a no-show
    assert await s.phase(first) == "COMPLETED"

    second = await s.recruiting(title="두 번째 체험단")
    await s.apply(second, bori)
    await s.apply(second, kongi)
    r = await s.client.get(f"{MINE}/{second}/applicants", headers=s.advertiser)
    assert r.status_code == 200, r.text
    cards = {a["pet_id"]: a for a in r.json()["items"]}
    assert (
        cards[bori.pet_id]["pet_completed_campaigns"],
        cards[bori.pet_id]["pet_no_shows"],
    ) == (1, 0)
    assert (
        cards[kongi.pet_id]["pet_completed_campaigns"],
        cards[kongi.pet_id]["pet_no_shows"],
    ) == (0, 1)
    assert cards[bori.pet_id]["petstar"]["pet"]["personality_tags"] == bori.pet["personality_tags"]

    # The PetStar's recent posts, as the sync carried them to the pets service.
    await deliver(sns_contract.ACCOUNT_SYNCED.name, "sns", "pets.refresh_sns_figures")
    url = f"/api/v1/advertiser/petstars/{bori.pet_id}/instagram-posts"
    r = await s.client.get(url, headers=s.advertiser)
    assert r.status_code == 200, r.text
    posts = r.json()
    assert posts["instagram_username"] == bori.handle
    assert posts["synced_at"] is not None
    assert 0 < len(posts["items"]) <= 50
    found = [p for p in posts["items"] if p["permalink"] == post]
    assert found, posts
    assert found[0]["like_count"] == 321
    assert found[0]["paid_partnership"]
    stamps = [p["posted_at"] for p in posts["items"]]
    assert stamps == sorted(stamps, reverse=True)
    # Only approved advertisers ask; a pet the directory does not list is not found.
    assert (await s.client.get(url, headers=bori.owner)).status_code == 403
    r = await s.client.get(
        "/api/v1/advertiser/petstars/00000000-0000-4000-8000-000000000000/instagram-posts",
        headers=s.advertiser,
    )
    assert r.status_code == 404
