"""`skaffold dev` reloading: a long-running process restarts when watched code changes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support import free_port, process_alive, wait_for


async def test_the_edge_restarts_when_code_changes(tmp_path: Path) -> None:
    code = tmp_path / "code"
    code.mkdir()
    port = free_port()
    log = tmp_path / "edge.log"
    env = {
        **os.environ,
        "PETFUL_ENV": "development",
        "PETFUL_DATA_DIR": str(tmp_path / "data"),
        "PETFUL_DEV_RELOAD": "true",
        "PETFUL_DEV_RELOAD_PATHS": json.dumps([str(code)]),
        "PETFUL_PORTS": json.dumps({"edge": port}),
    }
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "petful", "edge", env=env, stdout=out, stderr=out
        )
    try:

        def pids() -> list[str]:
            return re.findall(r"Started server process \[(\d+)\]", log.read_text())

        async def serving(count: int) -> bool:
            if len(pids()) < count:
                return False
            try:
                async with httpx.AsyncClient() as client:
                    r = await client.get(f"http://127.0.0.1:{port}/api/v1/health/live")
            except httpx.HTTPError:
                return False
            return r.status_code == 200

        await wait_for(lambda: serving(1), within=60)
        (code / "changed.py").write_text("ANSWER = 42\n")
        await wait_for(lambda: serving(2), within=60)
        first, second = pids()[:2]
        assert first != second  # a new process serves the new code
        assert proc.returncode is None
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), timeout=20)
    # Stopping the reloader (as Kubernetes does, SIGTERM) stops the process it runs.
    await wait_for(lambda: _gone(int(pids()[-1])), within=20)


async def _gone(pid: int) -> bool:
    return not process_alive(pid)


def test_reloading_is_refused_in_production(tmp_path: Path) -> None:
    env = {**os.environ, "PETFUL_ENV": "production", "PETFUL_DEV_RELOAD": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "petful", "edge"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "refused in production" in done.stderr
