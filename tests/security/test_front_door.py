"""The front door (issue 13, items 4-6, 11, 16, 17): what Envoy lets through, and as whom.

A real Envoy from the shared chart template in front of the real edge and identity. Login
attempts with an empty body are used where only Envoy's limit matters: the edge refuses them
(422) without asking identity, so identity's own throttle never answers instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from petful.identity.models import Session
from petful.platform.db import transaction
from petful.platform.settings import Settings
from tests.integration.front_door_support import (
    AUTH_LIMIT,
    PASSWORD,
    Stack,
    running_envoy,
    running_stack,
)

LOGIN = "/api/v1/auth/login"
# Spellings of the login path that are the login path once normalised: escaped slashes are
# redirected to it, the others are rewritten in place.
ESCAPED_LOGINS = ["/api%2Fv1/auth/login", "/api%2fv1%2Fauth%2Flogin", "/api/v1/auth%5Clogin"]
LOGIN_SPELLINGS = [*ESCAPED_LOGINS, "/api//v1/auth//login", "/api/v1/%61uth/login"]
PROBLEM = "application/problem+json"


@pytest.fixture
async def stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    async with running_stack(settings, tmp_path, monkeypatch) as s:
        yield s


def client(url: str, source: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client connecting from `source` (any 127/8 address is this machine)."""
    transport = httpx.AsyncHTTPTransport(local_address=source)
    return httpx.AsyncClient(base_url=url, transport=transport, timeout=10)


async def empty_logins(http: httpx.AsyncClient, n: int, **headers: str) -> list[int]:
    return [
        (await http.post(LOGIN, json={}, headers=headers, follow_redirects=True)).status_code
        for _ in range(n)
    ]


async def session_addresses() -> list[str]:
    async with transaction() as session:
        rows = await session.execute(sa.select(Session.client_ip).order_by(Session.created_at))
        return list(rows.scalars())


# --- one canonical path (item 4) ------------------------------------------------------------


@pytest.mark.parametrize("spelling", ESCAPED_LOGINS)
async def test_escaped_slashes_redirect_to_the_canonical_path(stack: Stack, spelling: str) -> None:
    async with client(stack.url) as http:
        response = await http.post(spelling, json={})
    assert response.status_code == 307  # the same method and body again
    assert response.headers["location"] == LOGIN


async def test_every_spelling_of_login_draws_on_the_same_rate_limit(stack: Stack) -> None:
    async with client(stack.url) as http:
        statuses = [
            (await http.post(path, json={}, follow_redirects=True)).status_code
            for path in LOGIN_SPELLINGS[:AUTH_LIMIT]
        ]
        assert statuses == [422] * AUTH_LIMIT
        for path in [LOGIN, *LOGIN_SPELLINGS]:
            response = await http.post(path, json={}, follow_redirects=True)
            assert response.status_code == 429, path


async def test_an_encoded_api_path_still_needs_a_token(stack: Stack) -> None:
    async with client(stack.url) as http:
        response = await http.get("/api%2Fv1/me", follow_redirects=True)
    assert [r.status_code for r in response.history] == [307]
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == PROBLEM  # Envoy's refusal, not the edge's


# --- per-client addresses (items 5 and 6) ---------------------------------------------------


async def test_clients_do_not_share_a_login_bucket(stack: Stack) -> None:
    async with client(stack.url) as first, client(stack.url, source="127.0.0.2") as second:
        assert await empty_logins(first, AUTH_LIMIT) == [422] * AUTH_LIMIT
        assert await empty_logins(first, 1) == [429]
        # A claimed address is not believed: the bucket stays the connection's.
        assert await empty_logins(first, 1, **{"x-forwarded-for": "203.0.113.7"}) == [429]
        assert await empty_logins(second, AUTH_LIMIT) == [422] * AUTH_LIMIT
        assert await empty_logins(second, 1) == [429]


