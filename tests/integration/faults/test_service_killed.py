"""A domain service SIGKILLed while requests are in flight: the edge answers 503
problem+json (never 500, never a hang), the supervisor restarts the service, and the next
request succeeds."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import httpx
import pytest

from tests.integration.faults.conftest import Platform, is_problem
from tests.support import wait_for

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

# The edge's deadline for one call is 5 s (settings.grpc_deadline_seconds, retries
# included); an answer later than this is a hang, whatever its status.
ANSWER_WITHIN = 10.0
CALLERS = 8


@pytest.mark.timeout(600)
async def test_a_killed_service_is_a_503_then_restarted(platform: Platform) -> None:
    url = "/api/v1/public/campaigns"
    answers: list[tuple[int, str | None, float]] = []
    killed = asyncio.Event()
    recovered = asyncio.Event()
    pid, restarts = platform.process("campaigns")
    assert pid is not None

    async def caller(client: httpx.AsyncClient) -> None:
        # Until a request sent after the kill has succeeded again.
        while not recovered.is_set():
            sent_after_kill = killed.is_set()
            started = time.monotonic()
            r = await client.get(url)
            took = time.monotonic() - started
            answers.append((r.status_code, r.headers.get("content-type"), took))
            assert is_problem(r, 503) or r.status_code == 200, (r.status_code, r.text)
            if (
                sent_after_kill
                and r.status_code == 200
                and platform.process("campaigns")[1] > restarts
            ):
                recovered.set()

    async with platform.client(timeout=ANSWER_WITHIN * 3) as client:
        assert (await client.get(url)).status_code == 200
        callers = [asyncio.create_task(caller(client)) for _ in range(CALLERS)]

        # Every caller answered once: the kill lands while requests are in flight.
        async def calling() -> bool:
            return len(answers) >= CALLERS

        await wait_for(calling, within=30)
        os.kill(pid, signal.SIGKILL)
        killed.set()
        try:
            async with asyncio.timeout(120):
                await asyncio.gather(*callers)
        finally:
            for task in callers:
                task.cancel()

        new_pid, new_restarts = platform.process("campaigns")
        assert (new_pid != pid, new_restarts) == (True, restarts + 1)
        assert f"campaigns (pid {pid}) exited" in platform.stack.log()
        # While it was down the edge said so (503, problem+json), and nothing waited long.
        statuses = {status for status, _, _ in answers}
        assert 503 in statuses, statuses
        assert statuses <= {200, 503}
        slowest = max(took for _, _, took in answers)
        assert slowest < ANSWER_WITHIN, slowest
        r = await client.get(url)
        assert r.status_code == 200, r.text
