"""The real Instagram Graph API client against the sandbox server (a real HTTP server
speaking the documented wire format), in-process on a free port."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pydantic import SecretStr

from petful.devstack.instagram_sandbox import SandboxServer, short_token
from petful.platform.settings import Settings, SnsSettings
from petful.sns import graph
from tests.support import free_port, wait_for


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(free_port()) as server:
        yield server


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def client_for(server: SandboxServer, sleeps: Sleeps, **overrides: object) -> graph.GraphClient:
    sns = SnsSettings(
        graph_base_url=server.url,
        app_id="sandbox-app",
        app_secret=SecretStr("sandbox-secret"),
        media_page_size=7,
        graph_backoff_seconds=0.5,
        graph_backoff_max_seconds=1.5,
        graph_max_retries=3,
    )
    return graph.GraphClient(Settings(sns=sns.model_copy(update=overrides)), sleep=sleeps)


async def test_link_flow_and_all_media_pages(sandbox: SandboxServer) -> None:
    sleeps = Sleeps()
    async with client_for(sandbox, sleeps) as client:
        token = await client.exchange_token(short_token("petful_family"))
        assert token.access_token == "sandbox-long-petful_family"
        assert token.expires_in == 60 * 24 * 3600
        accounts = await client.business_accounts(token.access_token)
        assert [a.username for a in accounts] == ["coco_poodle", "mandu_bichon"]
        coco = sandbox.state.accounts["coco_poodle"]
        assert accounts[0].ig_user_id == coco.ig_user_id

        profile = await client.profile(coco.ig_user_id, token.access_token)
        assert (profile.username, profile.followers_count, profile.media_count) == (
            "coco_poodle",
            coco.followers_count,
            len(coco.media),
        )
        assert profile.biography
        assert profile.profile_picture_url.startswith("https://")

        before = sandbox.state.requests
        media = await client.media(coco.ig_user_id, token.access_token)
    # every page was read (7 per page), in Graph's order, nothing twice
    assert 30 <= len(media) <= 60
    assert [m.ig_media_id for m in media] == [m.id for m in coco.media]
    assert sandbox.state.requests - before == -(-len(media) // 7)
    assert media[0].posted_at > media[-1].posted_at
    assert media[0].posted_at.tzinfo is not None
    assert all(m.permalink.startswith("https://www.instagram.com/p/") for m in media)
    assert any("#광고" in m.caption or "#협찬" in m.caption for m in media)
    assert sleeps.calls == []


async def test_paging_by_cursor_when_next_points_elsewhere(sandbox: SandboxServer) -> None:
    """A `paging.next` on a foreign host is not followed (it would carry our token);
    the client pages with `paging.cursors.after` instead."""

    async with client_for(sandbox, Sleeps()) as client:
        original = client._next_url

        def foreign(body: dict[str, object], url: str, params: dict[str, str]) -> str | None:
            paging = body.get("paging")
            if isinstance(paging, dict) and "next" in paging:
                paging["next"] = "https://evil.example/steal"
            return original(body, url, params)

        client._next_url = foreign  # type: ignore[method-assign]
        bori = sandbox.state.accounts["bori_maltese"]
        media = await client.media(bori.ig_user_id, short_token("bori_maltese"))
    assert [m.ig_media_id for m in media] == [m.id for m in bori.media]


async def test_rate_limit_backs_off_then_succeeds(sandbox: SandboxServer) -> None:
    sleeps = Sleeps()
    sandbox.state.rate_limit(2, http_status=429)
    bori = sandbox.state.accounts["bori_maltese"]
    async with client_for(sandbox, sleeps) as client:
        profile = await client.profile(bori.ig_user_id, short_token("bori_maltese"))
    assert profile.username == "bori_maltese"
    assert sleeps.calls == [0.5, 1.0]  # exponential


async def test_rate_limit_code_4_gives_up_after_bounded_retries(sandbox: SandboxServer) -> None:
    sleeps = Sleeps()
    sandbox.state.rate_limit(10, http_status=400, code=4)
    bori = sandbox.state.accounts["bori_maltese"]
    async with client_for(sandbox, sleeps) as client:
        with pytest.raises(graph.RateLimited) as info:
            await client.profile(bori.ig_user_id, short_token("bori_maltese"))
    assert info.value.code == 4
    assert info.value.fbtrace_id
    assert sleeps.calls == [0.5, 1.0, 1.5]  # capped at the maximum
    assert sandbox.state.rate_limited == 6


async def test_revoked_token_is_token_invalid(sandbox: SandboxServer) -> None:
    sleeps = Sleeps()
    bori = sandbox.state.accounts["bori_maltese"]
    sandbox.state.revoke("bori_maltese")
    async with client_for(sandbox, sleeps) as client:
        with pytest.raises(graph.TokenInvalid) as info:
            await client.media(bori.ig_user_id, "sandbox-long-bori_maltese")
        assert (info.value.code, info.value.subcode) == (190, 460)
        with pytest.raises(graph.TokenInvalid):
            await client.exchange_token("EAA-not-a-sandbox-token")
    assert sleeps.calls == []  # never retried


async def test_missing_app_credentials_fail_at_the_exchange(sandbox: SandboxServer) -> None:
    async with client_for(sandbox, Sleeps(), app_id="") as client:
        with pytest.raises(graph.GraphNotConfigured, match="PETFUL_SNS__APP_ID"):
            await client.exchange_token(short_token("bori_maltese"))


async def test_unknown_object_and_unreachable_host(sandbox: SandboxServer) -> None:
    async with client_for(sandbox, Sleeps()) as client:
        with pytest.raises(graph.GraphError) as info:
            await client.profile("999", short_token("bori_maltese"))
        assert (info.value.code, info.value.subcode) == (100, 33)
    sleeps = Sleeps()
    settings = Settings(
        sns=SnsSettings(graph_base_url=f"http://127.0.0.1:{free_port()}", graph_max_retries=1)
    )
    async with graph.GraphClient(settings, sleep=sleeps) as client:
        with pytest.raises(graph.GraphUnavailable):
            await client.profile("1", "t")
    assert len(sleeps.calls) == 1


async def test_insights_and_pages_without_instagram(sandbox: SandboxServer) -> None:
    bori = sandbox.state.accounts["bori_maltese"]
    until = datetime.now(UTC)
    since = until - timedelta(days=30)
    async with client_for(sandbox, Sleeps()) as client:
        totals = await client.insights(
            bori.ig_user_id, short_token("bori_maltese"), since=since, until=until
        )
        assert set(totals) == {"reach", "views", "likes", "comments", "shares"}
        assert totals["likes"] == sum(m.like_count for m in bori.media if m.timestamp >= since)
        assert await client.business_accounts(short_token("no_business")) == []


async def test_sandbox_runs_as_a_process() -> None:
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "petful.devstack.instagram_sandbox",
        "--port",
        str(port),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:

            async def up() -> bool:
                try:
                    return (await http.get("/__sandbox__/health")).status_code == 200
                except httpx.TransportError:
                    return False

            await wait_for(up, within=20)
            r = await http.post("/__sandbox__/faults", json={"revoke": ["bori_maltese"]})
            assert r.json()["revoked"] == ["bori_maltese"]
            r = await http.get(
                "/v23.0/me/accounts", params={"access_token": "sandbox-bori_maltese"}
            )
            assert (r.status_code, r.json()["error"]["code"]) == (400, 190)
    finally:
        proc.terminate()
        await proc.wait()
