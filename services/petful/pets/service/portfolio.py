"""A pet's portfolio (what advertisers read before they invite a PetStar) and its activity
history with pictures."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import pets as contracts
from petful.pets import repository, rules
from petful.pets.models import SCHEMA, HistoryEntry, HistoryImage, Pet, Portfolio
from petful.pets.rules import ContactPreference
from petful.pets.service.access import (
    can_read_any,
    is_petstar,
    may_see,
    optional_enum,
    owned_pet,
    pet_not_found,
)
from petful.pets.service.pets import ingest_image, pet_fields
from petful.pets.service.views import HistoryView, PortfolioView, history_view, history_views
from petful.platform import media, outbox
from petful.platform.auth_context import Principal
from petful.platform.errors import FailedPrecondition, InvalidArgument, NotFound
from petful.platform.settings import Settings
from petful.platform.validation import RuleError, Violations, check_line, check_text, uuid_field

HISTORY_IMAGE = "pet.history.image"


@dataclass(frozen=True)
class PortfolioInput:
    intro: str = ""
    personality: str = ""
    price_krw: int = 0
    contact_preference: str = ""
    published: bool = False


async def get_portfolio(
    session: AsyncSession, *, actor: Principal | None, now: datetime, pet_id: str
) -> PortfolioView:
    pid = uuid_field("pet_id", pet_id)
    pet = await repository.get_pet(session, pid)
    if pet is None or not may_see(actor, pet, now=now):
        raise pet_not_found()
    portfolio = await repository.get_portfolio(session, pid)
    owner_view = actor is not None and (can_read_any(actor) or actor.user_id == str(pet.owner_id))
    if portfolio is None or (not portfolio.published and not owner_view):
        raise NotFound("this pet has no published portfolio")
    return PortfolioView(portfolio, await history_views(session, pid))


async def upsert_portfolio(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, data: PortfolioInput
) -> PortfolioView:
    pet = await owned_pet(session, actor, pet_id)
    v = Violations()
    intro = v.check("intro", check_text, data.intro, max_len=rules.PORTFOLIO_TEXT_MAX)
    personality = v.check(
        "personality", check_text, data.personality, max_len=rules.PORTFOLIO_TEXT_MAX
    )
    price = v.check("price_krw", rules.check_price, data.price_krw)
    contact = v.check(
        "contact_preference", optional_enum, ContactPreference, data.contact_preference
    )
    if data.published and not data.intro.strip():
        v.add("intro", "is required to publish the portfolio")
    v.raise_if_any("the portfolio has invalid fields")
    portfolio = await repository.get_portfolio(session, pet.id, for_update=True)
    if portfolio is None:
        portfolio = Portfolio(pet_id=pet.id, created_at=now)
        session.add(portfolio)
    if is_petstar(pet) and not data.published:
        raise FailedPrecondition(
            "a PetStar's portfolio stays published",
            field_violations=[("published", "cannot be unpublished while the pet is a PetStar")],
        )
    portfolio.intro = intro
    portfolio.personality = personality
    portfolio.price_krw = price
    portfolio.contact_preference = (contact or ContactPreference.IN_APP).value
    if data.published and not portfolio.published:
        portfolio.published_at = now
    portfolio.published = data.published
    portfolio.updated_at = now
    await repository.flush(session)
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.PORTFOLIO_UPDATED,
        contracts.PortfolioUpdated(**pet_fields(pet), published=portfolio.published),
        now=now,
    )
    return PortfolioView(portfolio, await history_views(session, pet.id))


# --- history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryInput:
    title: str = ""
    start_date: str = ""
    end_date: str = ""
    description: str = ""


def _validated_history(data: HistoryInput) -> tuple[str, date, date, str]:
    v = Violations()
    title = v.check("title", check_line, data.title, max_len=rules.HISTORY_TITLE_MAX)
    start = v.check("start_date", rules.parse_date, data.start_date)
    end = v.check("end_date", rules.parse_date, data.end_date)
    # Only two well-formed dates can be out of order; then the end date is the one named.
    if not any(field in ("start_date", "end_date") for field, _ in v.items):
        v.check("end_date", rules.check_period, start, end)
    text = v.check("description", check_text, data.description, max_len=rules.HISTORY_TEXT_MAX)
    v.raise_if_any("the history entry has invalid fields")
    return title, start, end, text


async def _history_changed(session: AsyncSession, pet: Pet, now: datetime) -> None:
    """The history is part of the portfolio: its readers (matching) re-read it."""
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.PORTFOLIO_UPDATED,
        contracts.PortfolioUpdated(**pet_fields(pet)),
        now=now,
    )


async def add_history(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, data: HistoryInput
) -> HistoryView:
    pet = await owned_pet(session, actor, pet_id)
    title, start, end, text = _validated_history(data)
    entry = HistoryEntry(
        id=uuid.uuid4(),
        pet_id=pet.id,
        title=title,
        start_date=start,
        end_date=end,
        description=text,
        created_at=now,
        updated_at=now,
    )
    await repository.add(session, entry)
    await _history_changed(session, pet, now)
    return HistoryView(entry, [])


async def _owned_history(
    session: AsyncSession, actor: Principal, pet_id: str, history_id: str
) -> tuple[Pet, HistoryEntry]:
    pet = await owned_pet(session, actor, pet_id)
    hid = uuid_field("history_id", history_id)
    entry = await repository.get_history(session, pet.id, hid, for_update=True)
    if entry is None:
        raise NotFound("no such history entry for this pet")
    return pet, entry


async def update_history(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    data: HistoryInput,
) -> HistoryView:
    pet, entry = await _owned_history(session, actor, pet_id, history_id)
    entry.title, entry.start_date, entry.end_date, entry.description = _validated_history(data)
    entry.updated_at = now
    await repository.flush(session)
    await _history_changed(session, pet, now)
    return await history_view(session, entry)


async def delete_history(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, history_id: str
) -> None:
    pet, entry = await _owned_history(session, actor, pet_id, history_id)
    links = await repository.history_images(session, [entry.id])
    await repository.delete(session, entry)
    for link in links:
        await media.discard(session, schema=SCHEMA, media_id=link.media_id, now=now)
    await _history_changed(session, pet, now)


async def add_history_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> HistoryView:
    pet, entry = await _owned_history(session, actor, pet_id, history_id)
    links = await repository.history_images(session, [entry.id])
    try:
        rules.check_history_image_count(len(links))
    except RuleError as e:
        raise FailedPrecondition(e.reason, field_violations=[("file", e.reason)]) from None
    record = await ingest_image(
        session,
        pet=pet,
        purpose=HISTORY_IMAGE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    if any(link.media_id == record.id for link in links):
        return await history_view(session, entry)  # the same picture again: deduplicated
    position = max((link.position for link in links), default=-1) + 1
    await repository.add(
        session,
        HistoryImage(history_id=entry.id, media_id=record.id, position=position, created_at=now),
    )
    entry.updated_at = now
    await repository.flush(session)
    return await history_view(session, entry)


async def remove_history_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    media_id: str,
) -> HistoryView:
    _, entry = await _owned_history(session, actor, pet_id, history_id)
    mid = uuid_field("media_id", media_id)
    links = await repository.history_images(session, [entry.id])
    link = next((item for item in links if item.media_id == mid), None)
    if link is None:
        raise NotFound("no such image in this history entry")
    await repository.delete(session, link)
    await media.discard(session, schema=SCHEMA, media_id=mid, now=now)
    entry.updated_at = now
    await repository.flush(session)
    return await history_view(session, entry)


async def reorder_history_images(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    media_ids: Sequence[str],
) -> HistoryView:
    """Put the entry's images in the order given (what the owner dragged them into)."""
    _, entry = await _owned_history(session, actor, pet_id, history_id)
    links = {link.media_id: link for link in await repository.history_images(session, [entry.id])}
    order = [uuid_field("media_ids", raw) for raw in media_ids]
    if len(set(order)) != len(order) or set(order) != set(links):
        raise InvalidArgument(
            "name each of the entry's images exactly once",
            field_violations=[("media_ids", "must list each image of the entry exactly once")],
        )
    for position, media_id in enumerate(order):
        links[media_id].position = position
    entry.updated_at = now
    await repository.flush(session)
    return await history_view(session, entry)
