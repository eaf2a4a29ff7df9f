"""The PetStar workflow and the public directory through the edge, on the real services and
the Instagram sandbox."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from petful.contracts import pets as pets_events
from petful.contracts import sns as sns_events
from petful.devstack.instagram_sandbox import short_token
from petful.pets import tasks
from petful.platform import settings as settings_module
from petful.platform.auth_context import Role
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    outbox_payloads,
    problem_fields,
)
from tests.integration.test_pets import create_pet
from tests.support import free_port

PORTFOLIO = {"intro": "산책을 좋아하는 말티즈", "price_krw": 120000, "published": True}


async def link_account(edge: IdentityEdge, headers: dict[str, str], user: str) -> dict[str, Any]:
    r = await edge.client.post(
        "/api/v1/sns/accounts", json={"access_token": short_token(user)}, headers=headers
    )
    assert r.status_code == 201, r.text
    account: dict[str, Any] = r.json()
    return account


async def ready_pet(
    edge: IdentityEdge, headers: dict[str, str], sandbox_user: str, **pet: Any
) -> dict[str, Any]:
    """A pet with a linked Instagram account and a published portfolio."""
    account = await link_account(edge, headers, sandbox_user)
    created = await create_pet(edge, headers, **pet)
    r = await edge.client.put(
        f"/api/v1/pets/{created['id']}/instagram",
        json={"account_id": account["id"]},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["instagram_username"] == sandbox_user
    r = await edge.client.put(
        f"/api/v1/pets/{created['id']}/portfolio", json=PORTFOLIO, headers=headers
    )
    assert r.status_code == 200, r.text
    return created


async def apply(edge: IdentityEdge, headers: dict[str, str], pet_id: str, key: str = "") -> Any:
    extra = {"Idempotency-Key": key} if key else {}
    return await edge.client.post(
        f"/api/v1/pets/{pet_id}/petstar-application", headers={**headers, **extra}
    )


async def as_admin(edge: IdentityEdge) -> dict[str, str]:
    return await headers_for(edge, "admin@example.com", Role.ADMIN)


async def make_petstar(
    edge: IdentityEdge, headers: dict[str, str], sandbox_user: str, **pet: Any
) -> dict[str, Any]:
    """An approved PetStar, made the way a real one is: apply, verify, admin approves."""
    created = await ready_pet(edge, headers, sandbox_user, **pet)
    r = await apply(edge, headers, created["id"])
    assert r.status_code == 201, r.text
    await tasks.verify_pending(edge.clock.now)
    r = await edge.client.post(
        f"/api/v1/admin/petstar-applications/{r.json()['id']}/approve", headers=await as_admin(edge)
    )
    assert r.status_code == 200, r.text
    return created


async def test_apply_verify_approve_and_the_directory(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")

    r = await apply(edge, owner, bori["id"])
    assert r.status_code == 201, r.text
    assert r.json()["state"] == "SUBMITTED"
    app_id = r.json()["id"]
    assert await tasks.verify_pending(edge.clock.now) == 1
    body = (await edge.client.get(f"/api/v1/petstar-applications/{app_id}", headers=owner)).json()
    assert body["state"] == "IN_REVIEW"
    assert body["metrics"]["source"] == "sandbox"
    assert body["metrics"]["followers_count"] > 0
    assert body["eligibility"]["eligible"] is (not body["flagged"])

    admin = await as_admin(edge)
    r = await edge.client.get("/api/v1/admin/petstar-applications?state=IN_REVIEW", headers=admin)
    (queued,) = r.json()["items"]
    assert queued["id"] == app_id
    assert queued["pet"]["name"] == "보리"
    assert queued["owner"]["email"] == "owner@example.com"
    r = await edge.client.post(
        f"/api/v1/admin/petstar-applications/{app_id}/approve", headers=admin
    )
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "APPROVED"
    assert r.json()["pet"]["petstar_status"] == "APPROVED"
    (event,) = await outbox_payloads(pets_events.PETSTAR_APPROVED.name, "pets")
    assert event["application_id"] == app_id
    assert (event["pet_name"], event["owner_id"]) == ("보리", edge.users["owner@example.com"])

    # Public: the directory, the card and the published portfolio, without a token.
    r = await edge.client.get("/api/v1/petstars")
    assert [i["pet"]["id"] for i in r.json()["items"]] == [bori["id"]]
    assert r.json()["items"][0]["price_krw"] == 120000
    r = await edge.client.get(f"/api/v1/petstars/{bori['id']}/portfolio")
    assert r.status_code == 200
    assert r.json()["intro"] == PORTFOLIO["intro"]


async def test_applying_needs_a_portfolio_and_a_linked_account(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await create_pet(edge, owner)
    r = await apply(edge, owner, bori["id"])
    assert r.status_code == 409
    assert "a published portfolio" in r.json()["detail"]
    assert "a linked Instagram account" in r.json()["detail"]


async def test_the_owner_previews_the_criteria(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")
    r = await edge.client.get(f"/api/v1/pets/{bori['id']}/petstar-eligibility", headers=owner)
    assert r.status_code == 200, r.text
    preview = r.json()
    assert preview["criteria"] == {
        "min_followers": 1000,
        "min_qualifying_posts": 3,
        "min_likes": 300,
        "window_days": 90,
    }
    assert preview["metrics"]["source"] == "sandbox"
    assert preview["eligibility"]["eligible"] == (not preview["eligibility"]["reasons"])
    nosy = await headers_for(edge, "nosy@example.com")
    r = await edge.client.get(f"/api/v1/pets/{bori['id']}/petstar-eligibility", headers=nosy)
    assert r.status_code == 404


async def test_one_open_application_and_retries_by_key(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")
    first = await apply(edge, owner, bori["id"], key="apply-1")
    assert first.status_code == 201, first.text
    again = await apply(edge, owner, bori["id"], key="apply-1")
    assert again.json()["id"] == first.json()["id"]
    assert (await apply(edge, owner, bori["id"], key="apply-2")).status_code == 409
    # The account link is frozen while the application is open.
    r = await edge.client.delete(f"/api/v1/pets/{bori['id']}/instagram", headers=owner)
    assert r.status_code == 409
    (event,) = await outbox_payloads(pets_events.PETSTAR_SUBMITTED.name, "pets")
    assert (event["state"], event["pet_name"]) == ("SUBMITTED", "보리")


async def test_another_user_neither_sees_nor_withdraws(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")
    app_id = (await apply(edge, owner, bori["id"])).json()["id"]
    nosy = await headers_for(edge, "nosy@example.com")
    r = await edge.client.get(f"/api/v1/petstar-applications/{app_id}", headers=nosy)
    assert r.status_code == 404
    r = await edge.client.post(f"/api/v1/petstar-applications/{app_id}/withdraw", headers=nosy)
    assert r.status_code == 404


async def test_an_approved_petstar_stays_published(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await make_petstar(edge, owner, "bori_maltese")
    r = await edge.client.put(
        f"/api/v1/pets/{bori['id']}/portfolio",
        json={**PORTFOLIO, "published": False},
        headers=owner,
    )
    assert r.status_code == 409
    r = await edge.client.get("/api/v1/me/petstar-applications", headers=owner)
    (app,) = r.json()["items"]
    r = await edge.client.post(f"/api/v1/petstar-applications/{app['id']}/withdraw", headers=owner)
    assert r.status_code == 409


async def test_revoke_and_reapply_after_the_cooldown(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    pet = await make_petstar(edge, owner, "bori_maltese")
    admin = await as_admin(edge)
    r = await edge.client.post(
        f"/api/v1/admin/pets/{pet['id']}/revoke-petstar", json={"reason": "x"}, headers=admin
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"reason"}
    r = await edge.client.post(
        f"/api/v1/admin/pets/{pet['id']}/revoke-petstar",
        json={"reason": "광고 표시 없이 협찬 게시물을 올렸습니다"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "REVOKED"
    assert (await edge.client.get("/api/v1/petstars")).json()["items"] == []
    r = await apply(edge, owner, pet["id"])
    assert r.status_code == 409
    assert "may apply again from" in r.json()["detail"]
    edge.clock.advance(timedelta(days=31))
    r = await apply(edge, owner, pet["id"])
    assert r.status_code == 201, r.text


async def test_a_small_account_goes_to_review_flagged_not_rejected(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    pet = await ready_pet(edge, owner, "tiny_hamster", name="햄찌", species="OTHER")
    r = await apply(edge, owner, pet["id"])
    await tasks.verify_pending(edge.clock.now)
    r = await edge.client.get(f"/api/v1/petstar-applications/{r.json()['id']}", headers=owner)
    body = r.json()
    assert body["state"] == "IN_REVIEW"
    assert body["flagged"] is True
    assert body["eligibility"]["eligible"] is False
    assert any(reason.startswith("followers") for reason in body["eligibility"]["reasons"])
    # The owner may still withdraw while it is undecided.
    r = await edge.client.post(f"/api/v1/petstar-applications/{body['id']}/withdraw", headers=owner)
    assert r.json()["state"] == "WITHDRAWN"
    assert r.json()["pet"]["petstar_status"] == "NONE"


async def test_admin_rejects_with_a_reason(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    pet = await ready_pet(edge, owner, "kongi_cat", name="콩이", species="CAT")
    r = await apply(edge, owner, pet["id"])
    app_id = r.json()["id"]
    admin = await as_admin(edge)
    # Not before verification has put it in review.
    r = await edge.client.post(
        f"/api/v1/admin/petstar-applications/{app_id}/reject",
        json={"reason": "최근 게시물이 부족합니다"},
        headers=admin,
    )
    assert r.status_code == 409
    await tasks.verify_pending(edge.clock.now)
    r = await edge.client.post(
        f"/api/v1/admin/petstar-applications/{app_id}/reject",
        json={"reason": "최근 게시물이 부족합니다"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["state"], r.json()["reason"]) == ("REJECTED", "최근 게시물이 부족합니다")
    r = await edge.client.get("/api/v1/me/petstar-applications", headers=owner)
    assert [a["state"] for a in r.json()["items"]] == ["REJECTED"]
    user = await headers_for(edge, "user@example.com")
    r = await edge.client.get("/api/v1/admin/petstar-applications", headers=user)
    assert r.status_code == 403


async def test_one_account_links_one_pet(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    account = await link_account(edge, owner, "bori_maltese")
    first = await create_pet(edge, owner)
    second = await create_pet(edge, owner, name="콩이")
    r = await edge.client.put(
        f"/api/v1/pets/{first['id']}/instagram", json={"account_id": account["id"]}, headers=owner
    )
    assert r.status_code == 200
    r = await edge.client.put(
        f"/api/v1/pets/{second['id']}/instagram", json={"account_id": account["id"]}, headers=owner
    )
    assert r.status_code == 409
    assert problem_fields(r) == {"account_id"}
    # Someone else's account is not found, whoever asks.
    other = await headers_for(edge, "other@example.com")
    theirs = await link_account(edge, other, "kongi_cat")
    r = await edge.client.put(
        f"/api/v1/pets/{second['id']}/instagram", json={"account_id": theirs["id"]}, headers=owner
    )
    assert r.status_code == 404
    assert problem_fields(r) == {"account_id"}


async def test_directory_filters_sorts_and_pages(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    made = []
    for i, (user, name, species) in enumerate(
        [
            ("bori_maltese", "보리", "DOG"),
            ("kongi_cat", "콩이", "CAT"),
            ("nabi_russianblue", "나비", "CAT"),
            ("dubu_corgi", "두부", "DOG"),
        ]
    ):
        owner = await headers_for(edge, f"owner{i}@example.com")
        made.append(await make_petstar(edge, owner, user, name=name, species=species))
    c = edge.client
    r = await c.get("/api/v1/petstars", params={"species": "CAT"})
    assert sorted(i["pet"]["name"] for i in r.json()["items"]) == ["나비", "콩이"]
    r = await c.get("/api/v1/petstars", params={"sort": "followers"})
    followers = [i["followers_count"] for i in r.json()["items"]]
    assert followers == sorted(followers, reverse=True)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"sort": "followers", "page_size": 1}
        if cursor:
            params["cursor"] = cursor
        page = (await c.get("/api/v1/petstars", params=params)).json()
        seen += [i["pet"]["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(p["id"] for p in made)
    assert len(seen) == len(set(seen))
    r = await c.get("/api/v1/petstars", params={"q": "두부"})
    assert [i["pet"]["name"] for i in r.json()["items"]] == ["두부"]
    r = await c.get("/api/v1/petstars", params={"min_followers": 10, "max_followers": 5})
    assert r.status_code == 422
    assert problem_fields(r) == {"max_followers"}
    r = await c.get("/api/v1/petstars", params={"cursor": "garbage"})
    assert r.status_code == 422
    assert problem_fields(r) == {"cursor"}


# What the worker does for pets when events arrive.


async def test_a_sync_copies_the_figures_onto_the_pet(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")
    card = (await edge.client.get(f"/api/v1/pets/{bori['id']}", headers=owner)).json()
    assert card["followers_count"] == 0  # nothing measured yet

    account_id = card["instagram_account_id"]
    r = await edge.client.post(f"/api/v1/sns/accounts/{account_id}/sync", headers=owner)
    assert r.status_code == 200, r.text
    assert await deliver(sns_events.ACCOUNT_SYNCED.name, "sns", "pets.refresh_sns_figures") >= 1
    # The figures come from the event itself.
    synced = (await outbox_payloads(sns_events.ACCOUNT_SYNCED.name, "sns"))[-1]
    card = (await edge.client.get(f"/api/v1/pets/{bori['id']}", headers=owner)).json()
    assert card["followers_count"] == synced["followers_count"] > 0
    assert card["engagement_rate"] == pytest.approx(synced["engagement_rate"])


async def test_a_submitted_application_is_verified_at_once(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")
    app_id = (await apply(edge, owner, bori["id"])).json()["id"]
    assert await deliver(pets_events.PETSTAR_SUBMITTED.name, "pets", "pets.verify") == 1
    r = await edge.client.get(f"/api/v1/petstar-applications/{app_id}", headers=owner)
    assert r.json()["state"] == "IN_REVIEW"


async def test_disconnecting_the_account_unlinks_the_pet(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    bori = await ready_pet(edge, owner, "bori_maltese")
    card = (await edge.client.get(f"/api/v1/pets/{bori['id']}", headers=owner)).json()
    r = await edge.client.delete(
        f"/api/v1/sns/accounts/{card['instagram_account_id']}", headers=owner
    )
    assert r.status_code in (200, 204), r.text
    assert await deliver(sns_events.ACCOUNT_UNLINKED.name, "sns", "pets.forget_account") == 1
    card = (await edge.client.get(f"/api/v1/pets/{bori['id']}", headers=owner)).json()
    assert card["instagram_account_id"] is None


async def test_verification_waits_for_sns_then_goes_to_review_flagged(
    identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    pet = await ready_pet(edge, owner, "bori_maltese")
    app_id = (await apply(edge, owner, pet["id"])).json()["id"]
    # sns is down (a closed port) and verification gives up after two attempts.
    targets = {**edge.settings.service_targets, "sns": f"127.0.0.1:{free_port()}"}
    monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps(targets))
    monkeypatch.setenv("PETFUL_PETS__PETSTAR_VERIFY_MAX_ATTEMPTS", "2")
    settings_module.get_settings.cache_clear()

    async def state() -> dict[str, Any]:
        r = await edge.client.get(f"/api/v1/petstar-applications/{app_id}", headers=owner)
        body: dict[str, Any] = r.json()
        return body

    assert await tasks.verify_pending(edge.clock.now) == 0
    first = await state()
    assert first["state"] == "VERIFYING"
    assert first["verification_error"]
    assert await tasks.verify_pending(edge.clock.now) == 1
    last = await state()
    assert (last["state"], last["flagged"]) == ("IN_REVIEW", True)
    assert last["eligibility"]["reasons"][0].startswith("SNS figures unavailable")
