"""The community service loads the Korean analyser before it serves: its first post or
search must not wait about 4 s for the model (it once ran past the edge's deadline)."""

from __future__ import annotations

import grpc
import pytest

from petful.community import grpc_api
from petful.platform import korean


async def test_registering_the_service_loads_the_analyser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(korean, "_kiwi", None)
    server = grpc.aio.server()
    grpc_api.register(server)
    assert korean._kiwi is not None
    await server.stop(None)
