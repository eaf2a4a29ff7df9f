"""One platform for every fault test: `petful up` as `make run` starts it, on free ports.

Booting the platform costs a minute or two of the CI budget, so the fault tests share one
(each test leaves it recovered, which is what it asserts). Its Redis is started here rather
than by the devstack (`PETFUL_REDIS_URL`, as in a cluster): the supervisor restarts a
process of its own within a second, and the Redis test needs a broker that stays away.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import psycopg
import pytest
import redis

from petful.devstack.postgres import EmbeddedPostgres
from petful.devstack.probes import libpq_url
from petful.devstack.redis import EmbeddedRedis
from petful.devstack.state import read_state
from petful.platform.jobs import BULK_QUEUE, QUICK_QUEUE
from tests.support import DevStack, free_port, started_platform

# The accounts `petful up` seeds (its banner names them).
DEMO_PASSWORD = "petful-demo"
OWNER = "owner@petful.dev"
ADVERTISER = "advertiser@petful.dev"
PASSWORD = "correct-horse-1"
Headers = dict[str, str]


@dataclass
class Platform:
    stack: DevStack
    broker: EmbeddedRedis

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.stack.ports['envoy']}"

    def client(self, timeout: float = 30.0) -> httpx.AsyncClient:
        """A client of the platform's front door (Envoy), like a visitor's."""
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
        return httpx.AsyncClient(base_url=self.base, timeout=timeout, limits=limits)

    # -- the supervisor's view ----------------------------------------------------------

    def process(self, name: str) -> tuple[int | None, int]:
        """(pid, restarts) of one supervised process, as the state file has them."""
        state = read_state(self.stack.state_file)
        assert state is not None
        (proc,) = [p for p in state.processes if p.name == name]
        return proc.pid, proc.restarts

    def wait_restarted(self, name: str, old_pid: int, within: float = 90) -> None:
        def restarted() -> bool:
            pid, _ = self.process(name)
            return pid is not None and pid != old_pid

        self.stack.wait(f"{name} restarted by the supervisor", restarted, within)

    # -- data ---------------------------------------------------------------------------

    @property
    def database(self) -> EmbeddedPostgres:
        return EmbeddedPostgres(self.stack.data_dir / "postgres", self.stack.ports["postgres"])

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of one query against the platform's database (a fresh connection)."""
        url = libpq_url(self.database.url("petful"))
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(query, params).fetchall()

    def workers_idle(self) -> bool:
        """Nothing queued or delivered-but-unacknowledged (acks_late) in the broker."""
        with redis.Redis.from_url(self.broker.url, socket_timeout=5) as broker:
            return not (
                broker.llen(QUICK_QUEUE) or broker.llen(BULK_QUEUE) or broker.hlen("unacked")
            )

    # -- people -------------------------------------------------------------------------

    async def login(
        self, client: httpx.AsyncClient, email: str, password: str = DEMO_PASSWORD
    ) -> Headers:
        r = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    async def verification_token(self, client: httpx.AsyncClient, email: str) -> str:
        """The sign-up step that needs Redis and the worker: the mailed code, confirmed."""
        r = await client.post("/api/v1/auth/email-verifications", json={"email": email})
        assert r.status_code == 202, r.text
        code = await self.mailed_code(email)
        r = await client.post(
            "/api/v1/auth/email-verifications/confirm", json={"email": email, "code": code}
        )
        assert r.status_code == 200, r.text
        token: str = r.json()["verification_token"]
        return token

    async def mailed_code(self, email: str, within: float = 60) -> str:
        url = f"http://127.0.0.1:{self.stack.ports['inbox']}/api/messages"
        deadline = time.monotonic() + within
        async with httpx.AsyncClient(timeout=5) as inbox:
            while time.monotonic() < deadline:
                for message in (await inbox.get(url)).json():
                    found = re.search(r"\b(\d{6})\b", message["subject"])
                    if email in message["to"] and found:
                        return found.group(1)
                await asyncio.sleep(0.25)
        raise AssertionError(f"no code mailed to {email} within {within} s")


def signup_body(token: str, email: str, n: int) -> dict[str, str]:
    """A valid sign-up of email; n (below 10 000) keeps nickname and phone unique."""
    return {
        "verification_token": token,
        "email": email,
        "password": PASSWORD,
        "name": "장애 시험",
        "nickname": f"fault{n:04d}",
        "phone": f"010-{n:04d}-{(n * 7) % 10_000:04d}",
    }


def is_problem(response: httpx.Response, status: int) -> bool:
    return (
        response.status_code == status
        and response.headers.get("content-type") == "application/problem+json"
    )


@pytest.fixture(scope="package")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    root = tmp_path_factory.mktemp("faults")
    broker = EmbeddedRedis(root / "broker", free_port())
    broker.start()
    env = {
        "PETFUL_REDIS_URL": broker.url,
        # Many sign-ins and sign-ups from one address: Envoy's per-address limit on
        # /api/v1/auth/ is not what these tests measure.
        "PETFUL_DEVSTACK_AUTH_REQUESTS_PER_MINUTE": "6000",
        # A killed worker's tasks come back after the broker's visibility timeout (20 min
        # by default): short here, so test_worker_killed waits seconds; retries stay below.
        "PETFUL_BROKER_VISIBILITY_TIMEOUT_SECONDS": "30",
        "PETFUL_EVENTS_RETRY_MAX_SECONDS": "20",
    }
    try:
        with started_platform(root / "petful", env) as stack:
            running = Platform(stack, broker)
            # A fresh platform indexes its demo data first (bulk worker, tens of seconds):
            # faults are injected into a platform at rest, so what is counted is theirs.
            stack.wait("the workers idle", running.workers_idle, within=300)
            yield running
    finally:
        broker.stop()
