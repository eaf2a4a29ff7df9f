"""Matching end to end: the real pets, sns, campaigns, advertisers and identity services, the
matching service on its own gRPC port, its router mounted on the real edge app, and the
subscribers fed the real outbox events. Real PetStars (sandbox Instagram, verified, approved)
and a real recruiting campaign."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.matching import tasks
from petful.platform import events, outbox
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.outbox import Event
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.test_campaigns_edge import approved_advertiser, campaign_body
from tests.integration.test_petstars import make_petstar

HOUR = timedelta(hours=1)


@dataclass
class MatchingEdge:
    edge: IdentityEdge
    client: httpx.AsyncClient


@pytest.fixture
def matching_edge(identity_edge: IdentityEdge) -> MatchingEdge:
    """The full edge: identity_edge runs matching with the other services."""
    return MatchingEdge(identity_edge, identity_edge.client)


async def deliver(topic: str, schema: str) -> int:
    """Hand the outbox events of topic to matching's subscribers, as the relay would."""
    table = outbox.outbox_table(schema)
    async with transaction() as session:
        rows = (
            await session.execute(
                sa.select(table.c.id, table.c.payload).where(table.c.topic == topic)
            )
        ).all()
    handled = 0
    for event_id, payload in rows:
        event = Event(event_id, topic, schema, dict(payload), datetime.now(UTC))
        for sub in events.subscribers_of(topic):
            if sub.schema == "matching":
                handled += await events.consume(sub, event)
    return handled


async def recruiting_campaign(edge: IdentityEdge, advertiser: dict[str, str], **over: Any) -> str:
    c = edge.client
    body = campaign_body(edge.clock.now, **over)
    r = await c.post("/api/v1/advertiser/campaigns", json=body, headers=advertiser)
    assert r.status_code == 201, r.text
    cid: str = r.json()["id"]
    await c.post(f"/api/v1/advertiser/campaigns/{cid}/submit", headers=advertiser)
    admin = await headers_for(edge, "admin@example.com", Role.ADMIN)
    r = await c.post(f"/api/v1/admin/campaigns/{cid}/approve", headers=admin)
    assert r.json()["phase"] == "RECRUITING", r.text
    return cid


