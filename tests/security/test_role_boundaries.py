"""Each role reaches only what is its own: pets belong to pet owner accounts."""

from __future__ import annotations

import uuid

import pytest

from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.errors import PermissionDenied
from petful.platform.grpc_client import call, channel
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.test_pets import PET


@pytest.mark.parametrize("role", [Role.ADVERTISER, Role.ADMIN])
async def test_only_owner_accounts_register_pets(identity_edge: IdentityEdge, role: Role) -> None:
    headers = await headers_for(identity_edge, f"{role.lower()}@example.com", role)
    r = await identity_edge.client.post("/api/v1/pets", json=PET, headers=headers)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert (await identity_edge.client.get("/api/v1/pets", headers=headers)).json()["items"] == []


async def test_the_pets_service_checks_the_role_itself(identity_edge: IdentityEdge) -> None:
    advertiser = Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.ADVERTISER}))
    stub = pets_pb2_grpc.PetServiceStub(channel("pets"))
    request = pets_pb2.CreatePetRequest(pet=pets_pb2.PetFields(name="보리"))
    with use_principal(advertiser), pytest.raises(PermissionDenied):
        await call(stub.CreatePet(request))
