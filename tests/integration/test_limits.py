"""Limits that protect the platform: request body sizes (Envoy and the edge, per route),
write budgets per user and per address (Envoy), and deadlines on outbound HTTP and SMTP.

The Envoy tests run the real Envoy (from the shared chart template) in front of the real
edge and identity (front_door_support), with small limits so a few requests reach them.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from petful.devstack.envoy import EnvoyConfig, render_envoy_config
from petful.edge.app import create_app
from petful.edge.uploads import upload_routes
from petful.platform.mail import MailError, send_mail
from petful.platform.settings import Settings
from petful.sns import graph
from tests.integration.front_door_support import Stack, running_envoy, running_stack
from tests.support import edge_client

PROBLEM = "application/problem+json"
KIB = 1024


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status, body
    assert body["title"], body
    return body


# --- the edge on its own: per-route body limits --------------------------------------------


async def test_the_edge_refuses_a_json_body_over_its_limit(settings: Settings) -> None:
    limit = settings.limits.json_body_max_bytes
    async with edge_client() as client:
        big = b'{"body": "' + b"x" * limit + b'"}'
        r = await client.post(
            "/api/v1/community/posts", content=big, headers={"content-type": "application/json"}
        )
        body = assert_problem(r, 413)
        assert body["errors"][0]["field"] == "body"

        async def streamed() -> AsyncIterator[bytes]:  # no Content-Length: cut off on the way
            for _ in range(4):
                yield b" " * limit

        r = await client.post(
            "/api/v1/community/posts",
            content=streamed(),
            headers={"content-type": "application/json"},
        )
        assert_problem(r, 413)


async def test_the_edge_lets_an_upload_route_take_a_file_larger_than_json(
    settings: Settings,
) -> None:
    async with edge_client() as client:
        # Past the JSON limit, far below the media one: the route's own answer (bad form).
        r = await client.post(
            "/api/v1/community/images",
            content=b"x" * (4 * settings.limits.json_body_max_bytes),
            headers={"content-type": "multipart/form-data; boundary=xyz"},
        )
        assert r.status_code == 400, r.text


# --- Envoy's routes and the edge's agree ---------------------------------------------------


def _envoy_routes() -> list[dict[str, Any]]:
    config = EnvoyConfig("127.0.0.1", 1, "127.0.0.1", 2, "127.0.0.1", 3, stats_port=4)
    document = yaml.safe_load(render_envoy_config(config.values()))
    listener = document["static_resources"]["listeners"][0]
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    routes: list[dict[str, Any]] = manager["route_config"]["virtual_hosts"][0]["routes"]
    return routes


def test_envoy_gives_the_upload_size_to_exactly_the_edges_upload_routes() -> None:
    config = EnvoyConfig("127.0.0.1", 1, "127.0.0.1", 2, "127.0.0.1", 3, stats_port=4)
    patterns = [
        re.compile(route["match"]["safe_regex"]["regex"])
        for route in _envoy_routes()
        if route.get("typed_per_filter_config", {})
        .get("envoy.filters.http.buffer", {})
        .get("buffer", {})
        .get("max_request_bytes")
        == config.upload_body_max_bytes
    ]
    assert patterns
    uploads = upload_routes(create_app().routes)
    assert uploads
    for path in create_app().openapi()["paths"]:
        concrete = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
        edge_upload = any(pattern.match(concrete) for _, pattern in uploads)
        assert edge_upload == any(p.match(concrete) for p in patterns), path


# --- through Envoy -------------------------------------------------------------------------


@pytest.fixture
async def stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    async with running_stack(settings, tmp_path, monkeypatch) as s:
        yield s


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_envoy_refuses_bodies_over_the_routes_limit(stack: Stack, tmp_path: Path) -> None:
    small = stack.envoy_config(json_body_max_bytes=8 * KIB, upload_body_max_bytes=64 * KIB)
    token = stack.forge()
    multipart = {**bearer(token), "content-type": "multipart/form-data; boundary=xyz"}
    async with (
        running_envoy(small, tmp_path),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{small.port}", timeout=10) as http,
    ):
        # A JSON route: declared and streamed bodies over 8 KiB stop at Envoy.
        r = await http.post(
            "/api/v1/community/posts", json={"body": "x" * 9 * KIB}, headers=bearer(token)
        )
        assert_problem(r, 413)

        async def streamed() -> AsyncIterator[bytes]:
            for _ in range(3):
                yield b" " * 4 * KIB

        r = await http.post("/api/v1/community/posts", content=streamed(), headers=bearer(token))
        assert_problem(r, 413)
        # An upload route takes more than a JSON one (the edge answers: no such image)...
        r = await http.post("/api/v1/community/images", content=b"x" * 32 * KIB, headers=multipart)
        assert r.status_code != 413, r.text
        # ...but not more than its own limit.
        r = await http.post("/api/v1/community/images", content=b"x" * 65 * KIB, headers=multipart)
        assert_problem(r, 413)


async def test_writes_have_a_budget_per_user(stack: Stack, tmp_path: Path) -> None:
    limited = stack.envoy_config(writes_per_minute_per_user=3, writes_per_minute_per_address=100)
    alice, bob = (await stack.login())["access"], stack.forge(sub=str(uuid.uuid4()))
    async with (
        running_envoy(limited, tmp_path),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{limited.port}", timeout=10) as http,
    ):
        # A write the edge refuses still spends Envoy's budget: nothing is free to repeat.
        for _ in range(3):
            # A header naming someone else is dropped: the budget is the token's subject's.
            spoof = {"x-petful-user": str(uuid.uuid4())}
            r = await http.patch("/api/v1/me", json={}, headers={**bearer(alice), **spoof})
            assert r.status_code != 429, r.text
        r = await http.patch("/api/v1/me", json={}, headers=bearer(alice))
        assert_problem(r, 429)
        assert int(r.headers["retry-after"]) > 0
        # Reads are not writes; another user has their own budget.
        assert (await http.get("/api/v1/me", headers=bearer(alice))).status_code == 200
        r = await http.patch("/api/v1/me", json={}, headers=bearer(bob))
        assert r.status_code != 429, r.text


async def test_writes_have_a_budget_per_address(stack: Stack, tmp_path: Path) -> None:
    limited = stack.envoy_config(writes_per_minute_per_user=100, writes_per_minute_per_address=3)
    async with running_envoy(limited, tmp_path):
        url = f"http://127.0.0.1:{limited.port}"
        transport = httpx.AsyncHTTPTransport(local_address="127.0.0.1")
        async with httpx.AsyncClient(base_url=url, transport=transport, timeout=10) as http:
            # Three different users (and none: the public writes) from one address.
            for _ in range(3):
                token = stack.forge(sub=str(uuid.uuid4()))
                r = await http.patch("/api/v1/me", json={}, headers=bearer(token))
                assert r.status_code != 429, r.text
            r = await http.post("/api/v1/public/unsubscribe/x", json={})
            body = assert_problem(r, 429)
            assert body["type"] == "https://petful.dev/problems/rate-limited"
            assert int(r.headers["retry-after"]) > 0
        # Another address still writes.
        other = httpx.AsyncHTTPTransport(local_address="127.0.0.2")
        async with httpx.AsyncClient(base_url=url, transport=other, timeout=10) as http:
            r = await http.patch("/api/v1/me", json={}, headers=bearer(stack.forge()))
            assert r.status_code != 429, r.text


# --- deadlines on outbound calls -----------------------------------------------------------


class SilentServer:
    """Accepts connections, reads what comes, and answers with at most a trickle."""

    def __init__(self, trickle: bytes = b"") -> None:
        self.trickle = trickle
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        held: list[socket.socket] = []
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
                held.append(conn)
            except TimeoutError:
                pass
            for conn in held:  # a byte at a time, never a whole answer
                try:
                    if self.trickle:
                        conn.send(self.trickle[:1])
                except OSError:
                    pass
        for conn in held:
            conn.close()
        self.sock.close()

    def __enter__(self) -> SilentServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


@pytest.fixture
def trickling() -> Iterator[SilentServer]:
    # A status line that never ends: every read gets a byte, so a per-read timeout alone
    # would wait forever.
    with SilentServer(trickle=b"H") as server:
        yield server


async def test_a_graph_api_that_trickles_is_cut_off_by_the_deadline(
    trickling: SilentServer,
) -> None:
    settings = Settings(
        sns={  # type: ignore[arg-type]
            "graph_base_url": f"http://127.0.0.1:{trickling.port}",
            "graph_timeout_seconds": 1.0,
            "graph_max_retries": 1,
        }
    )

    async def no_sleep(seconds: float) -> None:
        return None

    started = time.monotonic()
    async with graph.GraphClient(settings, sleep=no_sleep) as client:
        with pytest.raises(graph.GraphUnavailable):
            await client.business_accounts("token")
    # Two attempts of one second each, and nothing else waits.
    assert time.monotonic() - started < 6


async def test_an_smtp_server_that_never_greets_is_given_up_on() -> None:
    with SilentServer() as server:
        settings = Settings(smtp_host="127.0.0.1", smtp_port=server.port)
        started = time.monotonic()
        with pytest.raises(MailError):
            await send_mail("a@example.com", "s", "t", settings=settings, connect_timeout=1.0)
        assert time.monotonic() - started < 5


async def test_settings_bound_every_outbound_wait() -> None:
    settings = Settings()
    assert 0 < settings.sns.graph_timeout_seconds <= 30
    assert 0 < settings.sns.sentiment_timeout_seconds <= 30
    assert 0 < settings.notifications.push_timeout_seconds <= 30
    await asyncio.sleep(0)
