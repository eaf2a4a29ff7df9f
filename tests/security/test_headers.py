"""Issue 13 item 15: hardening headers on every response, HSTS only over TLS, and API docs
that load nothing from another origin and run no inline script."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from petful.platform.db import transaction
from petful.platform.media import Kind, Visibility, ingest
from petful.platform.settings import Settings
from tests.integration.front_door_support import Stack, running_envoy, running_stack
from tests.media_support import SCHEMA, create_media_schema, image_bytes
from tests.support import PageRefs, edge_client

HARDENING = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}
HSTS = "strict-transport-security"


def assert_hardened(response: httpx.Response) -> None:
    for name, value in HARDENING.items():
        assert response.headers.get(name) == value, (response.request.url, name)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.fixture
async def media_url(settings: Settings) -> str:
    """A public image as the media service stores it."""
    await create_media_schema()
    async with transaction() as session:
        record = await ingest(
            session,
            schema=SCHEMA,
            owner_id=uuid.uuid4(),
            purpose="test",
            kind=Kind.IMAGE,
            visibility=Visibility.PUBLIC,
            data=image_bytes("PNG"),
            filename="cat.png",
            now=datetime.now(UTC),
        )
    return record.url


async def test_every_kind_of_response_is_hardened(media_url: str) -> None:
    async with edge_client() as http:
        responses = {
            "api": await http.get("/api/v1/health/live"),
            "openapi": await http.get("/api/openapi.json"),
            "not found": await http.get("/api/v1/no-such-thing"),
            "unauthenticated": await http.get("/api/v1/me"),
            "invalid": await http.post("/api/v1/auth/login", json={}),
            "docs": await http.get("/api/docs"),
            "media": await http.get(media_url),
            "media not found": await http.get("/media/public/00/" + "0" * 64 + ".png"),
        }
    statuses = {name: r.status_code for name, r in responses.items()}
    assert statuses == {
        "api": 200,
        "openapi": 200,
        "not found": 404,
        "unauthenticated": 401,
        "invalid": 422,
        "docs": 200,
        "media": 200,
        "media not found": 404,
    }
    for name in ("not found", "unauthenticated", "invalid"):
        assert responses[name].headers["content-type"] == "application/problem+json"
    for response in responses.values():
        assert_hardened(response)
        assert HSTS not in response.headers  # plain http: a browser would ignore it anyway


async def test_secret_addresses_send_no_referer_at_all() -> None:
    """An unsubscribe link's page and API, and a calendar feed: their path is the secret."""
    paths = (
        "/unsubscribe/" + "t" * 32,
        "/api/v1/public/unsubscribe/" + "t" * 32,
        "/api/v1/public/calendar/" + "t" * 32 + ".ics",
    )
    async with edge_client() as http:
        for path in paths:
            response = await http.get(path)
            assert response.headers["referrer-policy"] == "no-referrer", path
            assert response.headers["x-content-type-options"] == "nosniff"


async def test_hsts_only_over_tls() -> None:
    async with edge_client("https") as http:
        for path in ("/api/v1/health/live", "/api/v1/no-such-thing", "/api/docs"):
            response = await http.get(path)
            assert_hardened(response)
            assert response.headers[HSTS] == "max-age=63072000; includeSubDomains"


async def test_api_docs_load_only_same_origin_files_under_a_strict_csp() -> None:
    async with edge_client() as http:
        page = await http.get("/api/docs")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        refs = PageRefs()
        refs.feed(page.text)
        assert refs.inline_scripts == []
        assert refs.urls, page.text
        for url in refs.urls:
            # Same origin, and under the public /api/docs prefix (no token needed).
            assert url.startswith("/api/docs/"), url
            asset = await http.get(url)
            assert asset.status_code == 200, url
            assert asset.content
            assert_hardened(asset)
        assert any(u.endswith(".js") for u in refs.urls)
        assert any(u.endswith(".css") for u in refs.urls)
        # The start-up script points Swagger UI at our schema, not the demo petstore.
        init = next(u for u in refs.urls if u.endswith("init.js"))
        assert "/api/openapi.json" in (await http.get(init)).text
        # Only the files the page uses: not the package's other files or anything beside.
        for extra in ("redoc.standalone.js", "__init__.py", "..%2F__init__.py"):
            assert (await http.get(f"/api/docs/assets/{extra}")).status_code == 404

    csp = {
        d.split()[0]: d.split()[1:]
        for d in re.split(r"\s*;\s*", page.headers["content-security-policy"])
        if d
    }
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no CDN
    assert csp["frame-ancestors"] == ["'none'"]
    for sources in csp.values():
        assert not any(s.startswith(("http:", "https:")) or "*" in s for s in sources)


# --- through Envoy: who may say the request came over TLS -----------------------------------


@pytest.fixture
async def stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    async with running_stack(settings, tmp_path, monkeypatch) as s:
        yield s


async def test_only_a_trusted_proxy_can_claim_tls(stack: Stack, tmp_path: Path) -> None:
    claim = {"x-forwarded-proto": "https"}
    # Envoy facing the internet: a client's own claim is overwritten.
    assert HSTS not in (await stack.get("/api/v1/health/live", **claim)).headers
    # Behind the ingress (one trusted hop), which terminated TLS and says so.
    behind_ingress = stack.envoy_config(xff_num_trusted_hops=1)
    url = f"http://127.0.0.1:{behind_ingress.port}"
    async with running_envoy(behind_ingress, tmp_path), httpx.AsyncClient(base_url=url) as http:
        over_tls = await http.get("/api/v1/health/live", headers=claim)
        plain = await http.get("/api/v1/health/live", headers={"x-forwarded-proto": "http"})
    assert over_tls.headers[HSTS].startswith("max-age=")
    assert HSTS not in plain.headers
    assert_hardened(over_tls)


async def test_envoys_own_replies_are_hardened(stack: Stack) -> None:
    responses = [
        await stack.get("/api/v1/me"),  # jwt_authn's 401
        await stack.get("/metrics"),  # a direct response
        await stack.get("/api/v1/health/live"),  # from the edge, through Envoy
    ]
    assert [r.status_code for r in responses] == [401, 404, 200]
    for response in responses:
        for name, value in HARDENING.items():
            assert response.headers.get(name) == value, (response.request.url, name)
