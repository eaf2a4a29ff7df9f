"""/api/v1/sns end to end: the edge over real identity and sns gRPC servers, PostgreSQL,
Redis and the Instagram sandbox."""

from __future__ import annotations

import httpx
import pytest

from petful.devstack.instagram_sandbox import short_token
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields

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
