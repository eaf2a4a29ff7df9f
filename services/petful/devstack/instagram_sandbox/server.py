"""The sandbox's runner: `SandboxServer` in a test's event loop, or the whole process."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import datetime

import uvicorn

from petful.devstack.instagram_sandbox.app import create_app
from petful.devstack.instagram_sandbox.state import SandboxState
from petful.sns.sandbox_catalog import anchor_of, build_accounts


class SandboxServer:
    """The sandbox on 127.0.0.1:port inside the running event loop (tests), or as the
    whole process (`main`)."""

    def __init__(self, port: int, *, host: str = "127.0.0.1", anchor: datetime | None = None):
        self.host, self.port = host, port
        self.state = SandboxState(build_accounts(anchor), anchor=anchor_of(anchor))
        config = uvicorn.Config(
            create_app(self.state),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """The base URL to put in PETFUL_SNS__GRAPH_BASE_URL (the version is appended)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> SandboxServer:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the Instagram sandbox did not start")
            await asyncio.sleep(0.01)
        return self

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def __aenter__(self) -> SandboxServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A fake Instagram Graph API (sandbox data)")
    parser.add_argument("--host", default="127.0.0.1")
    # No default: ports come from the settings' table (the devstack passes one).
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    server = SandboxServer(args.port, host=args.host)
    print(f"instagram sandbox on {server.url} (tokens: sandbox-<user>)", flush=True)
    server._server.run()
    return 0
