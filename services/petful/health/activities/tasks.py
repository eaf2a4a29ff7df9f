"""Activity log subscribers: a deleted pet's log goes, and so does every record of an owner
whose account is erased (health data is personal: nothing of it outlives its owner).

Both are naturally idempotent: a second delivery finds nothing left to remove.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.health.activities import service
from petful.health.base import SCHEMA
from petful.platform import events


@events.subscriber(pets_events.PET_DELETED, schema=SCHEMA, name="health.activities.forget_pet")
async def forget_pet(session: AsyncSession, event: Received[pets_events.PetChanged]) -> None:
    await service.forget_pet(session, pet_id=event.payload.pet_id)


@events.subscriber(
    identity_events.ACCOUNT_ERASED, schema=SCHEMA, name="health.activities.forget_owner"
)
async def forget_owner(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    await service.forget_owner(session, owner_id=event.payload.user_id)
