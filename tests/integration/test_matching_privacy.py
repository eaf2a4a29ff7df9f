"""A withdrawn owner's pets leave matching at once: documents, track records and the record
of a suspension, and no recommendation returns them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

import petful.matching.tasks  # importing it registers the subscribers
import petful.pets.tasks  # and the pets subscribers, for the end-to-end test
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.matching import repository
from petful.matching.models import PetStarDoc, SuspendedOwner, TrackRecord
from petful.platform import events
from petful.platform.db import transaction
from petful.platform.outbox import Event
from petful.platform.settings import Settings
from tests.integration.conftest import PASSWORD, IdentityEdge, deliver, headers_for, subscription
from tests.integration.test_petstars import make_petstar

WITHDRAWN = identity_events.ACCOUNT_WITHDRAWN


def _withdrawn(owner_id: uuid.UUID) -> Event:
    payload = identity_events.AccountWithdrawn(user_id=owner_id, role="USER")
    return Event(
        uuid.uuid4(), WITHDRAWN.name, "identity", payload.model_dump(mode="json"), datetime.now(UTC)
    )


async def _seed(owner_id: uuid.UUID, status: str) -> uuid.UUID:
    """A PetStar document (no embedding needed here) with one finished campaign."""
    pet_id = uuid.uuid4()
    now = datetime.now(UTC)
    async with transaction() as session:
        values: dict[str, Any] = {
            "pet_id": pet_id,
            "owner_id": owner_id,
            "name": "보리",
            "species": "DOG",
            "petstar_status": status,
            "updated_at": now,
        }
        await repository.upsert_petstar(session, values, weighted_terms=None)
        await repository.record_outcome(
            session, applicant_id=uuid.uuid4(), pet_id=pet_id, outcome="COMPLETED", now=now
        )
    return pet_id


async def _count(model: Any, *where: Any) -> int:
    async with transaction() as session:
        stmt = sa.select(sa.func.count()).select_from(model).where(*where)
        return int((await session.execute(stmt)).scalar_one())


async def test_a_withdrawn_owner_is_forgotten(settings: Settings) -> None:
    leaver, stayer = uuid.uuid4(), uuid.uuid4()
    gone = [await _seed(leaver, "APPROVED"), await _seed(leaver, "REVOKED")]
    kept = await _seed(stayer, "APPROVED")
    async with transaction() as session:
        await repository.set_suspended(session, leaver, until=None, at=datetime.now(UTC))

    sub = subscription("matching.owner_withdrawn")
    event = _withdrawn(leaver)
    assert await events.consume(sub, event)
    assert await _count(PetStarDoc, PetStarDoc.owner_id == leaver) == 0
    assert await _count(TrackRecord, TrackRecord.pet_id.in_(gone)) == 0
    assert await _count(SuspendedOwner, SuspendedOwner.owner_id == leaver) == 0
    assert await _count(PetStarDoc, PetStarDoc.pet_id == kept) == 1
    assert await _count(TrackRecord, TrackRecord.pet_id == kept) == 1

    # Redelivered (deduped), or sent again, or for someone matching never saw: no-ops.
    assert not await events.consume(sub, event)
    assert await events.consume(sub, _withdrawn(leaver))
    assert await events.consume(sub, _withdrawn(uuid.uuid4()))
    assert await _count(PetStarDoc) == 1


async def test_a_deleted_pet_takes_its_track_record_along(settings: Settings) -> None:
    # The pets service's delete event may come before or after the withdrawal: either way
    # nothing of the pet is left.
    owner = uuid.uuid4()
    pet_id = await _seed(owner, "APPROVED")
    payload = pets_events.PetChanged(pet_id=pet_id, owner_id=owner, name="보리", species="DOG")
    deleted = Event(
        uuid.uuid4(),
        pets_events.PET_DELETED.name,
        "pets",
        payload.model_dump(mode="json"),
        datetime.now(UTC),
    )
    assert await events.consume(subscription("matching.forget_pet"), deleted)
    assert await _count(TrackRecord, TrackRecord.pet_id == pet_id) == 0
    assert await events.consume(subscription("matching.owner_withdrawn"), _withdrawn(owner))


async def test_no_recommendation_returns_a_withdrawn_owners_pet(
    identity_edge: IdentityEdge,
) -> None:
    edge, c = identity_edge, identity_edge.client
    leaver = await headers_for(edge, "leaver@example.com")
    stayer = await headers_for(edge, "stayer@example.com")
    bori = await make_petstar(edge, leaver, "bori_maltese")
    dubu = await make_petstar(edge, stayer, "dubu_corgi", name="두부", breed="웰시 코기")
    result = await petful.matching.tasks.reindex(edge.settings)
    assert result.petstars == {"embedded": 2}, result
    r = await c.get(f"/api/v1/petstars/{dubu['id']}/similar")
    assert [i["petstar"]["pet_id"] for i in r.json()["items"]] == [bori["id"]]

    body = {"password": PASSWORD, "reason": "moving abroad"}
    r = await c.request("DELETE", "/api/v1/me", json=body, headers=leaver)
    assert r.status_code == 204, r.text
    # Matching drops the pet on identity's event alone, before pets has removed it.
    assert await deliver(WITHDRAWN.name, "identity", "matching.owner_withdrawn") == 1
    r = await c.get(f"/api/v1/petstars/{dubu['id']}/similar")
    assert r.json()["items"] == []
    assert (await c.get(f"/api/v1/petstars/{bori['id']}/similar")).status_code == 404

    # Then pets removes it; its delete event finds nothing left, and a backfill adds nothing.
    assert await deliver(WITHDRAWN.name, "identity", "pets.owner_withdrawn") == 1
    assert await deliver(pets_events.PET_DELETED.name, "pets", "matching.forget_pet") == 1
    result = await petful.matching.tasks.reindex(edge.settings)
    assert result.petstars == {"unchanged": 1}, result
    r = await c.get(f"/api/v1/petstars/{dubu['id']}/similar")
    assert r.json()["items"] == []
