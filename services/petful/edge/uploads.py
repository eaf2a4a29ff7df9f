"""Reading multipart uploads with a hard size limit."""

from __future__ import annotations

from fastapi import HTTPException, UploadFile
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


class BodyLimit:
    """Refuse request bodies over max_bytes before anything buffers them.

    Starlette spools a whole multipart body to disk before a route sees it, so the limit
    must act earlier: a declared Content-Length over the limit is answered 413 at once, and
    a body streamed without one is cut off as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _reason(self) -> str:
        return f"the request body is larger than {self.max_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = problem(
                413,
                "Payload too large",
                type_=PROBLEM_BASE + "payload-too-large",
                detail=self._reason(),
                errors=[{"field": "file", "reason": self._reason()}],
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # An HTTPException passes FastAPI's body parsing and becomes a problem.
                    raise HTTPException(413, detail=self._reason())
            return message

        await self.app(scope, counted, send)
