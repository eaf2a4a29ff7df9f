"""/api/v1/sns end to end: the edge over real identity and sns gRPC servers, PostgreSQL,
Redis and the Instagram sandbox."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa

from petful.contracts import sns as sns_contract
from petful.devstack.instagram_sandbox import short_token
from petful.notifications import tasks as notification_tasks  # noqa: F401 - the subscribers
from petful.notifications.channel_models import Delivery
from petful.notifications.models import Notification
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    problem_fields,
)

ACCOUNTS = "/api/v1/sns/accounts"


@pytest.fixture
def client(identity_edge: IdentityEdge) -> httpx.AsyncClient:
    return identity_edge.client


async def test_link_read_sync_unlink(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    r = await client.post(ACCOUNTS, headers=h, json={"access_token": short_token("bori_maltese")})
    assert r.status_code == 201, r.text
    account = r.json()
    assert (account["username"], account["status"], account["source"]) == (
        "bori_maltese",
        "LINKED",
        "sandbox",
    )
    assert "token" not in " ".join(account)
    account_id = account["id"]

    r = await client.get(ACCOUNTS, headers=h)
    assert [a["id"] for a in r.json()["items"]] == [account_id]
    listed = r.json()["items"][0]["metrics"]  # current figures with each account
    assert listed["engagement_rate"] > 0
    assert listed["avg_likes"] > 0
    assert 0 <= listed["credibility_score"] <= 100
    r = await client.get(f"{ACCOUNTS}/{account_id}", headers=h)
    assert r.status_code == 200
    r = await client.get(f"{ACCOUNTS}/{account_id}/metrics?window_days=30", headers=h)
    assert r.status_code == 200, r.text
    metrics = r.json()
    assert metrics["window_days"] == 30
    assert metrics["posts_in_window"] == len(metrics["recent_posts"])
    assert metrics["engagement_rate"] > 0
    assert metrics["source"] == "sandbox"
    r = await client.post(f"{ACCOUNTS}/{account_id}/sync", headers=h)
    assert r.status_code == 200, r.text

    other = await headers_for(identity_edge, "other@example.com")
    r = await client.get(f"{ACCOUNTS}/{account_id}", headers=other)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    r = await client.post(
        ACCOUNTS, headers=other, json={"access_token": short_token("bori_maltese")}
    )
    assert r.status_code == 409, r.text

    r = await client.delete(f"{ACCOUNTS}/{account_id}", headers=h)
    assert (r.status_code, r.json()["status"]) == (200, "UNLINKED")
    assert (await client.get(ACCOUNTS, headers=h)).json()["items"] == []


async def test_validation_and_auth(client: httpx.AsyncClient, identity_edge: IdentityEdge) -> None:
    assert (await client.get(ACCOUNTS)).status_code == 401
    h = await headers_for(identity_edge, "owner@example.com")
    r = await client.post(ACCOUNTS, headers=h, json={"access_token": "", "ig_user_id": "x"})
    assert r.status_code == 422
    assert problem_fields(r) >= {"access_token", "ig_user_id"}
    r = await client.post(ACCOUNTS, headers=h, json={"access_token": "EAA-not-valid"})
    assert r.status_code == 422
    assert problem_fields(r) == {"access_token"}
    r = await client.get(f"{ACCOUNTS}/not-a-uuid", headers=h)
    assert r.status_code == 422


async def _linked(client: httpx.AsyncClient, h: dict[str, str], user: str) -> str:
    r = await client.post(ACCOUNTS, headers=h, json={"access_token": short_token(user)})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def test_analytics_and_post_by_url(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    account_id = await _linked(client, h, "nabi_russianblue")
    r = await client.get(f"{ACCOUNTS}/{account_id}/analytics", headers=h)
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["engagement_rate"] > 0
    assert len(a["top_posts"]) == 3
    assert len(a["insights"]) == 6
    assert 0 <= a["credibility"]["score"] <= 100
    assert a["sponsored_posts"] + a["organic_posts"] > 0
    assert a["source"] == "sandbox"

    # a post the test controls, found by its link once synced
    assert identity_edge.sandbox is not None
    async with httpx.AsyncClient(base_url=identity_edge.sandbox.url) as sandbox:
        r = await sandbox.post(
            "/__sandbox__/media",
            json={"handle": "nabi_russianblue", "caption": "새 사료 후기 #광고 @brand"},
        )
        assert r.status_code == 201
        permalink = r.json()["permalink"]
    assert (await client.post(f"{ACCOUNTS}/{account_id}/sync", headers=h)).status_code == 200
    r = await client.get(
        "/api/v1/sns/posts/by-url", headers=h, params={"account_id": account_id, "url": permalink}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["caption"], r.json()["paid_partnership"]) == (
        "새 사료 후기 #광고 @brand",
        True,
    )
    r = await client.get(
        "/api/v1/sns/posts/by-url",
        headers=h,
        params={"account_id": account_id, "url": "https://example.com/p/x/"},
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"url"}

    other = await headers_for(identity_edge, "other@example.com")
    r = await client.get(f"{ACCOUNTS}/{account_id}/analytics", headers=other)
    assert r.status_code == 404
    r = await client.get(
        "/api/v1/sns/posts/by-url",
        headers=other,
        params={"account_id": account_id, "url": permalink},
    )
    assert r.status_code == 404


async def test_moderation_routes(client: httpx.AsyncClient, identity_edge: IdentityEdge) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    account_id = await _linked(client, h, "bori_maltese")
    base = f"{ACCOUNTS}/{account_id}"
    other_early = await headers_for(identity_edge, "other@example.com")
    r = await client.get(f"{base}/moderation", headers=h)
    assert r.status_code == 200, r.text
    assert (r.json()["auto_moderation"], r.json()["action"]) == (False, "HIDE")
    r = await client.put(
        f"{base}/moderation",
        headers=h,
        json={"auto_moderation": True, "action": "HIDE", "banned_words": ["바보", "광고"]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["banned_words"] == ["바보", "광고"]

    # invalid input: 422 naming the fields (at the edge, and from the service's rules)
    r = await client.put(
        f"{base}/moderation", headers=h, json={"action": "UNHIDE", "banned_words": [" "]}
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"action", "banned_words.0"}
    r = await client.put(f"{base}/moderation", headers=h, json={"banned_words": ["!!!"]})
    assert r.status_code == 422
    assert problem_fields(r) == {"banned_words"}
    r = await client.get(f"{base}/comments?page_size=0&sort=BEST&sentiment=HAPPY", headers=h)
    assert r.status_code == 422
    assert problem_fields(r) == {"page_size", "sort", "sentiment"}

    r = await client.post(f"{base}/moderation/banned-words", headers=h, json={"words": ["사기"]})
    assert (r.status_code, r.json()["banned_words"]) == (200, ["바보", "광고", "사기"])
    r = await client.delete(f"{base}/moderation/banned-words/광고", headers=h)
    assert (r.status_code, r.json()["banned_words"]) == (200, ["바보", "사기"])
    r = await client.post(f"{base}/moderation/banned-words", headers=h, json={"words": []})
    assert r.status_code == 422
    assert problem_fields(r) == {"words"}
    r = await client.post(
        f"{base}/moderation/banned-words", headers=other_early, json={"words": ["x"]}
    )
    assert r.status_code == 404

    r = await client.get(f"{base}/comments", headers=h, params={"page_size": 5})
    assert r.status_code == 200, r.text
    page = r.json()
    assert len(page["items"]) == 5
    assert page["next_cursor"]
    r = await client.get(
        f"{base}/comments", headers=h, params={"page_size": 5, "cursor": page["next_cursor"]}
    )
    assert {c["id"] for c in r.json()["items"]}.isdisjoint({c["id"] for c in page["items"]})
    comment_id = page["items"][0]["id"]

    other = await headers_for(identity_edge, "other@example.com")
    r = await client.post(f"/api/v1/sns/comments/{comment_id}/hide", headers=other)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    for path in (f"{base}/comments", f"{base}/moderation", f"{base}/moderation/stats"):
        assert (await client.get(path, headers=other)).status_code == 404

    r = await client.post(f"/api/v1/sns/comments/{comment_id}/hide", headers=h)
    assert (r.status_code, r.json()["state"]) == (200, "HIDDEN")
    r = await client.post(f"/api/v1/sns/comments/{comment_id}/hide", headers=h)
    assert r.status_code == 409
    r = await client.post(f"/api/v1/sns/comments/{comment_id}/unhide", headers=h)
    assert (r.status_code, r.json()["state"]) == (200, "VISIBLE")
    r = await client.post(f"/api/v1/sns/comments/{comment_id}/delete", headers=h)
    assert (r.status_code, r.json()["state"]) == (200, "DELETED")
    r = await client.get(f"{base}/comments", headers=h, params={"moderated": "true"})
    assert [c["id"] for c in r.json()["items"]] == [comment_id]

    r = await client.get(f"{base}/moderation/stats", headers=h)
    assert r.status_code == 200, r.text
    stats = r.json()
    assert (stats["moderated_comments"], stats["deleted_comments"]) == (1, 1)
    assert stats["total_comments"] > 0
    r = await client.get(f"{base}/moderation/log", headers=h)
    entries = r.json()["items"]
    assert sorted(e["action"] for e in entries) == ["DELETE", "HIDE", "UNHIDE"]
    assert {(e["by"], e["reason"]) for e in entries} == {("user", "manual")}


async def test_admin_sync_status_and_trigger(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    account_id = await _linked(client, h, "dubu_corgi")
    owner_id = identity_edge.users["owner@example.com"]
    admin = await headers_for(identity_edge, "admin@example.com", Role.ADMIN)
    r = await client.get(f"/api/v1/sns/admin/users/{owner_id}/accounts", headers=admin)
    assert r.status_code == 200, r.text
    (listed,) = r.json()["items"]
    assert (listed["id"], listed["status"], listed["last_sync_error"]) == (account_id, "LINKED", "")
    before = listed["last_synced_at"]
    identity_edge.clock.advance(timedelta(minutes=10))
    r = await client.post(f"/api/v1/sns/admin/users/{owner_id}/sync", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["items"][0]["last_synced_at"] > before
    # owners cannot use the admin routes
    r = await client.get(f"/api/v1/sns/admin/users/{owner_id}/accounts", headers=h)
    assert r.status_code == 403
    r = await client.get("/api/v1/sns/admin/users/not-a-uuid/accounts", headers=admin)
    assert r.status_code == 422


async def test_owner_is_told_by_mail_when_an_account_needs_reconnecting(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    r = await client.post(ACCOUNTS, headers=h, json={"access_token": short_token("bori_maltese")})
    account_id = r.json()["id"]
    assert identity_edge.sandbox is not None
    identity_edge.sandbox.state.revoke("bori_maltese")
    await client.post(f"{ACCOUNTS}/{account_id}/sync", headers=h)
    r = await client.get(f"{ACCOUNTS}/{account_id}", headers=h)
    assert r.json()["status"] == "NEEDS_REAUTH"
    reauth = sns_contract.ACCOUNT_NEEDS_REAUTH.name
    subscriber = "notifications.instagram_reconnect_needed"
    assert await deliver(reauth, "sns", subscriber) == 1
    owner_id = uuid.UUID(identity_edge.users["owner@example.com"])
    async with transaction() as session:
        rows = await session.execute(
            sa.select(Notification.title, Delivery.channel)
            .join(Delivery, Delivery.notification_id == Notification.id)
            .where(Notification.user_id == owner_id)
        )
        told = sorted((r.title, r.channel) for r in rows)
    assert told == [
        ("인스타그램을 다시 연결해 주세요", "EMAIL"),
        ("인스타그램을 다시 연결해 주세요", "PUSH"),
    ]
