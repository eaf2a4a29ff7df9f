"""`petful status`: which devstack processes run, and do their health probes pass.

Reads only the state file (see `state.py`) and probes endpoints from settings, so it works
from any shell while `petful up` runs elsewhere.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import psutil

from petful.devstack.probes import grpc_health_probe, http_probe, postgres_probe, redis_probe
from petful.devstack.state import ProcessState, read_state, state_file_path
from petful.platform.settings import DOMAINS, Settings

Probe = Callable[[], Awaitable[tuple[bool, str]]]


@dataclass(frozen=True)
class ProcessStatus:
    name: str
    pid: int | None
    alive: bool
    restarts: int
    probe_ok: bool | None  # None: this process has no probe
    probe_detail: str

    @property
    def healthy(self) -> bool:
        return self.alive and self.probe_ok is not False


def probes_for(settings: Settings, database_url: str, redis_url: str) -> dict[str, Probe]:
    host = settings.bind_host
    probes: dict[str, Probe] = {
        "postgres": lambda: postgres_probe(database_url),
        "redis": lambda: redis_probe(redis_url),
        "mail": lambda: http_probe(f"http://{host}:{settings.port('inbox')}/api/messages"),
        "instagram": lambda: http_probe(
            f"http://{host}:{settings.port('instagram_sandbox')}/__sandbox__/health"
        ),
        "edge": lambda: http_probe(f"http://{host}:{settings.port('edge')}/api/v1/health"),
        "envoy": lambda: http_probe(f"http://{host}:{settings.port('envoy_admin')}/ready"),
        # Celery processes have no API of their own; their metrics endpoint shows they live.
        "worker": lambda: http_probe(f"http://{host}:{settings.port('metrics.worker')}/metrics"),
        "worker-bulk": lambda: http_probe(
            f"http://{host}:{settings.port('metrics.worker-bulk')}/metrics"
        ),
        "beat": lambda: http_probe(f"http://{host}:{settings.port('metrics.beat')}/metrics"),
    }
    for domain in DOMAINS:
        probes[domain] = _grpc_probe(f"{host}:{settings.port(f'grpc.{domain}')}")
    return probes


def _grpc_probe(target: str) -> Probe:
    return lambda: grpc_health_probe(target)


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


async def collect_status_async(
    settings: Settings, state_file: Path | None = None
) -> list[ProcessStatus]:
    # Import here: stack pulls in the supervisor, which status otherwise does not need.
    from petful.devstack.stack import database_url, redis_url

    state = read_state(state_file or state_file_path(settings))
    processes = state.processes if state is not None else []
    if not processes:  # nothing running: still probe what *would* run
        names = [
            "postgres", "redis", "mail", *DOMAINS, "edge", "envoy", "worker", "worker-bulk", "beat"
        ]  # fmt: skip
        processes = [ProcessState(name=n, pid=None) for n in names]
    probes = probes_for(settings, database_url(settings), redis_url(settings))

    async def one(proc: ProcessState) -> ProcessStatus:
        probe = probes.get(proc.name)
        ok, detail = await probe() if probe is not None else (None, "-")
        return ProcessStatus(proc.name, proc.pid, _alive(proc.pid), proc.restarts, ok, detail)

    return list(await asyncio.gather(*(one(p) for p in processes)))


def collect_status(settings: Settings, state_file: Path | None = None) -> list[ProcessStatus]:
    return asyncio.run(collect_status_async(settings, state_file))


def format_status(statuses: list[ProcessStatus]) -> str:
    lines = [f"{'PROCESS':<14} {'PID':>7} {'ALIVE':<5} {'RESTARTS':>8}  HEALTH"]
    for s in statuses:
        health = "-" if s.probe_ok is None else ("ok" if s.probe_ok else "FAIL")
        lines.append(
            f"{s.name:<14} {s.pid or '-':>7} {'yes' if s.alive else 'no':<5} {s.restarts:>8}"
            f"  {health:<4} {s.probe_detail}"
        )
    return "\n".join(lines)


def print_status(
    settings: Settings, state_file: Path | None = None, out: TextIO | None = None
) -> int:
    """Print the table; exit code 0 only when every process is alive and healthy."""
    out = out or sys.stdout
    path = state_file or state_file_path(settings)
    if read_state(path) is None:
        print(f"no devstack running (no state file at {path})", file=out)
    statuses = collect_status(settings, path)
    print(format_status(statuses), file=out)
    return 0 if statuses and all(s.healthy for s in statuses) else 1
