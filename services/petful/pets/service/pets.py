"""The pet cards: create, read, edit and delete them, their picture and breed suggestions."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import pets as contracts
from petful.pets import breeds, repository, rules
from petful.pets.models import SCHEMA, Pet
from petful.pets.rules import PetStarStatus, Sex, Species
from petful.pets.service.access import (
    batch_ids,
    check_enum,
    is_petstar,
    may_see,
    optional_enum,
    owned_pet,
    pet_not_found,
)
from petful.pets.service.ports import CampaignsPort
from petful.pets.service.views import PetView, pet_view, pet_views
from petful.platform import media, outbox
from petful.platform.auth_context import Principal, Role, caller_id, require_role
from petful.platform.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from petful.platform.settings import Settings
from petful.platform.validation import RuleError, Violations, check_text, uuid_field

PET_IMAGE = "pet.image"


@dataclass(frozen=True)
class PetInput:
    name: str = ""
    species: str = ""
    breed: str = ""
    sex: str = ""
    neutered: bool = False
    birth_date: str = ""
    approx_age_months: int | None = None
    weight_kg: float | None = None
    personality_tags: Sequence[str] = ()
    intro: str = ""


PET_FIELDS = frozenset(
    {
        "name",
        "species",
        "breed",
        "sex",
        "neutered",
        "birth_date",
        "approx_age_months",
        "weight_kg",
        "personality_tags",
        "intro",
    }
)


def pet_fields(pet: Pet) -> dict[str, Any]:
    """What every pet event says about the pet (notifications show the name)."""
    return {"pet_id": pet.id, "owner_id": pet.owner_id, "name": pet.name, "species": pet.species}


def _validated(data: PetInput, fields: frozenset[str], *, today: date) -> dict[str, Any]:
    """Normalised values of the named fields; one InvalidArgument lists every problem."""
    v = Violations()
    out: dict[str, Any] = {}
    checks: dict[str, Callable[[], Any]] = {
        "name": lambda: rules.check_name(data.name),
        "species": lambda: check_enum(Species, data.species).value,
        "breed": lambda: rules.check_breed(data.breed),
        "sex": lambda: (optional_enum(Sex, data.sex) or Sex.UNKNOWN).value,
        "neutered": lambda: bool(data.neutered),
        "birth_date": lambda: rules.check_birth_date(data.birth_date, today=today),
        "approx_age_months": lambda: rules.check_age_months(data.approx_age_months),
        "weight_kg": lambda: rules.check_weight(data.weight_kg),
        "personality_tags": lambda: rules.check_tags(data.personality_tags),
        "intro": lambda: check_text(data.intro, max_len=rules.INTRO_MAX),
    }
    for name in sorted(fields):
        try:
            out[name] = checks[name]()
        except RuleError as e:
            v.add(name, e.reason)
    if out.get("birth_date") is not None and out.get("approx_age_months") is not None:
        v.add("approx_age_months", "give either a birth date or an approximate age, not both")
    v.raise_if_any("the pet has invalid fields")
    return out


def _apply_fields(pet: Pet, values: dict[str, Any], *, now: datetime) -> None:
    for name, value in values.items():
        if name == "weight_kg":
            pet.weight_kg = Decimal(str(value)) if value is not None else None
            # Typed today: a health log entry for an earlier day must not overwrite it.
            pet.weight_measured_on = now.astimezone(rules.SEOUL).date()
            pet.weight_recorded_at = now
        else:
            setattr(pet, name, value)
    if "name" in values:
        pet.name_key = rules.name_key(values["name"])
    # A known birth date replaces an estimate, and the other way round.
    if values.get("birth_date") is not None:
        pet.approx_age_months = None
    if values.get("approx_age_months") is not None:
        pet.birth_date = None


def _duplicate_name() -> AlreadyExists:
    return AlreadyExists(
        "you already have a pet with this name",
        field_violations=[("name", "is already used by another of your pets")],
    )


async def _flush_pet(session: AsyncSession, pet: Pet, *, new: bool) -> None:
    if await repository.name_taken(session, pet.owner_id, pet.name_key, except_id=pet.id):
        raise _duplicate_name()
    try:
        async with session.begin_nested():
            if new:
                await repository.add(session, pet)
            else:
                await repository.flush(session)
    except IntegrityError:
        raise _duplicate_name() from None


async def create_pet(
    session: AsyncSession, *, actor: Principal, now: datetime, data: PetInput
) -> PetView:
    # Pets belong to owner accounts: an advertiser or admin account has none.
    owner = require_role(actor, Role.USER, message="only pet owner accounts register pets")
    values = _validated(data, PET_FIELDS, today=now.date())
    pet = Pet(id=uuid.uuid4(), owner_id=owner, created_at=now, updated_at=now)
    pet.petstar_status = PetStarStatus.NONE.value
    pet.instagram_username = ""
    pet.followers_count = 0
    pet.engagement_rate = 0.0
    _apply_fields(pet, values, now=now)
    await _flush_pet(session, pet, new=True)
    await outbox.add_event(
        session, SCHEMA, contracts.PET_CREATED, contracts.PetChanged(**pet_fields(pet)), now=now
    )
    return PetView(pet, None)


async def get_pet(
    session: AsyncSession, *, actor: Principal | None, now: datetime, pet_id: str
) -> PetView:
    pet = await repository.get_pet(session, uuid_field("pet_id", pet_id))
    if pet is None or not may_see(actor, pet, now=now):
        raise pet_not_found()
    return await pet_view(session, pet)


async def list_my_pets(session: AsyncSession, *, actor: Principal) -> list[PetView]:
    return await pet_views(session, await repository.pets_of_owner(session, caller_id(actor)))


async def batch_get_pets(
    session: AsyncSession, *, actor: Principal | None, now: datetime, pet_ids: Sequence[str]
) -> list[PetView]:
    ids = batch_ids(pet_ids)
    pets = [p for p in await repository.pets_by_ids(session, ids) if may_see(actor, p, now=now)]
    order = {pid: i for i, pid in enumerate(ids)}
    pets.sort(key=lambda p: order[p.id])
    return await pet_views(session, pets)


async def update_pet(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    data: PetInput,
    fields: Sequence[str],
) -> PetView:
    unknown = sorted(set(fields) - PET_FIELDS)
    if unknown:
        raise InvalidArgument(
            "unknown fields", field_violations=[("fields", f"unknown field {f!r}") for f in unknown]
        )
    if not fields:
        raise InvalidArgument("nothing to change", field_violations=[("fields", "is empty")])
    pet = await owned_pet(session, actor, pet_id)
    values = _validated(data, frozenset(fields), today=now.date())
    if "species" in values and values["species"] != pet.species and is_petstar(pet):
        raise FailedPrecondition(
            "a PetStar's species cannot change", field_violations=[("species", "is locked")]
        )
    _apply_fields(pet, values, now=now)
    pet.updated_at = now
    await _flush_pet(session, pet, new=False)
    await outbox.add_event(
        session, SCHEMA, contracts.PET_UPDATED, contracts.PetChanged(**pet_fields(pet)), now=now
    )
    return await pet_view(session, pet)


async def delete_pet(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    campaigns: CampaignsPort,
) -> None:
    pet = await owned_pet(session, actor, pet_id)
    titles = await campaigns.active_work(pet.id)
    if titles:
        raise FailedPrecondition(
            "this pet has unfinished campaign work: " + ", ".join(titles),
            field_violations=[("pet_id", "has unfinished campaign work")],
        )
    await remove_pet(session, pet, now=now)


async def remove_pet(session: AsyncSession, pet: Pet, *, now: datetime) -> None:
    """Delete the pet with everything that hangs off it (portfolio, history, applications)
    and its pictures, and tell its readers (matching drops its document)."""
    media_ids = await repository.media_ids_of_pet(session, pet.id)
    if pet.image_media_id is not None:
        media_ids.append(pet.image_media_id)
    payload = contracts.PetChanged(**pet_fields(pet))
    await repository.delete(session, pet)
    for media_id in media_ids:
        await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)
    await outbox.add_event(session, SCHEMA, contracts.PET_DELETED, payload, now=now)


async def ingest_image(
    session: AsyncSession,
    *,
    pet: Pet,
    purpose: str,
    data: bytes,
    filename: str,
    now: datetime,
    settings: Settings,
) -> media.MediaRecord:
    """Store an uploaded picture of pet (every pet picture is served publicly)."""
    return await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=pet.owner_id,
        purpose=purpose,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


async def set_pet_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> PetView:
    pet = await owned_pet(session, actor, pet_id)
    record = await ingest_image(
        session,
        pet=pet,
        purpose=PET_IMAGE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    old = pet.image_media_id
    pet.image_media_id = record.id
    pet.updated_at = now
    await repository.flush(session)
    if old is not None and old != record.id:
        await media.discard(session, schema=SCHEMA, media_id=old, now=now)
    return await pet_view(session, pet)


async def remove_pet_image(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str
) -> PetView:
    pet = await owned_pet(session, actor, pet_id)
    if pet.image_media_id is not None:
        old = pet.image_media_id
        pet.image_media_id = None
        pet.updated_at = now
        await repository.flush(session)
        await media.discard(session, schema=SCHEMA, media_id=old, now=now)
    return PetView(pet, None)


def list_breeds(species: str, query: str) -> list[str]:
    v = Violations()
    sp = v.check("species", optional_enum, Species, species)
    q = v.check("query", rules.check_keyword, query)
    v.raise_if_any()
    return breeds.suggest(sp, q)
