"""Liveness of the edge and readiness of the whole platform."""

from __future__ import annotations

import asyncio
from typing import Literal

import redis.asyncio as aioredis
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from petful.platform.db import get_engine
from petful.platform.grpc_client import check_health
from petful.platform.settings import DOMAINS, get_settings

router = APIRouter(prefix="/api/v1/health", tags=["health"])

CHECK_TIMEOUT = 2.0


class Live(BaseModel):
    status: Literal["ok", "unavailable"]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, str]
    dependencies: dict[str, str]


@router.get("/live", response_model=Live)
async def live() -> Live:
    return Live(status="ok")


@router.get("/ready", response_model=Live, responses={503: {"model": Live}})
async def ready() -> JSONResponse:
    """Whether this edge can take traffic: identity answers (every signed-in request needs
    its keys and session checks). Other services being down degrades only their routes, so
    it does not take the edge out of its load balancer."""
    state = await check_health(get_settings().grpc_target("identity"), CHECK_TIMEOUT)
    ok = state == "SERVING"
    return JSONResponse({"status": "ok" if ok else "unavailable"}, status_code=200 if ok else 503)


async def _postgres() -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT), get_engine().connect() as conn:
            await conn.execute(text("SELECT 1"))
        return "SERVING"
    except Exception:
        return "UNREACHABLE"


async def _redis() -> str:
    client = aioredis.Redis.from_url(get_settings().redis_url, socket_timeout=CHECK_TIMEOUT)
    try:
        await client.ping()
        return "SERVING"
    except Exception:
        return "UNREACHABLE"
    finally:
        await client.aclose()


@router.get("", response_model=Health, responses={503: {"model": Health}})
async def health() -> JSONResponse:
    settings = get_settings()
    states = await asyncio.gather(
        *(check_health(settings.grpc_target(d), CHECK_TIMEOUT) for d in DOMAINS),
        _postgres(),
        _redis(),
    )
    services = dict(zip(DOMAINS, states[: len(DOMAINS)], strict=True))
    deps = {"postgres": states[-2], "redis": states[-1]}
    ok = all(s == "SERVING" for s in (*services.values(), *deps.values()))
    body = Health(status="ok" if ok else "degraded", services=services, dependencies=deps)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)
