"""The posts part's view of pets: which pets the author may tag (their own).

Pets answers as the caller (the client interceptor forwards the Principal), so the caller's
own pets are one call, however many a post tags.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.platform.grpc_client import call, channel


@dataclass(frozen=True, slots=True)
class OwnPet:
    id: uuid.UUID
    name: str


class PetsPort(Protocol):
    async def my_pets(self) -> list[OwnPet]:
        """The caller's own pets."""
        ...


class GrpcPets:
    """The `PetsPort` over the pets service (channels from the settings at call time)."""

    async def my_pets(self) -> list[OwnPet]:
        stub = pets_pb2_grpc.PetServiceStub(channel("pets"))
        answer = await call(stub.ListMyPets(pets_pb2.ListMyPetsRequest()))
        return [OwnPet(id=uuid.UUID(p.id), name=p.name) for p in answer.pets]
