"""An ASGI app served by uvicorn inside the running event loop: the local stand-ins for
third-party services (the Instagram sandbox, the tests' push service) start and stop with
the test that uses them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any, Self

import uvicorn


class InLoopServer:
    """uvicorn on host:port as a task of the current loop; `async with` or start/stop."""

    name = "server"

    def __init__(self, app: Any, *, host: str, port: int) -> None:
        self.host, self.port = host, port
        config = uvicorn.Config(
            app, host=host, port=port, log_level="warning", access_log=False, lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    async def start(self, *, within: float = 10.0) -> Self:
        self._task = asyncio.create_task(self._server.serve())
        deadline = time.monotonic() + within
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError(f"the {self.name} did not start")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the {self.name} did not start within {within:g} s")
            await asyncio.sleep(0.01)
        return self

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def run(self) -> None:
        """Serve as the whole process (its own loop) until interrupted."""
        self._server.run()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
