"""The FastAPI edge: the only REST surface, behind Envoy."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from petful.edge import problems
from petful.edge.routers import (
    admin,
    advertisers,
    auth,
    campaigns,
    health,
    matching,
    me,
    media,
    pets,
    reports,
    sns,
    users,
    wellknown,
)
from petful.edge.uploads import BodyLimit
from petful.platform.auth_context import Principal, use_principal
from petful.platform.db import dispose_engines
from petful.platform.grpc_client import close_channels
from petful.platform.settings import get_settings

REQUEST_ID_HEADER = "X-Request-Id"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await close_channels()
    await dispose_engines()


def create_app() -> FastAPI:
    app = FastAPI(
        title="PetFul API",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    problems.install(app)
    # Room for the multipart framing around the largest accepted file.
    app.add_middleware(BodyLimit, max_bytes=get_settings().media_max_bytes + 1024 * 1024)

    @app.middleware("http")
    async def request_context(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Keep a caller's id only when it looks like one; never echo arbitrary input.
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else ""
        request_id = request_id or uuid.uuid4().hex
        with use_principal(Principal(user_id=None, roles=frozenset(), request_id=request_id)):
            response = await call_next(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response

    for router in (
        health.router,
        auth.router,
        me.router,
        users.router,
        wellknown.router,
        admin.router,
        reports.router,
        advertisers.router,
        advertisers.admin_router,
        pets.router,
        pets.petstars_router,
        pets.breeds_router,
        pets.applications_router,
        pets.admin_router,
        campaigns.advertiser_router,
        campaigns.router,
        campaigns.admin_router,
        sns.router,
        matching.router,
        media.router,
    ):
        app.include_router(router)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    FastAPIInstrumentor.instrument_app(app, excluded_urls="/metrics,/api/v1/health/live")
    return app
