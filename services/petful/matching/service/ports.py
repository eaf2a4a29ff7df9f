"""What the matching service needs from outside: the other services and the time.

The other services are reached through these ports (gRPC adapters `GrpcXxx` in peers.py;
in-memory fakes in tests), so the service logic never sees protobuf or a channel.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from petful.matching.rules.documents import CampaignProfile, Caption, PetProfile

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class PetsPort(Protocol):
    async def petstar_profile(self, pet_id: uuid.UUID) -> PetProfile | None:
        """The pet with its portfolio and history titles (no captions); None if gone."""

    async def approved_pet_ids(self) -> list[uuid.UUID]:
        """Every approved PetStar (the public directory)."""


class CampaignsPort(Protocol):
    async def campaign(self, campaign_id: uuid.UUID) -> CampaignProfile | None:
        """The campaign as the current caller may see it; None if not found."""

    async def applied_pet_ids(self, campaign_id: uuid.UUID) -> set[uuid.UUID]:
        """Pets with a live application (any status but CANCELLED), as the advertiser."""

    async def my_applied_campaign_ids(self) -> set[uuid.UUID]:
        """Campaigns the calling owner's pets applied to."""

    async def recruiting_campaign_ids(self) -> list[uuid.UUID]: ...


class SnsPort(Protocol):
    async def captions(self, account_id: uuid.UUID) -> list[Caption]:
        """Recent captions, newest first; [] when the account is unknown."""
