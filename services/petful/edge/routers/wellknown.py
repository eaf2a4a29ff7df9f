"""/.well-known/jwks.json: the keys Envoy and clients verify access tokens with."""

from __future__ import annotations

from fastapi import APIRouter, Response

from petful.edge.auth import jwks_cache

router = APIRouter(tags=["auth"])


@router.get("/.well-known/jwks.json")
async def jwks() -> Response:
    return Response(
        await jwks_cache.jwks_json(),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=300"},
    )
