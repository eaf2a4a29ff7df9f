"""Health probes shared by supervisor readiness checks and `petful status`.

Each returns a short human-readable result; "ok"/"SERVING" style strings mean healthy.
"""

from __future__ import annotations

import grpc
import httpx
import psycopg
import redis
import redis.asyncio
from grpc_health.v1 import health_pb2, health_pb2_grpc

PROBE_TIMEOUT = 2.0  # seconds; probes must answer fast or count as down


async def http_probe(url: str) -> tuple[bool, str]:
    try:
        async with httpx.AsyncClient(timeout=PROBE_TIMEOUT) as client:
            response = await client.get(url)
    except httpx.HTTPError as err:
        return False, f"GET {url}: {type(err).__name__}"
    return response.status_code == 200, f"GET {url} -> {response.status_code}"


async def grpc_health_probe(target: str) -> tuple[bool, str]:
    """gRPC health `Check` of the whole server (service "")."""
    async with grpc.aio.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = await stub.Check(
                health_pb2.HealthCheckRequest(service=""), timeout=PROBE_TIMEOUT
            )
        except grpc.aio.AioRpcError as err:
            return False, f"grpc {target}: {err.code().name}"
    status = str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
    return status == "SERVING", f"grpc {target}: {status}"


async def redis_probe(url: str) -> tuple[bool, str]:
    client = redis.asyncio.Redis.from_url(url, socket_timeout=PROBE_TIMEOUT)
    try:
        await client.ping()
    except (redis.RedisError, OSError) as err:
        return False, f"redis PING: {type(err).__name__}"
    finally:
        await client.aclose()
    return True, "redis PING -> PONG"


def libpq_url(sqlalchemy_url: str) -> str:
    """`postgresql+psycopg://...` (SQLAlchemy) -> `postgresql://...` (libpq)."""
    scheme, sep, rest = sqlalchemy_url.partition("://")
    return f"{scheme.split('+')[0]}{sep}{rest}"


async def postgres_probe(url: str) -> tuple[bool, str]:
    try:
        conn = await psycopg.AsyncConnection.connect(
            libpq_url(url), connect_timeout=max(1, int(PROBE_TIMEOUT))
        )
        async with conn:
            await conn.execute("SELECT 1")
    except psycopg.Error as err:
        return False, f"postgres SELECT 1: {type(err).__name__}"
    return True, "postgres SELECT 1 -> ok"
