"""The web app's built files (web/dist), served by the edge: Envoy has no file server.

- `/assets/*`: Vite's content-hashed files, cached for a year (a new build has new names).
- Every other GET/HEAD that no route claims, outside /api/ and /media/: a file of web/dist
  (favicon, robots.txt) or, for a browser (Accept: text/html), index.html, so the app's own
  routes load on a deep link or a reload. Never cached (`no-cache`): the next visit sees
  a new build at once.
- Everything else no route claims stays the usual 404 problem.

The app runs under a strict Content-Security-Policy: only this origin's scripts, no inline
script at all (the build emits none; Mantine's color-scheme script is not used), inline
styles allowed (Mantine writes CSS variables in a style element). SecurityHeaders adds the
other hardening headers and keeps a route's own CSP.

Without a build (a fresh clone before `make web`) the app's addresses answer a problem that
says how to build it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

from petful.edge.problems import PROBLEM_BASE, problem
from petful.platform.settings import Settings, get_settings

# services/petful/edge/web.py -> the repository's web/dist (an editable install).
REPO_DIST = Path(__file__).resolve().parents[3] / "web" / "dist"

APP_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
# Addresses that belong to the API or to uploads: never answered with the app.
NOT_THE_APP = ("/api/", "/media/", "/.well-known/")


def dist_root(settings: Settings) -> Path:
    """The built app: `settings.web.dist_dir`, else the repository's web/dist."""
    return Path(settings.web.dist_dir) if settings.web.dist_dir else REPO_DIST


def _headers(cache: str) -> dict[str, str]:
    return {"Cache-Control": cache, "Content-Security-Policy": APP_CSP}


def _inside(root: Path, relative: str) -> Path | None:
    """The regular file `relative` names under `root`, or None (also for `..` escapes)."""
    base = root.resolve()
    candidate = (base / relative).resolve()
    if candidate.is_relative_to(base) and candidate.is_file():
        return candidate
    return None


def _file(path: Path, cache: str) -> FileResponse:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers=_headers(cache))


def _not_built(dist: Path) -> Response:
    return problem(
        503,
        "Web app not built",
        type_=PROBLEM_BASE + "web-app-not-built",
        detail=f"There is no built web app in {dist}. Run `make web` (`make run` builds it too).",
        headers={"Cache-Control": "no-store"},
    )


def _accepts_html(request: Request) -> bool:
    # Explicitly: browsers navigating say text/html. A client that takes anything (*/*) at
    # an unknown address gets the 404 it expects, not the app's page.
    return "text/html" in request.headers.get("accept", "")


def install(app: FastAPI, dist: Path | None = None) -> None:
    """Serve the app from `dist` (default: the setting) after every route of `app`."""
    root = dist if dist is not None else dist_root(get_settings())
    router = APIRouter(include_in_schema=False)

    @router.api_route("/assets/{name:path}", methods=["GET", "HEAD"])
    async def asset(name: str) -> Response:
        path = _inside(root / "assets", name)
        if path is None:
            raise HTTPException(404)
        return _file(path, IMMUTABLE)

    app.include_router(router)
    not_found = app.router.not_found

    async def app_or_not_found(scope: Scope, receive: Receive, send: Send) -> None:
        # Starlette calls the router's `default` only when no route matched the path.
        request = Request(scope, receive)
        path = request.url.path
        if request.method not in {"GET", "HEAD"} or path.startswith(NOT_THE_APP):
            await not_found(scope, receive, send)
            return
        index = root / "index.html"
        found = _inside(root, path.lstrip("/")) if path != "/" else None
        response: Response
        if found is not None:
            response = _file(found, NO_CACHE)
        elif not _accepts_html(request):
            await not_found(scope, receive, send)
            return
        elif index.is_file():
            response = _file(index, NO_CACHE)
        else:
            response = _not_built(root)
        await response(scope, receive, send)

    app.router.default = app_or_not_found
