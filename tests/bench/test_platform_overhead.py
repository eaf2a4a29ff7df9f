"""An authenticated read through the real local stack vs. the same read on bare FastAPI.

Envoy (jwt_authn) -> edge (JWT re-check, CheckSession over gRPC) -> identity (GetMe over
gRPC) -> PostgreSQL, against one FastAPI + psycopg endpoint running the same SELECT. The
load comes from its own process at a fixed rate (tests/bench/load.py).

Run: `make bench` (or `BENCH_RATES=50,300 BENCH_SECONDS=20 make bench`). Results are printed
and written to tests/bench/results/platform_overhead.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support import DevStack, free_port

# Below and above what two cores sustain: latency at a comfortable load, and where it tips.
RATES = [float(r) for r in os.environ.get("BENCH_RATES", "50,100,200").split(",")]
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
RESULTS = Path(__file__).parent / "results"


def _load(url: str, headers: list[str], rate: float) -> dict[str, float]:
    argv = [sys.executable, "-m", "tests.bench.load", url, "--rate", str(rate)]
    argv += ["--seconds", str(SECONDS)]
    for header in headers:
        argv += ["--header", header]
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _wait_http(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def test_authenticated_read_overhead(running_stack: DevStack) -> None:
    base = f"http://127.0.0.1:{running_stack.ports['envoy']}"
    login = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"email": "owner@petful.dev", "password": "petful-demo"},
        timeout=10,
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    user_id = login.json()["user"]["id"]

    bare_port = free_port()
    env = {
        **os.environ,
        "PETFUL_DATABASE_URL": f"postgresql://petful@127.0.0.1:{running_stack.ports['postgres']}/petful",
        "BENCH_USER_ID": user_id,
    }
    bare = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tests.bench.bare_app:app", "--port", str(bare_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_http(f"http://127.0.0.1:{bare_port}/me")
        runs = []
        for rate in RATES:
            platform = _load(f"{base}/api/v1/me", [f"Authorization: Bearer {token}"], rate)
            baseline = _load(f"http://127.0.0.1:{bare_port}/me", [], rate)
            runs.append(
                {
                    "rate": rate,
                    "platform": platform,
                    "bare_fastapi_psycopg": baseline,
                    "p50_ratio": platform["p50_ms"] / baseline["p50_ms"],
                    "p99_ratio": platform["p99_ms"] / baseline["p99_ms"],
                }
            )
    finally:
        bare.terminate()
        bare.wait(timeout=10)

    rates = ",".join(f"{r:g}" for r in RATES)
    report = {"command": f"BENCH_RATES={rates} BENCH_SECONDS={SECONDS:g} make bench", "runs": runs}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "platform_overhead.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    for run in runs:
        assert run["bare_fastapi_psycopg"]["errors"] == 0
