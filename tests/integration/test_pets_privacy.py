"""What the owner's account events do to their pets, on the real services: leaving removes
every pet as a delete would, a suspension hides them from everyone else until reinstated."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

import petful.pets.tasks  # noqa: F401  (importing it registers the subscribers)
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.contracts.media import deleted as media_deleted
from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.platform import events, media
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.db import transaction
from petful.platform.grpc_client import channel
from petful.platform.outbox import Event
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    outbox_payloads,
    subscription,
    withdraw_via_edge,
)
from tests.integration.test_pets import create_pet, png, stored_files
from tests.integration.test_petstars import apply, as_admin, make_petstar, ready_pet

WITHDRAWN = identity_events.ACCOUNT_WITHDRAWN.name
SUSPENDED = identity_events.ACCOUNT_SUSPENDED.name
REINSTATED = identity_events.ACCOUNT_REINSTATED.name


def _stub() -> pets_pb2_grpc.PetServiceStub:
    return pets_pb2_grpc.PetServiceStub(channel("pets"))


async def _upload(edge: IdentityEdge, owner: dict[str, str], url: str, colour: str) -> None:
    r = await edge.client.request(
        "PUT" if url.endswith("/image") else "POST",
        url,
        files={"file": (f"{colour}.png", png(colour=colour), "image/png")},
        headers=owner,
    )
    assert r.is_success, r.text


async def _media_statuses() -> list[str]:
    table = media.media_table("pets")
    async with transaction() as session:
        return list((await session.execute(sa.select(table.c.status))).scalars())


async def _listed(edge: IdentityEdge) -> list[str]:
    r = await edge.client.get("/api/v1/petstars")
    assert r.status_code == 200, r.text
    return [item["pet"]["id"] for item in r.json()["items"]]


async def _cards(pet_id: str) -> list[str]:
    """The directory cards campaigns shows beside its applicants, asked for anonymously."""
    r = await _stub().BatchGetPetStarCards(pets_pb2.BatchGetPetsRequest(pet_ids=[pet_id]))
    return [card.pet.id for card in r.items]


async def _public_statuses(edge: IdentityEdge, pet_id: str, other: dict[str, str]) -> set[int]:
    """The public PetStar page, its portfolio, and the pet as another user asks for it."""
    c = edge.client
    return {
        (await c.get(f"/api/v1/petstars/{pet_id}")).status_code,
        (await c.get(f"/api/v1/petstars/{pet_id}/portfolio")).status_code,
        (await c.get(f"/api/v1/pets/{pet_id}", headers=other)).status_code,
    }


def _event(topic: str, payload: Any, occurred_at: datetime) -> Event:
    return Event(uuid.uuid4(), topic, "identity", payload.model_dump(mode="json"), occurred_at)


# --- leaving ---------------------------------------------------------------------------------


async def test_withdrawal_removes_every_pet_as_a_delete_would(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    owner_id = edge.users["owner@example.com"]
    # A PetStar with a picture and a history picture, and a pet with an open application.
    bori = await make_petstar(edge, owner, "bori_maltese")
    await _upload(edge, owner, f"/api/v1/pets/{bori['id']}/image", "orange")
    r = await edge.client.post(
        f"/api/v1/pets/{bori['id']}/history",
        json={"title": "체험단", "start_date": "2025-03-01", "end_date": "2025-03-10"},
        headers=owner,
    )
    assert r.status_code == 201, r.text
    await _upload(edge, owner, f"/api/v1/pets/{bori['id']}/history/{r.json()['id']}/images", "red")
    kongi = await ready_pet(edge, owner, "kongi_cat", name="콩이", species="CAT")
    await _upload(edge, owner, f"/api/v1/pets/{kongi['id']}/image", "blue")
    r = await apply(edge, owner, kongi["id"])
    assert r.status_code == 201, r.text
    open_app = r.json()["id"]
    # Someone else's pet is not touched.
    neighbour = await headers_for(edge, "neighbour@example.com")
    dubu = await create_pet(edge, neighbour, name="두부")
    assert await _listed(edge) == [bori["id"]]
    assert len(stored_files(edge)) == 3

    await withdraw_via_edge(edge, owner, "moving abroad")
    assert await deliver(WITHDRAWN, "identity", "pets.owner_withdrawn") == 1

    admin = await as_admin(edge)
    for pet in (bori, kongi):
        assert (
            await edge.client.get(f"/api/v1/pets/{pet['id']}", headers=admin)
        ).status_code == 404
        assert await _public_statuses(edge, pet["id"], neighbour) == {404}
    assert await _listed(edge) == []
    assert await _cards(bori["id"]) == []
    r = await edge.client.get("/api/v1/admin/petstar-applications", headers=admin)
    assert r.json()["items"] == []
    r = await edge.client.get(f"/api/v1/pets/{dubu['id']}", headers=neighbour)
    assert r.status_code == 200
    # Every picture is gone, rows and files.
    assert await _media_statuses() == ["DELETED"] * 3
    assert stored_files(edge) == []

    # The events an ordinary delete and an owner's withdrawal of the application send.
    deleted = await outbox_payloads(pets_events.PET_DELETED.name, "pets")
    assert {(p["pet_id"], p["owner_id"]) for p in deleted} == {
        (bori["id"], owner_id),
        (kongi["id"], owner_id),
    }
    (withdrawn,) = await outbox_payloads(pets_events.PETSTAR_WITHDRAWN.name, "pets")
    assert (withdrawn["application_id"], withdrawn["state"]) == (open_app, "WITHDRAWN")
    assert len(await outbox_payloads(media_deleted("pets").name, "pets")) == 3

    # Redelivered, or sent again under another id: nothing more happens.
    assert await deliver(WITHDRAWN, "identity", "pets.owner_withdrawn") == 0
    again = _event(
        WITHDRAWN,
        identity_events.AccountWithdrawn(user_id=uuid.UUID(owner_id), role="USER"),
        datetime.now(UTC),
    )
    assert await events.consume(subscription("pets.owner_withdrawn"), again)
    assert len(await outbox_payloads(pets_events.PET_DELETED.name, "pets")) == 2
    assert len(await outbox_payloads(pets_events.PETSTAR_WITHDRAWN.name, "pets")) == 1


async def test_withdrawal_of_someone_without_pets_changes_nothing(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    advertiser = await headers_for(edge, "shop@example.com", Role.ADVERTISER)
    await withdraw_via_edge(edge, advertiser, "closing the shop")
    assert await deliver(WITHDRAWN, "identity", "pets.owner_withdrawn") == 1
    assert await outbox_payloads(pets_events.PET_DELETED.name, "pets") == []


# --- suspension ------------------------------------------------------------------------------


async def test_a_suspension_hides_the_pets_until_reinstated(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    owner_id = edge.users["owner@example.com"]
    bori = await make_petstar(edge, owner, "bori_maltese")
    stranger = await headers_for(edge, "stranger@example.com")
    admin = await as_admin(edge)
    suspension = f"/api/v1/admin/users/{owner_id}/suspension"
    assert await _public_statuses(edge, bori["id"], stranger) == {200}

    r = await edge.client.post(suspension, json={"reason": "허위 협찬 게시물"}, headers=admin)
    assert r.status_code == 200, r.text
    assert await deliver(SUSPENDED, "identity", "pets.owner_suspended") == 1
    assert await _listed(edge) == []
    assert await _cards(bori["id"]) == []
    assert await _public_statuses(edge, bori["id"], stranger) == {404}
    # The owner (who cannot sign in meanwhile) and admins still read it.
    as_owner = Principal(user_id=owner_id, roles=frozenset({Role.USER}))
    with use_principal(as_owner):
        pet = await _stub().GetPet(pets_pb2.GetPetRequest(pet_id=bori["id"]))
    assert pet.id == bori["id"]
    assert (await edge.client.get(f"/api/v1/pets/{bori['id']}", headers=admin)).status_code == 200

    # A reinstatement from before the suspension (delivered late) does not lift it.
    stale = _event(
        REINSTATED,
        identity_events.AccountReinstated(
            user_id=uuid.UUID(owner_id), reason="an earlier appeal", actor_id=uuid.uuid4()
        ),
        datetime.now(UTC) - timedelta(hours=1),
    )
    assert await events.consume(subscription("pets.owner_reinstated"), stale)
    assert await _listed(edge) == []

    r = await edge.client.request(
        "DELETE", suspension, json={"reason": "소명 확인 완료"}, headers=admin
    )
    assert r.status_code == 200, r.text
    assert await deliver(REINSTATED, "identity", "pets.owner_reinstated") == 1
    assert await _listed(edge) == [bori["id"]]
    assert await _cards(bori["id"]) == [bori["id"]]
    assert await _public_statuses(edge, bori["id"], stranger) == {200}
    # Redelivered, neither event changes anything.
    assert await deliver(SUSPENDED, "identity", "pets.owner_suspended") == 0
    assert await deliver(REINSTATED, "identity", "pets.owner_reinstated") == 0
    assert await _listed(edge) == [bori["id"]]


async def test_a_suspension_with_an_end_lapses_without_an_event(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    owner = await headers_for(edge, "owner@example.com")
    owner_id = edge.users["owner@example.com"]
    bori = await make_petstar(edge, owner, "bori_maltese")
    until = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)
    r = await edge.client.post(
        f"/api/v1/admin/users/{owner_id}/suspension",
        json={"reason": "cool off for a week", "until": until.isoformat()},
        headers=await as_admin(edge),
    )
    assert r.status_code == 200, r.text
    assert await deliver(SUSPENDED, "identity", "pets.owner_suspended") == 1
    assert await _listed(edge) == []
    edge.clock.now = until - timedelta(seconds=1)
    assert await _listed(edge) == []
    edge.clock.now = until
    # Identity counts the suspension as over at its end (the next sign-in lifts it).
    assert await _listed(edge) == [bori["id"]]
    assert (await edge.client.get(f"/api/v1/petstars/{bori['id']}")).status_code == 200
