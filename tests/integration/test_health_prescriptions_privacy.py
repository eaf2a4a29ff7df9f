"""Prescriptions when a pet or its owner leaves: a deleted pet's prescriptions and photos
go; an erased account's go, every one of them. Nobody else's are touched.

Real identity, pets and health (`identity_edge` plus the health service); the events go
from pets' and identity's outboxes to health's subscribers as a worker hands them.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa

from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.health.prescriptions.models import Prescription
from petful.platform import media
from petful.platform.db import transaction
from tests import prescription_support as samples
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    erase_after_retention,
    withdraw_via_edge,
)
from tests.integration.health_prescriptions_support import Desk, owners_desk
from tests.integration.health_support import health_running, new_pet

FORGET_PET = "health.prescriptions.forget_pet"
FORGET_OWNER = "health.prescriptions.forget_owner"


@pytest.fixture
async def edge(
    identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[IdentityEdge]:
    async with health_running(identity_edge, monkeypatch) as running:
        yield running


async def prescriptions_of(owner_id: str) -> list[Prescription]:
    async with transaction() as session:
        rows = await session.scalars(
            sa.select(Prescription).where(Prescription.owner_id == uuid.UUID(owner_id))
        )
        return list(rows)


async def live_photos(owner_id: str) -> list[str]:
    t = media.media_table("health")
    async with transaction() as session:
        keys = await session.scalars(
            sa.select(t.c.key).where(
                t.c.owner_id == uuid.UUID(owner_id), t.c.status != media.Status.DELETED.value
            )
        )
        return list(keys)


async def upload(desk: Desk, pet_id: str | None = None) -> str:
    r = await desk.upload(samples.blank_photo(), pet_id=pet_id)
    assert r.status_code == 201, r.text
    prescription_id: str = r.json()["id"]
    return prescription_id


async def test_a_deleted_pets_prescriptions_and_photos_go(edge: IdentityEdge) -> None:
    desk = await owners_desk(edge, "leaver@example.com")
    other_pet = await new_pet(edge, desk.owner, "콩이")
    gone = [await upload(desk), await upload(desk)]
    kept = await upload(desk, pet_id=other_pet)
    owner_id = edge.users["leaver@example.com"]
    keys = await live_photos(owner_id)
    assert len(keys) == 3

    r = await edge.client.delete(f"/api/v1/pets/{desk.pet_id}", headers=desk.owner)
    assert r.status_code == 204, r.text
    # At once out of reach: the pet is no longer the caller's.
    assert (await desk.get(gone[0])).status_code == 404

    assert await deliver(pets_events.PET_DELETED.name, "pets", FORGET_PET) == 1
    assert [str(p.id) for p in await prescriptions_of(owner_id)] == [kept]
    left = await live_photos(owner_id)
    assert len(left) == 1
    storage = media.get_storage(edge.settings)
    for key in set(keys) - set(left):
        assert not await storage.exists(key)
    assert await storage.exists(left[0])
    # Delivered again: nothing more to do.
    assert await deliver(pets_events.PET_DELETED.name, "pets", FORGET_PET) == 0


async def test_an_erased_account_takes_every_prescription_and_photo(edge: IdentityEdge) -> None:
    leaver = await owners_desk(edge, "leaver@example.com")
    stayer = await owners_desk(edge, "stayer@example.com")
    await upload(leaver)
    await upload(leaver, pet_id=await new_pet(edge, leaver.owner, "콩이"))
    theirs = await upload(stayer)
    leaver_id, stayer_id = edge.users["leaver@example.com"], edge.users["stayer@example.com"]
    keys = await live_photos(leaver_id)

    await withdraw_via_edge(edge, leaver.owner)
    await erase_after_retention(edge.settings)
    assert await deliver(identity_events.ACCOUNT_ERASED.name, "identity", FORGET_OWNER) == 1

    assert await prescriptions_of(leaver_id) == []
    assert await live_photos(leaver_id) == []
    storage = media.get_storage(edge.settings)
    for key in keys:
        assert not await storage.exists(key)
    assert [str(p.id) for p in await prescriptions_of(stayer_id)] == [theirs]
    assert len(await live_photos(stayer_id)) == 1
