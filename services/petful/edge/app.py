"""The FastAPI edge: the only REST surface, behind Envoy.

One folder per domain (`routes.py`, `schemas.py`), admin routes beside their domain; auth,
clients, problems and uploads are shared by all of them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from petful.edge import docs, problems, web
from petful.edge.admin import routes as admin_console
from petful.edge.advertisers import routes as advertisers
from petful.edge.campaigns import routes as campaigns
from petful.edge.community import comments, posts
from petful.edge.health import routes as health
from petful.edge.identity import routes as identity
from petful.edge.matching import routes as matching
from petful.edge.media import routes as media
from petful.edge.notifications import admin_routes as notifications_admin
from petful.edge.notifications import push_routes as notifications_push
from petful.edge.notifications import routes as notifications
from petful.edge.notifications import settings_routes as notification_settings
from petful.edge.pet_health import activities, prescriptions, schedules
from petful.edge.pets import routes as pets
from petful.edge.reports import routes as reports
from petful.edge.request_context import RequestContext
from petful.edge.security_headers import SecurityHeaders
from petful.edge.sns import routes as sns
from petful.edge.uploads import BodyLimit, upload_routes
from petful.platform.grpc_client import close_channels
from petful.platform.settings import get_settings


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await close_channels()


TITLE = "PetFul API"
OPENAPI_URL = "/api/openapi.json"


def create_app() -> FastAPI:
    app = FastAPI(
        title=TITLE,
        version="1",
        openapi_url=OPENAPI_URL,
        # Our own docs route (petful.edge.docs): local assets and a strict CSP.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    problems.install(app)

    # The order is the order paths are matched in; keep it when adding a router.
    for router in (
        health.router,
        identity.auth_router,
        identity.me_router,
        identity.users_router,
        identity.wellknown_router,
        identity.admin_router,
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
        campaigns.public_router,
        campaigns.admin_router,
        activities.router,
        schedules.router,
        prescriptions.router,
        posts.router,
        comments.router,
        notifications_push.router,
        notification_settings.router,
        notifications.router,
        notifications_admin.router,
        admin_console.router,
        sns.router,
        matching.router,
        media.router,
        docs.router(title=TITLE, openapi_url=OPENAPI_URL),
    ):
        app.include_router(router)

    # Per route: the routes that take a file, their media limit; every other, a small one.
    settings = get_settings()
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.limits.json_body_max_bytes,
        upload_max_bytes=settings.upload_body_max_bytes,
        uploads=upload_routes(app.routes),
    )

    app.add_middleware(RequestContext)

    # Added last, so outermost of ours: body-limit refusals carry the headers too.
    app.add_middleware(SecurityHeaders)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    # The web app answers what no route above claims, so it comes last.
    web.install(app)
    # No span per body chunk: an open notification stream would make one per frame and ping.
    FastAPIInstrumentor.instrument_app(
        app, excluded_urls="/metrics,/api/v1/health/live", exclude_spans=["send", "receive"]
    )
    return app
