"""What the health service's tests share: the services' clock at a known Seoul afternoon,
and a new pet of an owner. The health service itself runs beside the others in
`identity_edge` (EDGE_SERVICES), reading the same clock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime

import pytest

from petful.health.prescriptions import tasks as prescription_tasks
from petful.health.schedules import tasks as schedule_tasks
from tests.integration.conftest import IdentityEdge

Headers = dict[str, str]
# 15:00 in Seoul on 2025-03-06 (06:00 UTC): "today" for every health test.
NOW = datetime(2025, 3, 6, 6, 0, tzinfo=UTC)
TODAY = date(2025, 3, 6)


@asynccontextmanager
async def health_running(
    edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[IdentityEdge]:
    """identity_edge with its clock at NOW: health's servicers read it, and so do the
    worker's subscribers and jobs run in the test."""
    edge.clock.now = NOW
    monkeypatch.setattr(prescription_tasks, "clock", edge.clock)
    monkeypatch.setattr(schedule_tasks, "clock", edge.clock)
    yield edge


async def new_pet(edge: IdentityEdge, owner: Headers, name: str = "보리") -> str:
    r = await edge.client.post(
        "/api/v1/pets", json={"name": name, "species": "DOG", "weight_kg": 3.0}, headers=owner
    )
    assert r.status_code == 201, r.text
    pet_id: str = r.json()["id"]
    return pet_id
