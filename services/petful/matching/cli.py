"""`petful matching reindex`: the backfill in the foreground, with a progress bar.

It talks to the pets, sns and campaigns services over gRPC (they must be running) and
writes the matching schema directly, like the `matching.reindex` Celery task.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from tqdm import tqdm  # type: ignore[import-untyped]

from petful.matching import tasks
from petful.platform.db import dispose_engines
from petful.platform.grpc_client import close_channels
from petful.platform.settings import Settings


def reindex_command(settings: Settings, *, force: bool = False) -> int:
    bars: dict[str, Any] = {}

    def progress(kind: str, done: int, total: int) -> None:
        bar = bars.get(kind)
        if bar is None:
            bar = bars[kind] = tqdm(total=total, desc=kind, unit=" docs", file=sys.stderr)
        bar.update(done - bar.n)

    async def run() -> tasks.ReindexResult:
        try:
            return await tasks.reindex(settings, force=force, progress=progress)
        finally:
            await close_channels()
            await dispose_engines()

    result = asyncio.run(run())
    for bar in bars.values():
        bar.close()
    print(f"petstars: {result.petstars or {}}")
    print(f"campaigns: {result.campaigns or {}}")
    for failure in result.failed:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if result.failed else 0
