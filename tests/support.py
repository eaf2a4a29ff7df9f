"""Small helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import httpx
import psutil
import redis

from petful.devstack.state import read_state

# Ports for test servers come from below the kernel's ephemeral range (32768+), where
# outgoing connections take their source ports, and from a slice of that range per xdist
# worker, so two workers never hand out the same port.
_PORT_BASE, _PORT_SLICE = 20000, 3000
_handed_out: set[int] = set()


def free_port() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    start = _PORT_BASE + (int(worker) % 4 if worker.isdigit() else 0) * _PORT_SLICE
    for port in random.sample(range(start, start + _PORT_SLICE), _PORT_SLICE):
        if port in _handed_out:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free test port left")


async def wait_for(predicate: Callable[[], Awaitable[bool]], within: float = 20.0) -> None:
    """Await a condition (polling), failing after `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"condition not met within {within} s")


BOOT_WITHIN = 180.0


class DevStack:
    """`petful up` as a subprocess on its own ports and data dir."""

    def __init__(self, data_dir: Path, ports: dict[str, int]) -> None:
        self.data_dir = data_dir
        self.ports = ports
        self.env = {
            **os.environ,
            "PETFUL_ENV": "development",
            "PETFUL_DATA_DIR": str(data_dir),
            "PETFUL_PORTS": json.dumps(ports),
        }
        for key in ("PETFUL_DATABASE_URL", "PETFUL_REDIS_URL"):
            self.env.pop(key, None)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.data_dir.parent / "up.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "petful", "up"], env=self.env, stdout=log, stderr=log
        )

    @property
    def state_file(self) -> Path:
        return self.data_dir / "devstack.json"

    def health(self) -> httpx.Response | None:
        try:
            return httpx.get(f"http://127.0.0.1:{self.ports['envoy']}/api/v1/health", timeout=3)
        except httpx.HTTPError:
            return None

    def wait(self, condition: str, check: Callable[[], bool], within: float = BOOT_WITHIN) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.proc is not None
            assert self.proc.poll() is None, self.tail()
            if check():
                return
            time.sleep(0.2)
        raise AssertionError(f"{condition} not reached within {within} s\n{self.tail()}")

    def all_started(self) -> bool:
        return "all processes started" in self.log() and self.healthy()

    def healthy(self) -> bool:
        response = self.health()
        return response is not None and response.status_code == 200

    def stop(self) -> list[int]:
        """SIGINT like Ctrl-C; returns the pids the supervisor had started."""
        state = read_state(self.state_file)
        pids = [p.pid for p in state.processes if p.pid] if state else []
        assert self.proc is not None
        self.proc.send_signal(signal.SIGINT)
        assert self.proc.wait(timeout=60) == 0, self.tail()
        return pids

    def wait_until_workers_idle(self, within: float = 300) -> None:
        """Until the Celery workers have nothing queued or running: a fresh platform indexes
        its demo data for matching first (tens of seconds of CPU on two cores), start-up
        work a measurement of something else must not include. Kombu's Redis transport
        keeps each queue in a list of its name, and every delivered task not yet
        acknowledged (acks_late) in the `unacked` hash."""
        from petful.platform.jobs import BULK_QUEUE, QUICK_QUEUE

        broker = redis.Redis(port=self.ports["redis"])

        def idle() -> bool:
            return not (
                broker.llen(QUICK_QUEUE) or broker.llen(BULK_QUEUE) or broker.hlen("unacked")
            )

        self.wait("the workers idle", idle, within)

    def log(self) -> str:
        path = self.data_dir.parent / "up.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def tail(self) -> str:
        return self.log()[-4000:]


@contextmanager
def started_platform(data_dir: Path, env: Mapping[str, str] | None = None) -> Iterator[DevStack]:
    """`petful up` on free ports in data_dir, with env added, until every process started;
    stopped on the way out."""
    from petful.platform.settings import DEFAULT_PORTS

    stack = DevStack(data_dir, {name: free_port() for name in DEFAULT_PORTS})
    stack.env.update(env or {})
    stack.start()
    try:
        stack.wait("platform started", stack.all_started)
        yield stack
    finally:
        if stack.proc is not None and stack.proc.poll() is None:
            stack.stop()


def process_alive(pid: int) -> bool:
    """True while pid runs (a zombie, or a process gone mid-check, counts as dead)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def edge_client(scheme: str = "http") -> httpx.AsyncClient:
    """The edge app in this process (no Envoy, no services unless a test starts them)."""
    from petful.edge.app import create_app  # the app reads settings when it is made

    transport = httpx.ASGITransport(app=create_app(), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url=f"{scheme}://edge")


class PageRefs(HTMLParser):
    """Every script/stylesheet/image address in a page, and any inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in found.items() if k in {"src", "href"} and v]
        self._in_script = tag == "script" and "src" not in found

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
