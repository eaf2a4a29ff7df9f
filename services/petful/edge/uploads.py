"""Reading multipart uploads with a hard size limit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from fastapi import HTTPException, UploadFile, params
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from petful.edge.problems import PROBLEM_BASE, problem
from petful.platform.errors import PayloadTooLarge

CHUNK = 256 * 1024


async def read_upload(upload: UploadFile, max_bytes: int) -> bytes:
    """The upload's bytes; PayloadTooLarge (413) once more than max_bytes arrive.

    Reads at most max_bytes + 1 bytes, so an oversized file is never held in full.
    """
    parts: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = await upload.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        reason = f"file is larger than {max_bytes} bytes"
        raise PayloadTooLarge(reason, field_violations=[("file", reason)])
    return b"".join(parts)


def _flat(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    # Included routers keep their routes on `original_router`.
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _flat(route.original_router.routes)


def upload_routes(routes: Iterable[BaseRoute]) -> list[tuple[frozenset[str], re.Pattern[str]]]:
    """(methods, path pattern) of every route that takes a file (a multipart body)."""
    return [
        (frozenset(route.methods or ()), route.path_regex)
        for route in _flat(routes)
        if any(isinstance(p.field_info, params.File) for p in route.dependant.body_params)
    ]


class BodyLimit:
    """Refuse request bodies over a route's limit before anything buffers them.

    A file upload route takes upload_max_bytes (its largest file and the multipart framing),
    every other request max_bytes (JSON is small: a big one only costs the edge memory and
    CPU to parse). Envoy refuses the same sizes first; this holds without it.

    Starlette spools a whole multipart body to disk before a route sees it, so the limit
    must act earlier: a declared Content-Length over the limit is answered 413 at once, and
    a body streamed without one is cut off as soon as it passes the limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        upload_max_bytes: int | None = None,
        uploads: Sequence[tuple[frozenset[str], re.Pattern[str]]] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = max_bytes if upload_max_bytes is None else upload_max_bytes
        self.uploads = uploads

    def limit_for(self, method: str, path: str) -> tuple[int, str]:
        """The byte limit of a request and the field its 413 names."""
        for methods, pattern in self.uploads:
            if method in methods and pattern.match(path):
                return self.upload_max_bytes, "file"
        return self.max_bytes, "body"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes, field = self.limit_for(scope["method"], scope["path"])
        reason = f"the request body is larger than {max_bytes} bytes"
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > max_bytes:
            response = problem(
                413,
                "Payload too large",
                type_=PROBLEM_BASE + "payload-too-large",
                detail=reason,
                errors=[{"field": field, "reason": reason}],
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    # An HTTPException passes FastAPI's body parsing and becomes a problem.
                    raise HTTPException(413, detail=reason)
            return message

        await self.app(scope, counted, send)
