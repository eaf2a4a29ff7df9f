"""What the activity log tests share: the health service beside `identity_edge`, a pet's
log routes (`Log`) and a day's body. Each test module makes its fixture from them:

    @pytest.fixture
    async def log(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> ...:
        async with health_running(identity_edge, monkeypatch):
            yield await owners_log(identity_edge)

The services' clock stands at a fixed Seoul afternoon (NOW), so "today" is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from petful.health.activities import tasks as activities_tasks  # noqa: F401 - subscribers
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.health_support import new_pet

Headers = dict[str, str]


def day_body(day: date, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "date": day.isoformat(),
        "walk_km": 3.0,
        "activity_level": "MEDIUM_LOW",
        "weight_kg": 3.4,
        "sleep_hours": 13,
        "poop_count": 2,
        "pee_count": 4,
        "memo": "한강 산책",
        "meals": [
            {
                "meal_type": "BREAKFAST",
                "food": "사료",
                "package_g": 100,
                "package_kcal": 360,
                "consumed_g": 45,
            },
            {"meal_type": "SNACK", "package_g": 50, "package_kcal": 180, "consumed_g": 10},
        ],
    }
    body.update(fields)
    return body


@dataclass
class Log:
    """The log routes of one pet, called as its owner unless told otherwise."""

    edge: IdentityEdge
    owner: Headers
    pet_id: str

    @property
    def client(self) -> httpx.AsyncClient:
        return self.edge.client

    def url(self, tail: str = "") -> str:
        return f"/api/v1/pets/{self.pet_id}/activities{tail}"

    async def create(self, body: dict[str, Any], by: Headers | None = None) -> httpx.Response:
        return await self.client.post(self.url(), json=body, headers=by or self.owner)

    async def created(self, day: date, **fields: Any) -> dict[str, Any]:
        r = await self.create(day_body(day, **fields))
        assert r.status_code == 201, r.text
        record: dict[str, Any] = r.json()
        return record

    async def get(self, day: date, by: Headers | None = None) -> httpx.Response:
        return await self.client.get(self.url(f"/{day.isoformat()}"), headers=by or self.owner)

    async def patch(self, day: date, body: dict[str, Any]) -> httpx.Response:
        return await self.client.patch(
            self.url(f"/{day.isoformat()}"), json=body, headers=self.owner
        )

    async def report(
        self, start: str = "", end: str = "", by: Headers | None = None
    ) -> httpx.Response:
        params = {k: v for k, v in (("from", start), ("to", end)) if v}
        return await self.client.get(
            f"/api/v1/pets/{self.pet_id}/health-report", params=params, headers=by or self.owner
        )


async def owners_log(edge: IdentityEdge, email: str = "bori@example.com") -> Log:
    """A new pet of email's account, and its log."""
    owner = await headers_for(edge, email)
    return Log(edge, owner, await new_pet(edge, owner))