async def test_sessions_record_the_address_envoy_saw(stack: Stack) -> None:
    body = {"email": stack.email, "password": PASSWORD}
    spoof = {"x-forwarded-for": "198.51.100.7"}
    async with client(stack.url) as local, client(stack.url, source="127.0.0.2") as other:
        assert (await local.post(LOGIN, json=body, headers=spoof)).status_code == 200
        assert (await other.post(LOGIN, json=body, headers=spoof)).status_code == 200
    # The first session is the fixture's own login over gRPC (no address).
    assert (await session_addresses())[-2:] == ["127.0.0.1", "127.0.0.2"]


async def test_behind_a_load_balancer_the_forwarded_address_is_the_client(
    stack: Stack, tmp_path: Path
) -> None:
    body = {"email": stack.email, "password": PASSWORD}
    behind_balancer = stack.envoy_config(xff_num_trusted_hops=1)
    url = f"http://127.0.0.1:{behind_balancer.port}"
    async with running_envoy(behind_balancer, tmp_path), client(url) as http:
        # What a client claims comes first; the balancer appends the address it saw.
        seen = {"x-forwarded-for": "198.51.100.7, 203.0.113.1"}
        assert (await http.post(LOGIN, json=body, headers=seen)).status_code == 200
        assert await empty_logins(http, AUTH_LIMIT - 1, **seen) == [422] * (AUTH_LIMIT - 1)
        assert await empty_logins(http, 1, **seen) == [429]
        other = {"x-forwarded-for": "203.0.113.2"}
        assert await empty_logins(http, 1, **other) == [422]
    assert (await session_addresses())[-1] == "203.0.113.1"


# --- what Envoy serves (items 11, 16) -------------------------------------------------------


async def test_edge_metrics_are_not_routed(stack: Stack) -> None:
    async with client(stack.url) as http:
        for path in ("/metrics", "/metrics/", "/metrics?format=text", "/%6Detrics"):
            response = await http.get(path)
            assert response.status_code == 404, path
            assert response.headers["content-type"] == PROBLEM, path
    # Prometheus still scrapes the edge on its own port.
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{stack.edge_url}/metrics")).status_code == 200


async def test_the_admin_interface_is_not_public(stack: Stack) -> None:
    async with client(stack.url) as http:
        for path in ("/stats", "/config_dump", "/clusters", "/ready"):
            response = await http.get(path)
            assert response.status_code == 404, path
        await http.post("/quitquitquit")
    stats = f"http://127.0.0.1:{stack.envoy.stats_port}"
    async with httpx.AsyncClient(base_url=stats) as http:
        assert (await http.get("/ready")).text.strip() == "LIVE"
        assert "envoy_server_live" in (await http.get("/stats/prometheus")).text
        for path in ("/config_dump", "/stats", "/clusters", "/runtime"):
            assert (await http.get(path)).status_code == 404, path
        assert (await http.post("/quitquitquit")).status_code == 404
        assert (await http.post("/healthcheck/fail")).status_code == 404
    assert await stack.envoy.is_ready()


# --- what Envoy says (item 17) --------------------------------------------------------------


async def test_envoys_own_replies_are_problem_json(stack: Stack) -> None:
    async with client(stack.url) as http:
        unauthenticated = await http.get("/api/v1/me")
        not_found = await http.get("/metrics")
        statuses = await empty_logins(http, AUTH_LIMIT)
        limited = await http.post(LOGIN, json={})
    assert statuses == [422] * AUTH_LIMIT
    for response, status in [(unauthenticated, 401), (not_found, 404), (limited, 429)]:
        assert response.status_code == status
        assert response.headers["content-type"] == PROBLEM
        body = response.json()
        assert set(body) == {"type", "title", "status", "detail"}
        assert body["status"] == status
        assert "envoy" not in response.text.lower()
        assert "local_rate_limited" not in response.text
    assert limited.headers["retry-after"] == "60"


async def test_no_response_names_the_server(stack: Stack) -> None:
    token = (await stack.login())["access"]
    async with client(stack.url) as http:
        responses = [
            await http.get("/api/v1/health"),  # from the edge
            await http.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}),
            await http.get("/api/v1/me"),  # Envoy's 401
            await http.get("/metrics"),  # Envoy's 404
        ]
    for response in responses:
        assert "server" not in response.headers, response.request.url
