"""What the servicer renders: rows with the images and related rows they show."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository
from petful.pets.models import Application, HistoryEntry, Pet, Portfolio
from petful.pets.repository import ImageRow


@dataclass(frozen=True)
class PetView:
    pet: Pet
    image: ImageRow | None


@dataclass(frozen=True)
class HistoryView:
    entry: HistoryEntry
    images: list[ImageRow]


@dataclass(frozen=True)
class PortfolioView:
    portfolio: Portfolio
    history: list[HistoryView]


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    pet: PetView | None


@dataclass(frozen=True)
class DirectoryCard:
    pet: PetView
    portfolio: Portfolio


async def pet_views(session: AsyncSession, pets: Sequence[Pet]) -> list[PetView]:
    ids = [p.image_media_id for p in pets if p.image_media_id is not None]
    images = await repository.images(session, ids)
    return [PetView(p, images.get(p.image_media_id) if p.image_media_id else None) for p in pets]


async def pet_view(session: AsyncSession, pet: Pet) -> PetView:
    return (await pet_views(session, [pet]))[0]


async def history_views(session: AsyncSession, pet_id: uuid.UUID) -> list[HistoryView]:
    entries = await repository.history_of(session, pet_id)
    links = await repository.history_images(session, [e.id for e in entries])
    images = await repository.images(session, [link.media_id for link in links])
    by_entry: dict[uuid.UUID, list[ImageRow]] = {}
    for link in links:
        row = images.get(link.media_id)
        if row is not None:
            by_entry.setdefault(link.history_id, []).append(row)
    return [HistoryView(e, by_entry.get(e.id, [])) for e in entries]


async def history_view(session: AsyncSession, entry: HistoryEntry) -> HistoryView:
    links = await repository.history_images(session, [entry.id])
    images = await repository.images(session, [link.media_id for link in links])
    return HistoryView(entry, [images[link.media_id] for link in links if link.media_id in images])


async def application_view(session: AsyncSession, app: Application) -> ApplicationView:
    pet = await repository.get_pet(session, app.pet_id)
    return ApplicationView(app, await pet_view(session, pet) if pet else None)


async def directory_cards(
    session: AsyncSession, rows: Sequence[tuple[Pet, Portfolio]]
) -> list[DirectoryCard]:
    views = await pet_views(session, [pet for pet, _ in rows])
    return [
        DirectoryCard(view, portfolio) for view, (_, portfolio) in zip(views, rows, strict=True)
    ]
