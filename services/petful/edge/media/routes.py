"""GET /media/{key}: public media objects, straight from the configured storage.

A key names one record's unchanging content (its last segment is the content's hash), so
a response never changes: it is cached for a year as immutable, and the ETag is the key
itself. Only well-formed `public/` keys are served
(private media and anything else is a 404, never a path), so traversal cannot happen.
A local directory is streamed; an S3 bucket answers with a redirect to a short-lived
presigned URL, so object bytes never pass through the edge.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, RedirectResponse

from petful.platform.errors import NotFound
from petful.platform.media.storage import (
    IMMUTABLE_CACHE,
    LocalStorage,
    S3Storage,
    content_type_for,
    get_storage,
    is_public_key,
)
from petful.platform.settings import get_settings

router = APIRouter(tags=["media"])

# Shorter than the presigned URL's lifetime, so a cached redirect never points at an
# expired signature.
REDIRECT_CACHE = "public, max-age=300"
PRESIGN_SECONDS = 900


def _not_found() -> NotFound:
    return NotFound("no such media")


# HEAD shares the handler but stays out of the OpenAPI document (one operation per id).
@router.head("/media/{key:path}", response_model=None, include_in_schema=False)
@router.get("/media/{key:path}", response_model=None)
async def get_media_object(key: str, request: Request) -> Response:
    if not is_public_key(key):
        raise _not_found()
    storage = get_storage(get_settings())
    etag = f'"{key.rsplit("/", 1)[1]}"'
    headers = {
        "Cache-Control": IMMUTABLE_CACHE,
        "ETag": etag,
        "X-Content-Type-Options": "nosniff",
    }
    if isinstance(storage, S3Storage):
        if not await storage.exists(key):
            raise _not_found()
        url = await storage.presigned_url(key, expires_seconds=PRESIGN_SECONDS)
        return RedirectResponse(url, status_code=307, headers={"Cache-Control": REDIRECT_CACHE})
    if not isinstance(storage, LocalStorage):
        raise _not_found()  # a storage the edge cannot serve from
    path = storage.path(key)
    if not path.is_file():
        raise _not_found()
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=content_type_for(key), headers=headers)
