"""The health service's gRPC API: one servicer per part (petful.health.v1)."""

from __future__ import annotations

import grpc

from petful.health.activities import grpc_api as activities
from petful.health.base import Clock
from petful.health.prescriptions import grpc_api as prescriptions
from petful.health.schedules import grpc_api as schedules
from petful.platform.settings import Settings


def register(
    server: grpc.aio.Server, *, settings: Settings | None = None, clock: Clock | None = None
) -> None:
    """Add every health servicer to server (health, reflection and diagnostics come with
    every server, see platform/grpc_server.py)."""
    activities.register(server, settings=settings, clock=clock)
    schedules.register(server, settings=settings, clock=clock)
    prescriptions.register(server, settings=settings, clock=clock)
