"""Response bodies of the health routes, and the services' dependency reports folded into one
state per dependency."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from petful.pb.common.v1 import diagnostics_pb2 as pb
from petful.platform.protobuf import enum_name

# What every service reports on (platform/diagnostics.py checks the same two).
DEPENDENCIES = ("postgres", "redis")
SERVING = "SERVING"
UNREACHABLE = "UNREACHABLE"
# No service answered, so nobody could say.
UNKNOWN = "UNKNOWN"


class Live(BaseModel):
    status: Literal["ok", "unavailable"]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, str]
    dependencies: dict[str, str]


def dependency_states(reports: Iterable[pb.DependenciesResponse]) -> dict[str, str]:
    """One state per dependency over the services that answered: UNREACHABLE when any of
    them cannot reach it, SERVING when all that report on it can, UNKNOWN when none does."""
    seen: dict[str, set[str]] = {name: set() for name in DEPENDENCIES}
    for report in reports:
        for dependency in report.dependencies:
            state = enum_name(pb.DependencyState, dependency.state, "DEPENDENCY_STATE_")
            seen.setdefault(dependency.name, set()).add(state or UNKNOWN)
    return {name: _worst(states) for name, states in seen.items()}


def _worst(states: set[str]) -> str:
    if UNREACHABLE in states:
        return UNREACHABLE
    if states and states <= {SERVING}:
        return SERVING
    return UNKNOWN
