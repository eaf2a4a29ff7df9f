"""`petful up` boots the whole platform, heals a killed service and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from petful.devstack.state import read_state
from petful.platform.settings import DEFAULT_PORTS, DOMAINS
from tests.support import BOOT_WITHIN, DevStack, free_port, process_alive

# Whole-platform boots share one xdist worker: two at once would fight over two cores.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[DevStack]:
    ports = {name: free_port() for name in DEFAULT_PORTS}
    s = DevStack(tmp_path / "petful", ports)
    try:
        yield s
    finally:
        if s.proc is not None and s.proc.poll() is None:
            s.proc.kill()


def test_up_serves_every_service_heals_and_stops_cleanly(stack: DevStack) -> None:
    stack.start()
    stack.wait("platform started and healthy through Envoy", stack.all_started)
    body = stack.health().json()  # type: ignore[union-attr]
    assert set(body["services"]) == set(DOMAINS)
    assert set(body["services"].values()) == {"SERVING"}
    # The start banner names the demo logins.
    assert "owner@petful.dev" in stack.log()
    assert "petful-demo" in stack.log()

    def status_ok() -> bool:
        # Just after the start the worker is busy with the demo seed's events (embedding
        # runs), and its /metrics may miss a 2 s probe: wait for the report, not the instant.
        nonlocal status
        status = subprocess.run(
            [sys.executable, "-m", "petful", "status"],
            env=stack.env,
            capture_output=True,
            text=True,
        )
        return status.returncode == 0

    status: subprocess.CompletedProcess[str] | None = None
    stack.wait("petful status reports every process healthy", status_ok, within=60)
    assert status is not None
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
    assert not [p for p in pids if process_alive(p)]
    assert not stack.state_file.exists()

    # A second start reuses the data: faster, and nothing is migrated or seeded twice.
    started = time.monotonic()
    stack.start()
    stack.wait("platform healthy on restart", stack.healthy)
    assert time.monotonic() - started < BOOT_WITHIN
    stack.stop()


def test_port_in_use_is_named(stack: DevStack) -> None:
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


def test_a_killed_supervisor_leaves_no_orphans(stack: DevStack) -> None:
    stack.start()
    stack.wait("platform started", stack.all_started)
    state = read_state(stack.state_file)
    assert state is not None
    pids = [p.pid for p in state.processes if p.pid]
    names = {p.pid: p.name for p in state.processes}
    assert stack.proc is not None
    stack.proc.kill()  # SIGKILL: the supervisor runs no clean-up at all
    stack.proc.wait()

    def alive() -> list[int]:
        return [p for p in pids if process_alive(p)]

    deadline = time.monotonic() + 60
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [names[p] for p in alive()]


@pytest.mark.timeout(600)
def test_demo_data_works_out_of_the_box(stack: DevStack) -> None:
    """What the README promises after `make run`: PetStars with pictures (and thumbnails
    from the worker) in the public directory, and recommendations for the demo
    advertiser's recruiting campaign (embedded by the worker after seeding)."""
    stack.start()
    stack.wait("platform started", stack.all_started)
    base = f"http://127.0.0.1:{stack.ports['envoy']}"
    directory = httpx.get(f"{base}/api/v1/petstars", timeout=10).json()
    assert sorted(i["pet"]["name"] for i in directory["items"]) == ["나비", "보리"]
    image = directory["items"][0]["pet"]["image"]
    assert httpx.get(base + image["url"], timeout=10).status_code == 200

    def thumbnails_made() -> bool:
        pet = httpx.get(f"{base}/api/v1/petstars", timeout=10).json()["items"][0]["pet"]
        return set(pet["image"]["thumbnails"]) == {"320", "960"}

    stack.wait("thumbnails made by the worker", thumbnails_made, within=120)

    login = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"email": "advertiser@petful.dev", "password": "petful-demo"},
        timeout=10,
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    mine = httpx.get(
        f"{base}/api/v1/advertiser/campaigns", params={"phase": "RECRUITING"}, headers=headers
    ).json()
    (recruiting,) = mine["items"]
    url = f"{base}/api/v1/campaigns/{recruiting['id']}/recommendations"

    def recommended() -> bool:
        r = httpx.get(url, headers=headers, timeout=30)
        return r.status_code == 200 and bool(r.json()["items"])

    stack.wait("recommendations for the recruiting demo campaign", recommended, within=240)
    (match,) = httpx.get(url, headers=headers, timeout=30).json()["items"]
    assert match["petstar"]["name"] == "나비"  # 보리 already applied
    stack.stop()
