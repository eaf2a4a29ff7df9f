"""What the schedule tests share: the health service's schedule servicer beside
`identity_edge`, a pet of one's own, and the schedule routes called as its owner.

The services' clock stands at NOW (a Thursday afternoon in Seoul) until a test moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from petful.health.base import SEOUL
from petful.health.schedules import tasks as schedules_tasks  # noqa: F401 - subscribers
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.health_support import TODAY, new_pet

Headers = dict[str, str]
OWNER = "owner@example.com"


def body(**fields: Any) -> dict[str, Any]:
    """A weekly walk on Mondays and Wednesdays at 08:00 and 20:00 from today, unless told."""
    base: dict[str, Any] = {
        "kind": "EXERCISE",
        "sub_type": "WALK",
        "title": "한강 산책",
        "times": ["08:00", "20:00"],
        "start_date": TODAY.isoformat(),
        "frequency": "WEEKLY",
        "weekdays": ["MO", "WE"],
    }
    base.update(fields)
    return base


@dataclass
class Plan:
    """The schedule routes of one pet, called as its owner unless told otherwise."""

    edge: IdentityEdge
    owner: Headers
    pet_id: str

    @property
    def client(self) -> httpx.AsyncClient:
        return self.edge.client

    def url(self, tail: str = "") -> str:
        return f"/api/v1/pets/{self.pet_id}/schedules{tail}"

    async def create(self, payload: dict[str, Any], by: Headers | None = None) -> httpx.Response:
        return await self.client.post(self.url(), json=payload, headers=by or self.owner)

    async def created(self, **fields: Any) -> dict[str, Any]:
        r = await self.create(body(**fields))
        assert r.status_code == 201, r.text
        schedule: dict[str, Any] = r.json()
        return schedule

    async def occurrences(
        self, start: str, end: str, by: Headers | None = None, **params: Any
    ) -> httpx.Response:
        return await self.client.get(
            self.url("/occurrences"),
            params={"from": start, "to": end, **params},
            headers=by or self.owner,
        )

    async def listed(self, start: str, end: str, **params: Any) -> list[dict[str, Any]]:
        r = await self.occurrences(start, end, **params)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items


async def owners_plan(edge: IdentityEdge, email: str = OWNER, pet: str = "보리") -> Plan:
    owner = await headers_for(edge, email)
    return Plan(edge, owner, await new_pet(edge, owner, pet))


def seoul(items: list[dict[str, Any]]) -> list[str]:
    """Occurrence starts as Seoul wall times, "2025-03-10 08:00"."""
    return [
        datetime.fromisoformat(o["starts_at"]).astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")
        for o in items
    ]
