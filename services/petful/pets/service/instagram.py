"""A pet's Instagram account: linking it (the account lives in the sns service) and
following what sns reports about it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import pets as contracts
from petful.pets import repository, rules
from petful.pets.models import SCHEMA, Pet
from petful.pets.rules import AppState, StoredPost
from petful.pets.service.access import owned_pet
from petful.pets.service.pets import pet_fields
from petful.pets.service.ports import SnsPort
from petful.pets.service.views import PetView, pet_view
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.errors import AlreadyExists, FailedPrecondition, NotFound
from petful.platform.validation import uuid_field


def _account_taken() -> AlreadyExists:
    return AlreadyExists(
        "this Instagram account is already linked to another pet",
        field_violations=[("account_id", "is already linked to another pet")],
    )


async def _refuse_if_locked_link(session: AsyncSession, pet: Pet) -> None:
    """The account of an open application or an approved PetStar stays as verified."""
    latest = await repository.latest_application(session, pet.id)
    if latest is not None and (
        latest.state_enum in rules.OPEN_STATES or latest.state_enum is AppState.APPROVED
    ):
        raise FailedPrecondition(
            "the Instagram link cannot change while a PetStar application is open or approved"
        )


async def link_instagram(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    account_id: str,
    sns: SnsPort,
) -> PetView:
    pet = await owned_pet(session, actor, pet_id)
    account_uuid = uuid_field("account_id", account_id)
    account = await sns.get_account(account_uuid)
    if account is None or account.owner_user_id != str(pet.owner_id):
        raise NotFound(
            "no such Instagram account among the owner's connected accounts",
            field_violations=[("account_id", "is not one of the owner's connected accounts")],
        )
    if not account.linked:
        raise FailedPrecondition(
            "this Instagram account needs to be connected again",
            field_violations=[("account_id", "needs re-authorisation")],
        )
    if pet.instagram_account_id == account_uuid:
        return await pet_view(session, pet)
    await _refuse_if_locked_link(session, pet)
    other = await repository.pet_linked_to(session, account_uuid)
    if other is not None and other.id != pet.id:
        raise _account_taken()
    pet.instagram_account_id = account_uuid
    pet.instagram_username = account.username
    pet.instagram_posts, pet.instagram_synced_at = [], None  # the next sync brings its own
    pet.updated_at = now
    try:
        async with session.begin_nested():
            await repository.flush(session)
    except IntegrityError:
        raise _account_taken() from None
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.PET_INSTAGRAM_LINKED,
        contracts.PetInstagramChanged(**pet_fields(pet), account_id=account_uuid),
        now=now,
    )
    return await pet_view(session, pet)


async def unlink_instagram(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str
) -> PetView:
    pet = await owned_pet(session, actor, pet_id)
    account = pet.instagram_account_id
    if account is None:
        return await pet_view(session, pet)
    await _refuse_if_locked_link(session, pet)
    pet.instagram_account_id = None
    pet.instagram_username = ""
    pet.instagram_posts, pet.instagram_synced_at = [], None
    pet.updated_at = now
    await repository.flush(session)
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.PET_INSTAGRAM_UNLINKED,
        contracts.PetInstagramChanged(**pet_fields(pet), account_id=account),
        now=now,
    )
    return await pet_view(session, pet)


async def refresh_sns_figures(
    session: AsyncSession,
    *,
    account_id: uuid.UUID,
    followers: int,
    engagement_rate: float,
    posts: Sequence[StoredPost] = (),
    synced_at: datetime | None = None,
) -> int:
    """Copy an account's latest figures and recent posts (from its sync event) onto the pet
    it is linked to, for the directory's filters and sorts and the advertisers' applicant
    cards; the number of pets updated (0 or 1)."""
    return await repository.set_sns_figures(
        session,
        account_id,
        followers=followers,
        engagement_rate=engagement_rate,
        posts=[p.model_dump(mode="json") for p in posts],
        synced_at=synced_at,
    )


async def petstar_posts(
    session: AsyncSession, *, now: datetime, pet_id: str
) -> tuple[Pet, list[StoredPost]]:
    """A listed PetStar and its recent posts, newest first (NOT_FOUND for other pets)."""
    pid = uuid_field("pet_id", pet_id)
    rows = await repository.cards_by_ids(session, [pid], now=now)
    if not rows:
        raise NotFound("PetStar not found")
    pet = rows[0][0]
    posts = [StoredPost.model_validate(p) for p in pet.instagram_posts or []]
    return pet, sorted(posts, key=lambda p: p.posted_at, reverse=True)


async def forget_account(session: AsyncSession, *, account_id: uuid.UUID, now: datetime) -> int:
    """The owner disconnected the account in the sns service: drop it from their pet."""
    return await repository.unlink_account(session, account_id, now)