async def test_recommendations_through_the_edge(matching_edge: MatchingEdge) -> None:
    edge, c = matching_edge.edge, matching_edge.client
    advertiser = await approved_advertiser(edge, "advertiser@example.com", "123-45-67891")
    rival = await approved_advertiser(edge, "rival@example.com", "314-86-12340")
    cid = await recruiting_campaign(
        edge,
        advertiser,
        title="고양이 습식 사료 체험단",
        product_name="연어 캣푸드",
        product_description="고양이를 위한 연어 습식 사료",
        keywords=["고양이", "사료"],
        target_species=["CAT"],
    )
    bori_owner, kongi_owner, nabi_owner = [
        await headers_for(edge, f"star{i}@example.com") for i in range(3)
    ]
    bori = await make_petstar(edge, bori_owner, "bori_maltese")  # a dog
    kongi = await make_petstar(
        edge, kongi_owner, "kongi_cat", name="콩이", species="CAT", breed="코리안숏헤어"
    )
    nabi = await make_petstar(
        edge, nabi_owner, "nabi_russianblue", name="나비", species="CAT", breed="러시안블루"
    )

    # Nothing indexed yet: the backfill walks the directory and the recruiting campaigns.
    seen: list[tuple[str, int, int]] = []
    result = await tasks.reindex(edge.settings, progress=lambda *a: seen.append(a))
    assert result.petstars == {"embedded": 3}, result
    assert result.campaigns == {"embedded": 1}, result
    assert seen[-1] == ("campaigns", 1, 1)
    again = await tasks.reindex(edge.settings)
    assert again.petstars == {"unchanged": 3}
    assert again.campaigns == {"unchanged": 1}

    url = f"/api/v1/campaigns/{cid}/recommendations"
    r = await c.get(url, headers=advertiser)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert {i["petstar"]["pet_id"] for i in items} == {kongi["id"], nabi["id"]}  # cats only
    for i in items:
        e = i["explanation"]
        assert 0 < i["score"] <= 1
        assert e["semantic"] > 0
        assert "고양이" in e["shared_terms"]
        assert i["petstar"]["followers_count"] > 0
        assert i["petstar"]["price_krw"] == 120000
    assert (await c.get(url, headers=rival)).status_code == 404
    assert (await c.get(url, headers=bori_owner)).status_code == 403
    assert (
        await c.get(f"/api/v1/campaigns/{uuid.uuid4()}/recommendations", headers=advertiser)
    ).status_code == 404
    assert (await c.get(url + "?limit=51", headers=advertiser)).status_code == 422
    assert len((await c.get(url + "?limit=1", headers=advertiser)).json()["items"]) == 1

    # The owner side: recruiting campaigns for my approved PetStars.
    r = await c.get("/api/v1/me/recommended-campaigns", headers=kongi_owner)
    assert r.status_code == 200, r.text
    (match,) = r.json()["items"]
    assert match["campaign"]["campaign_id"] == cid
    assert match["pet_id"] == kongi["id"]
    assert match["explanation"]["shared_terms"]
    r = await c.get("/api/v1/me/recommended-campaigns", headers=bori_owner)
    assert r.json()["items"] == []  # a dog: the campaign is for cats
    assert (await c.get("/api/v1/me/recommended-campaigns")).status_code == 401

    # Applying takes the pet out of the advertiser's list and the campaign out of the owner's.
    edge.clock.advance(2 * HOUR)
    r = await edge.client.post(
        f"/api/v1/campaigns/{cid}/applications",
        json={"pet_id": kongi["id"], "note": "콩이가 꼭 써보고 싶어요! 후기 잘 쓸게요."},
        headers=kongi_owner,
    )
    assert r.status_code == 201, r.text
    r = await c.get(url, headers=advertiser)
    assert [i["petstar"]["pet_id"] for i in r.json()["items"]] == [nabi["id"]]
    r = await c.get("/api/v1/me/recommended-campaigns", headers=kongi_owner)
    assert r.json()["items"] == []

    # Similar PetStars (public).
    r = await c.get(f"/api/v1/petstars/{nabi['id']}/similar")
    assert r.status_code == 200, r.text
    similar = [i["petstar"]["pet_id"] for i in r.json()["items"]]
    assert set(similar) == {kongi["id"], bori["id"]}
    assert similar[0] == kongi["id"]

    # A suspended owner's PetStar is not recommended until the suspension is lifted.
    admin = await headers_for(edge, "admin@example.com", Role.ADMIN)
    nabi_owner_id = edge.users["star2@example.com"]
    r = await edge.client.post(
        f"/api/v1/admin/users/{nabi_owner_id}/suspension",
        json={"reason": "허위 협찬 게시물 신고 누적"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert await deliver(identity_events.ACCOUNT_SUSPENDED.name, "identity") == 1
    assert (await c.get(url, headers=advertiser)).json()["items"] == []
    r = await edge.client.request(
        "DELETE",
        f"/api/v1/admin/users/{nabi_owner_id}/suspension",
        json={"reason": "소명 확인 완료"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert await deliver(identity_events.ACCOUNT_REINSTATED.name, "identity") == 1
    r = await c.get(url, headers=advertiser)
    assert [i["petstar"]["pet_id"] for i in r.json()["items"]] == [nabi["id"]]

    # A revoked PetStar leaves every list once its event is handled.
    r = await edge.client.post(
        f"/api/v1/admin/pets/{nabi['id']}/revoke-petstar",
        json={"reason": "가이드라인 위반"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert await deliver(pets_events.PETSTAR_REVOKED.name, "pets") == 1
    assert await deliver(pets_events.PETSTAR_REVOKED.name, "pets") == 0  # deduped by the inbox
    r = await c.get(url, headers=advertiser)
    assert r.json()["items"] == []
    assert (await c.get(f"/api/v1/petstars/{nabi['id']}/similar")).status_code == 404
