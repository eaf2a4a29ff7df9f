"""Who may see or change a pet, and the small checks every part of the service shares."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository, rules
from petful.pets.models import Pet
from petful.pets.rules import PetStarStatus
from petful.platform.auth_context import Principal, Role, caller_id, is_admin
from petful.platform.errors import InvalidArgument, NotFound
from petful.platform.validation import RuleError, uuid_field

Clock = Callable[[], datetime]
MAX_BATCH = 100

E = TypeVar("E", bound=StrEnum)


def utc_now() -> datetime:
    return datetime.now(UTC)


def is_service(actor: Principal) -> bool:
    return actor.is_authenticated and actor.has_role(Role.SERVICE)


def can_read_any(actor: Principal) -> bool:
    return is_admin(actor) or is_service(actor)


def pet_not_found() -> NotFound:
    return NotFound("no such pet")


def is_petstar(pet: Pet) -> bool:
    return pet.petstar_enum is PetStarStatus.APPROVED


def is_public(pet: Pet, *, now: datetime) -> bool:
    """An approved PetStar is public, unless its owner is suspended."""
    return is_petstar(pet) and not rules.owner_suspended(
        pet.owner_suspended_at, pet.owner_suspended_until, now=now
    )


def may_see(actor: Principal | None, pet: Pet, *, now: datetime) -> bool:
    if is_public(pet, now=now):
        return True
    if actor is None or not actor.is_authenticated:
        return False
    if can_read_any(actor):
        return True
    try:
        return pet.owner_id == uuid.UUID(actor.user_id or "")
    except ValueError:
        return False


async def owned_pet(
    session: AsyncSession, actor: Principal, raw_id: str, *, for_update: bool = True
) -> Pet:
    """A pet the caller may change: their own, or any for an admin."""
    pet_id = uuid_field("pet_id", raw_id)
    caller = caller_id(actor) if not is_service(actor) else None
    pet = await repository.get_pet(session, pet_id, for_update=for_update)
    if pet is None or not (is_admin(actor) or pet.owner_id == caller):
        raise pet_not_found()
    return pet


def check_enum(enum: type[E], raw: str) -> E:
    """A required enum field given by its name."""
    value = optional_enum(enum, raw)
    if value is None:
        raise RuleError("is required")
    return value


def optional_enum(enum: type[E], raw: str) -> E | None:
    """An enum field given by its name; empty means not given."""
    if not raw:
        return None
    try:
        return enum(raw)
    except ValueError:
        raise RuleError("must be one of " + ", ".join(m.value for m in enum)) from None


def batch_ids(raw_ids: Sequence[str]) -> list[uuid.UUID]:
    """The ids of a batch request, at most MAX_BATCH of them."""
    if len(raw_ids) > MAX_BATCH:
        raise InvalidArgument(
            "too many ids", field_violations=[("pet_ids", f"must be at most {MAX_BATCH}")]
        )
    return [uuid_field("pet_ids", raw) for raw in raw_ids]
