"""The pet's current weight from the health log (`health.weight.recorded`).

Health owns the daily log; pets keeps only the newest measurement as the pet's weight (an
event, not a second source of truth). Events may be delivered out of order, so a
measurement older than the one the pet has, by its day and then by when it was written, is
ignored; so is one naming another owner (the event is health's word, checked anyway).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository


async def record_weight(
    session: AsyncSession,
    *,
    pet_id: uuid.UUID,
    owner_id: uuid.UUID,
    weight_kg: float,
    measured_on: date,
    recorded_at: datetime,
) -> bool:
    """Set the pet's weight from a measurement; False when it was ignored."""
    pet = await repository.get_pet(session, pet_id, for_update=True)
    if pet is None or pet.owner_id != owner_id:
        return False  # deleted meanwhile, or not this owner's pet
    known = (pet.weight_measured_on, pet.weight_recorded_at)
    if known[0] is not None and known[1] is not None and (measured_on, recorded_at) < known:
        return False
    pet.weight_kg = Decimal(str(round(weight_kg, 1)))
    pet.weight_measured_on = measured_on
    pet.weight_recorded_at = recorded_at
    await repository.flush(session)
    return True
