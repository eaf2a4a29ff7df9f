"""What the pets service needs from other services. The gRPC adapters live in `peers.py`,
so the logic stays testable with plain fakes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from petful.pets import rules


@dataclass(frozen=True)
class SnsAccount:
    id: uuid.UUID
    owner_user_id: str
    username: str
    linked: bool


@dataclass(frozen=True)
class SnsMetrics:
    followers: int
    engagement_rate: float
    posts: Sequence[rules.Post]
    posts_in_window: int
    source: str


class SnsPort(Protocol):
    async def get_account(self, account_id: uuid.UUID) -> SnsAccount | None:
        """The account as the current caller may see it; None when unknown or hidden."""

    async def get_metrics(self, account_id: uuid.UUID, window_days: int) -> SnsMetrics:
        """The account's figures and recent posts (what PetStar verification checks)."""


class CampaignsPort(Protocol):
    async def active_work(self, pet_id: uuid.UUID) -> list[str]:
        """Titles of campaigns in which the pet has unfinished work."""
