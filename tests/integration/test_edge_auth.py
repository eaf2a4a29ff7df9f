"""Tokens through a real Envoy in front of the real edge and the real identity service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from petful.platform.settings import Settings
from tests.integration.conftest import IdentityEdge
from tests.integration.front_door_support import AUTH_LIMIT, Stack, running_stack


@pytest.fixture
async def stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    async with running_stack(settings, tmp_path, monkeypatch) as s:
        yield s


async def test_a_valid_token_reaches_the_service(stack: Stack) -> None:
    tokens = await stack.login()
    response = await stack.get("/api/v1/me", tokens["access"])
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == stack.email
    assert response.headers["x-request-id"]
    text = response.text.lower()
    assert "hash" not in text
    assert "argon2" not in text


async def test_missing_token_is_refused_by_envoy(stack: Stack) -> None:
    response = await stack.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers.get("www-authenticate", "").startswith("Bearer")


@pytest.mark.parametrize(
    ("case", "expected"),
    [("expired", 401), ("wrong_signature", 401), ("wrong_audience", 403), ("alg_none", 401)],
)
async def test_bad_tokens_are_refused(stack: Stack, case: str, expected: int) -> None:
    past = datetime.now(UTC) - timedelta(hours=1)
    token = {
        "expired": lambda: stack.forge(exp=int(past.timestamp()), iat=int(past.timestamp())),
        "wrong_signature": lambda: stack.forge(key=Ed25519PrivateKey.generate()),
        "wrong_audience": lambda: stack.forge(aud="someone-else"),
        "alg_none": lambda: jwt.encode(
            {"sub": stack.user_id, "aud": "petful", "iss": "petful-identity"},
            key=None,
            algorithm="none",
        ),
    }[case]()
    response = await stack.get("/api/v1/me", token)
    assert response.status_code == expected


async def test_a_logged_out_sessions_token_is_refused_by_the_edge(stack: Stack) -> None:
    tokens = await stack.login()
    assert (await stack.get("/api/v1/me", tokens["access"])).status_code == 200
    async with httpx.AsyncClient(base_url=stack.url) as client:
        out = await client.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh"]})
    assert out.status_code == 204
    # Still a well-signed, unexpired token: Envoy lets it in, the edge refuses it.
    response = await stack.get("/api/v1/me", tokens["access"])
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_token_for_an_unknown_session_is_refused(stack: Stack) -> None:
    # Signed with the real key but never issued: no live session behind it.
    response = await stack.get("/api/v1/me", stack.forge())
    assert response.status_code == 401


async def test_spoofed_identity_headers_do_not_authenticate(stack: Stack) -> None:
    response = await stack.get(
        "/api/v1/me", **{"x-petful-user-id": stack.user_id, "x-petful-roles": "ADMIN"}
    )
    assert response.status_code == 401


async def test_public_routes_need_no_token(stack: Stack) -> None:
    response = await stack.get(f"/api/v1/users/{stack.user_id}/public")
    assert response.status_code == 200
    assert response.json()["nickname"] == "owner"
    # The document is built on its first request (about 110 operations): slow on a busy
    # machine, so this one waits longer.
    assert (await stack.get("/api/openapi.json", timeout=60)).status_code == 200


async def test_auth_routes_are_rate_limited_by_envoy(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.url) as client:
        statuses = [
            (
                await client.post(
                    "/api/v1/auth/login",
                    json={"email": f"nobody{i}@example.com", "password": "wrong-pass-1"},
                )
            )
            for i in range(AUTH_LIMIT + 1)
        ]
    # Unknown accounts are refused one by one, until Envoy's limit answers for them.
    assert [r.status_code for r in statuses[:-1]] == [401] * AUTH_LIMIT
    assert statuses[-1].status_code == 429
    assert statuses[-1].headers["content-type"] == "application/problem+json"
    assert statuses[-1].headers["retry-after"] == "60"


async def test_ready_follows_identity(identity_edge: IdentityEdge) -> None:
    r = await identity_edge.client.get("/api/v1/health/ready")
    assert (r.status_code, r.json()) == (200, {"status": "ok"})
    await identity_edge.server.stop(0)
    r = await identity_edge.client.get("/api/v1/health/ready")
    assert (r.status_code, r.json()) == (503, {"status": "unavailable"})
