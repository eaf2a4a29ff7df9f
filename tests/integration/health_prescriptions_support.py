"""What the prescription tests share: the health service (all its parts) beside
`identity_edge`, a pet of one's own, and the prescription routes called as its owner.

The read runs as the worker runs it: `read_all()` hands the `health.media.stored` events
to the read subscriber, which calls the real Tesseract. The services' clock stands at NOW
(a Thursday afternoon in Seoul) until a test moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from petful.contracts import media as media_events
from tests.integration.conftest import IdentityEdge, deliver, headers_for
from tests.integration.health_support import new_pet

Headers = dict[str, str]
OWNER = "rx-owner@example.com"
READ = "health.prescriptions.read"
URL = "/api/v1/prescriptions"


async def read_all() -> int:
    """Run the read subscriber on every stored photo, as a worker would (once each)."""
    return await deliver(media_events.stored("health").name, "health", READ)


@dataclass
class Desk:
    """The prescription routes for one pet, called as its owner unless told otherwise."""

    edge: IdentityEdge
    owner: Headers
    pet_id: str

    @property
    def client(self) -> httpx.AsyncClient:
        return self.edge.client

    async def upload(
        self,
        photo: bytes,
        *,
        by: Headers | None = None,
        pet_id: str | None = None,
        content_type: str = "image/jpeg",
    ) -> httpx.Response:
        return await self.client.post(
            URL,
            files={"file": ("prescription.jpg", photo, content_type)},
            params={"pet_id": pet_id or self.pet_id},
            headers=by or self.owner,
        )

    async def uploaded(self, photo: bytes) -> dict[str, Any]:
        r = await self.upload(photo)
        assert r.status_code == 201, r.text
        created: dict[str, Any] = r.json()
        return created

    async def get(self, prescription_id: str, by: Headers | None = None) -> httpx.Response:
        return await self.client.get(f"{URL}/{prescription_id}", headers=by or self.owner)

    async def got(self, prescription_id: str) -> dict[str, Any]:
        r = await self.get(prescription_id)
        assert r.status_code == 200, r.text
        found: dict[str, Any] = r.json()
        return found

    async def read(self, photo: bytes) -> dict[str, Any]:
        """Upload, let the worker read it, and return the draft."""
        created = await self.uploaded(photo)
        assert created["status"] == "READING"
        await read_all()
        return await self.got(created["id"])

    async def put_medications(
        self, prescription_id: str, medications: list[dict[str, Any]], by: Headers | None = None
    ) -> httpx.Response:
        return await self.client.put(
            f"{URL}/{prescription_id}/medications",
            json={"medications": medications},
            headers=by or self.owner,
        )

    async def confirm(
        self, prescription_id: str, by: Headers | None = None, **body: Any
    ) -> httpx.Response:
        return await self.client.post(
            f"{URL}/{prescription_id}/confirm", json=body, headers=by or self.owner
        )

    async def delete(self, prescription_id: str, by: Headers | None = None) -> httpx.Response:
        return await self.client.delete(f"{URL}/{prescription_id}", headers=by or self.owner)

    async def listed(self, by: Headers | None = None, **params: Any) -> list[dict[str, Any]]:
        r = await self.client.get(URL, params=params, headers=by or self.owner)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items


async def owners_desk(edge: IdentityEdge, email: str = OWNER, pet: str = "보리") -> Desk:
    owner = await headers_for(edge, email)
    return Desk(edge, owner, await new_pet(edge, owner, pet))


def editable(medications: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The draft's medications as the owner sends them back (without suggested times)."""
    return [{k: v for k, v in m.items() if k != "suggested_times"} for m in medications]
