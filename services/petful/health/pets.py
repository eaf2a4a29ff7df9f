"""The health service's view of pets: whose pet is this, and which pets are mine.

Health data is the owner's alone (admins cannot read it): every call names a pet, and the
pet must belong to the caller. Pets answers as the caller (the client interceptor forwards
the Principal), so a pet the caller may not see is simply not found.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.platform.auth_context import USER_ROLES, Principal, require_role
from petful.platform.errors import NotFound
from petful.platform.grpc_client import call, call_or_none, channel
from petful.platform.validation import uuid_field


@dataclass(frozen=True)
class OwnPet:
    id: uuid.UUID
    owner_id: uuid.UUID
    name: str
    weight_kg: float | None


class PetsPort(Protocol):
    async def get_pet(self, pet_id: uuid.UUID) -> OwnPet | None:
        """The pet as the caller may see it, or None."""
        ...

    async def my_pets(self) -> list[OwnPet]:
        """The caller's own pets."""
        ...


def _own_pet(p: pets_pb2.Pet) -> OwnPet:
    return OwnPet(
        id=uuid.UUID(p.id),
        owner_id=uuid.UUID(p.owner_user_id),
        name=p.name,
        weight_kg=p.weight_kg if p.HasField("weight_kg") else None,
    )


class GrpcPets:
    """The `PetsPort` over the pets service (channels from the settings at call time)."""

    def _stub(self) -> pets_pb2_grpc.PetServiceStub:
        return pets_pb2_grpc.PetServiceStub(channel("pets"))

    async def get_pet(self, pet_id: uuid.UUID) -> OwnPet | None:
        found = await call_or_none(self._stub().GetPet(pets_pb2.GetPetRequest(pet_id=str(pet_id))))
        return _own_pet(found) if found is not None else None

    async def my_pets(self) -> list[OwnPet]:
        answer = await call(self._stub().ListMyPets(pets_pb2.ListMyPetsRequest()))
        return [_own_pet(p) for p in answer.pets]


def pet_not_found() -> NotFound:
    return NotFound("pet not found", field_violations=[("pet_id", "no such pet of yours")])


async def require_own_pet(pets: PetsPort, actor: Principal, pet_id: str) -> OwnPet:
    """The caller's pet `pet_id`; NotFound for anyone else's (its existence is not told)."""
    user_id = require_role(actor, *USER_ROLES, message="only signed-in users keep health records")
    pet = await pets.get_pet(uuid_field("pet_id", pet_id))
    if pet is None or pet.owner_id != user_id:
        raise pet_not_found()
    return pet
