"""/api/v1/health asks every service about itself and about its PostgreSQL and Redis; the
edge has no database or Redis connection of its own."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from petful.edge.app import create_app
from petful.edge.health.schemas import dependency_states
from petful.pb.common.v1 import diagnostics_pb2 as pb
from petful.platform import settings as settings_module
from petful.platform.grpc_client import close_channels
from petful.platform.grpc_server import RunningServer, start_server
from petful.platform.settings import DOMAINS, Settings
from tests.integration.conftest import IdentityEdge
from tests.support import free_port


@pytest.fixture
async def platform(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """A server per domain (diagnostics and grpc.health only), found by the edge."""
    servers: list[RunningServer] = []
    try:
        for domain in DOMAINS:
            servers.append(await start_server(domain, lambda server: None, port=0))
        targets = {d: f"127.0.0.1:{s.port}" for d, s in zip(DOMAINS, servers, strict=True)}
        monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps(targets))
        settings_module.get_settings.cache_clear()
        yield
    finally:
        for server in servers:
            await server.stop(0)
        await close_channels()


async def _health() -> httpx.Response:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
        return await client.get("/api/v1/health")


async def test_a_healthy_platform_is_ok(platform: None) -> None:
    response = await _health()
    assert response.status_code == 200, response.text
    assert response.json() == {
        "status": "ok",
        "services": dict.fromkeys(DOMAINS, "SERVING"),
        "dependencies": {"postgres": "SERVING", "redis": "SERVING"},
    }


async def test_only_the_services_a_cluster_deploys_are_asked(
    platform: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployed = {d: t for d, t in settings_module.get_settings().service_targets.items()}
    del deployed["matching"]  # a cluster may leave a component out (enabled: false)
    monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps(deployed))
    settings_module.get_settings.cache_clear()
    response = await _health()
    assert response.status_code == 200, response.text
    assert set(response.json()["services"]) == set(deployed)


async def test_a_service_that_cannot_reach_redis_degrades_the_platform(
    platform: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The services (in this process) now use a Redis nobody listens on; the edge itself
    # never needed one.
    monkeypatch.setenv("PETFUL_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    settings_module.get_settings.cache_clear()
    response = await _health()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert set(body["services"].values()) == {"SERVING"}
    assert body["dependencies"] == {"postgres": "SERVING", "redis": "UNREACHABLE"}


async def test_a_service_that_is_down_is_not_asked_about_dependencies(
    identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The services the edge tests need run here, and notifications is listed but down: it is
    # UNREACHABLE, and the ones that answer report their stores.
    targets = dict(settings_module.get_settings().service_targets)
    targets["notifications"] = f"127.0.0.1:{free_port()}"
    monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps(targets))
    settings_module.get_settings.cache_clear()
    response = await _health()
    assert response.status_code == 503
    body = response.json()
    assert body["services"]["identity"] == "SERVING"
    assert body["services"]["notifications"] == "UNREACHABLE"
    assert body["dependencies"] == {"postgres": "SERVING", "redis": "SERVING"}


def _report(**states: int) -> pb.DependenciesResponse:
    return pb.DependenciesResponse(
        dependencies=[pb.Dependency(name=n, state=s) for n, s in states.items()]  # type: ignore[arg-type]
    )


def test_dependency_states_take_the_worst_answer() -> None:
    serving, unreachable = pb.DEPENDENCY_STATE_SERVING, pb.DEPENDENCY_STATE_UNREACHABLE
    assert dependency_states([]) == {"postgres": "UNKNOWN", "redis": "UNKNOWN"}
    assert dependency_states(
        [_report(postgres=serving, redis=serving), _report(postgres=serving, redis=unreachable)]
    ) == {"postgres": "SERVING", "redis": "UNREACHABLE"}
    assert dependency_states([_report(postgres=serving)]) == {
        "postgres": "SERVING",
        "redis": "UNKNOWN",
    }
