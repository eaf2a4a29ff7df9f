"""What an owner's account events do to their pets: leaving removes them, a suspension hides
them from everyone else until the owner is reinstated (docs/security.md, "Leaving").

Each handler is naturally idempotent: an owner with no pets (or none left) is a no-op.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository
from petful.pets.rules import AppEvent
from petful.pets.service.pets import remove_pet
from petful.pets.service.petstar import move


async def owner_withdrawn(session: AsyncSession, *, owner_id: uuid.UUID, now: datetime) -> int:
    """The owner left: each pet goes as if they deleted it (pictures discarded, the delete
    event sent, so matching drops it); an application still open is withdrawn first, with
    its event, so the review queue and its readers see it closed. Nothing is kept: campaigns
    holds its own copy of what a participation record needs (pet id and name).

    Unlike a delete by the owner, unfinished campaign work does not stop it: the person is
    gone either way, and campaigns ends their participation on the same event.
    Returns the number of pets removed.
    """
    # Applications before pets: the order verification locks them in.
    open_apps = await repository.open_applications_of_owner(session, owner_id)
    owned = await repository.pets_of_owner(session, owner_id, for_update=True)
    pets = {pet.id: pet for pet in owned}
    for app in open_apps:
        await move(session, app, AppEvent.WITHDRAW, now=now, pet=pets.get(app.pet_id))
    for pet in pets.values():
        await remove_pet(session, pet, now=now)
    return len(pets)


async def owner_suspended(
    session: AsyncSession, *, owner_id: uuid.UUID, at: datetime, until: datetime | None
) -> int:
    """Hide the owner's pets from the directory and their public pages (the owner, admins
    and services still read them). Returns the number of pets hidden."""
    return await repository.set_owner_suspended(session, owner_id, at=at, until=until)


async def owner_reinstated(session: AsyncSession, *, owner_id: uuid.UUID, at: datetime) -> int:
    """Show the owner's pets again. A suspension recorded after at (events delivered out of
    order) stays. Returns the number of pets shown again."""
    return await repository.clear_owner_suspended(session, owner_id, at=at)
