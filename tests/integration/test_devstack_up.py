"""`petful up` boots the whole platform, heals a killed service and stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from petful.devstack.state import read_state
from petful.platform.settings import DEFAULT_PORTS, DOMAINS
from tests.support import free_port

pytestmark = pytest.mark.slow

BOOT_WITHIN = 180.0


class Stack:
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

    def log(self) -> str:
        path = self.data_dir.parent / "up.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def tail(self) -> str:
        return self.log()[-4000:]


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    ports = {name: free_port() for name in DEFAULT_PORTS}
    s = Stack(tmp_path / "petful", ports)
    try:
        yield s
    finally:
        if s.proc is not None and s.proc.poll() is None:
            s.proc.kill()


def test_up_serves_every_service_heals_and_stops_cleanly(stack: Stack) -> None:
    stack.start()
    stack.wait("platform started and healthy through Envoy", stack.all_started)
    body = stack.health().json()  # type: ignore[union-attr]
    assert set(body["services"]) == set(DOMAINS)
    assert set(body["services"].values()) == {"SERVING"}

    status = subprocess.run(
        [sys.executable, "-m", "petful", "status"], env=stack.env, capture_output=True, text=True
    )
    assert status.returncode == 0, status.stdout
    assert "identity" in status.stdout

    # A killed service is noticed and comes back.
    state = read_state(stack.state_file)
    assert state is not None
    victim = next(p for p in state.processes if p.name == "campaigns")
    assert victim.pid is not None
    os.kill(victim.pid, signal.SIGKILL)

    def restarted() -> bool:
        now = read_state(stack.state_file)
        proc = next(p for p in now.processes if p.name == "campaigns") if now else None
        return proc is not None and proc.restarts == 1 and proc.pid != victim.pid

    stack.wait("campaigns restarted", restarted, within=60)
    stack.wait("platform healthy again", stack.healthy, within=60)
    assert f"campaigns (pid {victim.pid}) exited" in stack.log()

    pids = stack.stop()
    assert pids
    assert not [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
    assert not stack.state_file.exists()

    # A second start reuses the data: faster, and nothing is migrated or seeded twice.
    started = time.monotonic()
    stack.start()
    stack.wait("platform healthy on restart", stack.healthy)
    assert time.monotonic() - started < BOOT_WITHIN
    stack.stop()


def test_port_in_use_is_named(stack: Stack) -> None:
    import socket

    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", stack.ports["edge"]))
        blocker.listen()
        result = subprocess.run(
            [sys.executable, "-m", "petful", "up"],
            env=stack.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode != 0
    assert str(stack.ports["edge"]) in result.stdout + result.stderr
