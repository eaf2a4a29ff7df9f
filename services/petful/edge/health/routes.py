"""Liveness of the edge, its readiness, and the health of the whole platform.

The platform check asks every domain service twice: grpc.health.v1 for the service itself,
and its diagnostics for the PostgreSQL and Redis it uses, so the edge holds no database or
Redis credentials of its own.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from petful.edge import clients
from petful.edge.health.schemas import SERVING, Health, Live, dependency_states
from petful.pb.common.v1 import diagnostics_pb2
from petful.platform.errors import DomainError
from petful.platform.grpc_client import call, check_health
from petful.platform.settings import DOMAINS, get_settings

router = APIRouter(prefix="/api/v1/health", tags=["health"])

# Per call: a service's health, then its dependency report, each within this.
CHECK_TIMEOUT = 2.0


@router.get("/live", response_model=Live)
async def live() -> Live:
    return Live(status="ok")


@router.get("/ready", response_model=Live, responses={503: {"model": Live}})
async def ready() -> JSONResponse:
    """Whether this edge can take traffic: identity answers (every signed-in request needs
    its keys and session checks). Other services being down degrades only their routes, so
    it does not take the edge out of its load balancer."""
    state = await check_health(get_settings().grpc_target("identity"), CHECK_TIMEOUT)
    ok = state == SERVING
    return JSONResponse({"status": "ok" if ok else "unavailable"}, status_code=200 if ok else 503)


async def _check(
    domain: str, target: str
) -> tuple[str, diagnostics_pb2.DependenciesResponse | None]:
    """The domain's grpc.health state and, when it serves, its report on its dependencies.

    A service that is not serving is not asked: its health already degrades the answer, and
    asking would only wait out retries.
    """
    state = await check_health(target, CHECK_TIMEOUT)
    if state != SERVING:
        return state, None
    request = diagnostics_pb2.DependenciesRequest()
    try:
        report = await call(
            clients.diagnostics(domain).Dependencies(request, timeout=CHECK_TIMEOUT)
        )
    except DomainError:
        return state, None  # stopped answering in between, or too slow: nothing to report
    return state, report


@router.get("", response_model=Health, responses={503: {"model": Health}})
async def health() -> JSONResponse:
    settings = get_settings()
    # In a cluster the chart lists the services it deploys (one without an API yet is not);
    # locally every domain runs.
    domains = tuple(d for d in DOMAINS if d in settings.service_targets) or DOMAINS
    checks = await asyncio.gather(*(_check(d, settings.grpc_target(d)) for d in domains))
    services = {domain: state for domain, (state, _) in zip(domains, checks, strict=True)}
    deps = dependency_states(report for _, report in checks if report is not None)
    ok = all(s == SERVING for s in (*services.values(), *deps.values()))
    body = Health(status="ok" if ok else "degraded", services=services, dependencies=deps)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)
