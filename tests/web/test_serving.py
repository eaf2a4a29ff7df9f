"""The edge serves the built web app: hashed assets cached a year, index.html for the app's
own addresses and never cached, a strict CSP without inline script, a clear problem when
the app is not built; Envoy gzips it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from petful.edge import web
from petful.platform.settings import Settings, WebSettings, get_settings
from tests.integration.front_door_support import Stack, running_stack
from tests.support import PageRefs, edge_client

INDEX = (
    '<!doctype html><html lang="ko"><head><title>PetFul</title>'
    '<script type="module" crossorigin src="/assets/index-abc123.js"></script>'
    "</head><body><div id=root></div></body></html>"
)
SCRIPT = "console.log('petful');\n" * 200  # big enough for Envoy to compress


@pytest.fixture
def dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built app in a temp dir, and the edge pointed at it (PETFUL_WEB__DIST_DIR)."""
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "assets" / "index-abc123.js").write_text(SCRIPT)
    (root / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("outside dist")
    monkeypatch.setenv("PETFUL_WEB__DIST_DIR", str(root))
    get_settings.cache_clear()
    return root


def csp(response: httpx.Response) -> dict[str, list[str]]:
    header = response.headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in re.split(r"\s*;\s*", header) if d}


HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


async def test_hashed_assets_are_cached_for_a_year(dist: Path) -> None:
    async with edge_client() as http:
        response = await http.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.text == SCRIPT
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-type"].startswith("text/javascript")


async def test_a_missing_asset_is_a_404_not_the_app(dist: Path) -> None:
    async with edge_client() as http:
        missing = await http.get("/assets/index-old999.js", headers=HTML)
        escape = await http.get("/assets/..%2F..%2Fsecret.txt", headers=HTML)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert escape.status_code == 404
    assert "outside dist" not in escape.text


@pytest.mark.parametrize("path", ["/", "/account", "/campaigns/123/apply?tab=2"])
async def test_app_addresses_answer_index_html_never_cached(dist: Path, path: str) -> None:
    async with edge_client() as http:
        response = await http.get(path, headers=HTML)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    policy = csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline': no inline script runs
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    # The other hardening headers come from SecurityHeaders, once.
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers.get_list("content-security-policy") == [
        response.headers["content-security-policy"]
    ]


async def test_top_level_files_of_the_build_are_served(dist: Path) -> None:
    async with edge_client() as http:
        response = await http.get("/favicon.svg", headers={"accept": "image/*"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["cache-control"] == "no-cache"


async def test_api_media_and_non_html_requests_stay_problems(dist: Path) -> None:
    async with edge_client() as http:
        api = await http.get("/api/v1/no-such-thing", headers=HTML)
        media = await http.get("/media/public/00/" + "0" * 64 + ".png", headers=HTML)
        json_client = await http.get("/account", headers={"accept": "application/json"})
        any_client = await http.get("/stats", headers={"accept": "*/*"})
        post = await http.post("/account", headers=HTML)
        docs = await http.get("/api/docs", headers=HTML)
    for response in (api, media, json_client, any_client, post):
        assert response.status_code == 404, response.request.url
        assert response.headers["content-type"] == "application/problem+json"
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text  # the API docs keep their own page


async def test_without_a_build_the_app_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PETFUL_WEB__DIST_DIR", str(tmp_path / "not-built"))
    get_settings.cache_clear()
    async with edge_client() as http:
        response = await http.get("/", headers=HTML)
        health = await http.get("/api/v1/health/live")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "make web" in response.json()["detail"]
    assert health.status_code == 200


def test_the_setting_defaults_to_the_repository_build() -> None:
    root = Path(__file__).resolve().parents[2]
    assert web.dist_root(Settings()) == root / "web" / "dist"
    assert web.dist_root(Settings(web=WebSettings(dist_dir="/app/web/dist"))) == Path(
        "/app/web/dist"
    )


# --- through Envoy ----------------------------------------------------------------------


@pytest.fixture
async def stack(
    dist: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    async with running_stack(settings, tmp_path, monkeypatch) as s:
        yield s


async def test_envoy_gzips_the_app_and_serves_client_routes(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.url, timeout=10) as http:
        script = await http.get("/assets/index-abc123.js", headers={"accept-encoding": "gzip"})
        page = await http.get("/account", headers={**HTML, "accept-encoding": "gzip"})
        plain = await http.get("/assets/index-abc123.js", headers={"accept-encoding": "identity"})
    assert script.status_code == 200
    assert script.headers["content-encoding"] == "gzip"
    assert script.text == SCRIPT  # httpx decodes it
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert page.status_code == 200
    assert page.text == INDEX
    assert page.headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "content-encoding" not in plain.headers
    assert plain.text == SCRIPT


# --- the real build ---------------------------------------------------------------------


async def test_the_built_app_has_no_inline_script_and_every_file_it_loads(
    built_web: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PETFUL_WEB__DIST_DIR", str(built_web))
    get_settings.cache_clear()
    async with edge_client() as http:
        page = await http.get("/login", headers=HTML)
        refs = PageRefs()
        refs.feed(page.text)
        assert refs.inline_scripts == []  # Mantine's color-scheme script included
        assets = [u for u in refs.urls if u.startswith("/assets/")]
        assert any(u.endswith(".js") for u in assets)
        assert any(u.endswith(".css") for u in assets)
        for url in refs.urls:
            assert url.startswith("/"), url  # nothing from another origin
            response = await http.get(url)
            assert response.status_code == 200, url
        for url in assets:
            assert (await http.get(url)).headers["cache-control"].endswith("immutable")
