"""The API docs (Swagger UI 5) from files shipped with the `fastapi-offline` package.

Nothing comes from a CDN, so the docs work offline and the page can carry a strict
Content-Security-Policy: scripts, styles and images from this origin only and no inline
script (the Swagger UI start-up code is a served file, not the inline block FastAPI's
helper writes). Everything lives under /api/docs/, which Envoy and
petful.edge.auth.PUBLIC_ROUTES already let through without a token.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

DOCS_PATH = "/api/docs"
ASSETS_PATH = f"{DOCS_PATH}/assets"

# Swagger UI renders its React components with inline style attributes, so styles need
# 'unsafe-inline'; scripts do not (that is the part an injected payload would need).
DOCS_CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
_CSP = {"Content-Security-Policy": DOCS_CSP}

# Only its static files are used (Swagger UI 5 reads the OpenAPI 3.1 FastAPI writes), and
# only those the page loads: not its Redoc bundle.
_VENDOR = Path(str(resources.files("fastapi_offline") / "static"))
_VENDOR_FILES = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon.png": "image/png",
}


def _page(title: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon.png">
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_PATH}/init.js"></script>
</body>
</html>
"""


def _init_script(openapi_url: str) -> str:
    return f"""window.ui = SwaggerUIBundle({{
  url: {json.dumps(openapi_url)},
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
}});
"""


def router(*, title: str, openapi_url: str) -> APIRouter:
    """The docs page, its start-up script and the vendored Swagger UI files."""
    docs = APIRouter(include_in_schema=False)
    page = _page(title)
    init_script = _init_script(openapi_url)

    @docs.get(DOCS_PATH)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(page, headers=_CSP)

    @docs.get(f"{ASSETS_PATH}/init.js")
    async def swagger_init() -> Response:
        return Response(init_script, media_type="text/javascript", headers=_CSP)

    @docs.get(f"{ASSETS_PATH}/{{name}}")
    async def swagger_asset(name: str) -> FileResponse:
        media_type = _VENDOR_FILES.get(name)
        if media_type is None:
            raise HTTPException(404)
        return FileResponse(_VENDOR / name, media_type=media_type, headers=_CSP)

    return docs
