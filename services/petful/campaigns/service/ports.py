"""What campaigns needs from other services. The servicer and tasks pass gRPC adapters
(`peers.py`: `GrpcAdvertisers`, `GrpcPets`, `GrpcPosts`), tests may pass their own, so the
service holds no transport code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from petful.campaigns.rules.checklist import PostFacts


@dataclass(frozen=True)
class AdvertiserApproval:
    approved: bool
    company_name: str


@dataclass(frozen=True)
class PetInfo:
    id: str
    owner_user_id: str
    name: str
    species: str  # rules.Species value
    petstar_approved: bool
    # The pet's linked Instagram account in the sns service ("" when none).
    instagram_account_id: str = ""
    instagram_username: str = ""


class AdvertiserPort(Protocol):
    async def approval(self, user_id: str) -> AdvertiserApproval: ...


class PetPort(Protocol):
    async def get_pet(self, pet_id: str) -> PetInfo | None:
        """The pet as the caller may see it, None when unknown or hidden."""
        ...


class PostPort(Protocol):
    async def find_post(self, account_id: str, url: str) -> PostFacts | None:
        """The post as the sns service last synced it; None when it has not seen it."""
        ...
