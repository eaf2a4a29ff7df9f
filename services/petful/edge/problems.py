"""RFC 9457 problem+json: the only error shape the edge returns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import grpc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from petful.platform.errors import DomainError, from_rpc_error
from petful.platform.logging import get_logger

log = get_logger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://petful.dev/problems/"


def problem(
    status: int,
    title: str,
    *,
    type_: str = "about:blank",
    detail: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _field_name(loc: tuple[int | str, ...]) -> str:
    # ("body", "email") -> "email"; ("query", "limit") -> "limit"; nested -> "a.b.0"
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"field": _field_name(tuple(e["loc"])), "reason": e["msg"]} for e in exc.errors()]
    return problem(
        422,
        "Invalid request",
        type_=PROBLEM_BASE + "validation",
        detail="One or more fields are invalid.",
        errors=errors,
    )


async def _domain(request: Request, exc: DomainError) -> JSONResponse:
    headers = {}
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        headers["Retry-After"] = str(int(retry_after))
    return problem(
        exc.http_status,
        exc.title,
        type_=exc.type,
        detail=exc.detail,
        errors=[{"field": f, "reason": r} for f, r in exc.field_violations] or None,
        headers=headers or None,
    )


async def _rpc(request: Request, exc: grpc.aio.AioRpcError) -> JSONResponse:
    # A service's error arrives as gRPC status + ErrorInfo; render it like a local one.
    return await _domain(request, from_rpc_error(exc))


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Request failed")
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem(exc.status_code, title, detail=detail, headers=exc.headers)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error at the edge")
    return problem(500, "Internal error", detail="Something went wrong on our side.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(DomainError, _domain)  # type: ignore[arg-type]
    app.add_exception_handler(grpc.aio.AioRpcError, _rpc)
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled)
