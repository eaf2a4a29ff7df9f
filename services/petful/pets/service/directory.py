"""The public PetStar directory: approved PetStars with a published portfolio (a suspended
owner's are left out). Public data, so there is no caller check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository, rules
from petful.pets.models import Pet, Portfolio
from petful.pets.repository import DirectoryQuery
from petful.pets.rules import DirectorySort, Species
from petful.pets.service.access import batch_ids, check_enum, optional_enum
from petful.pets.service.views import DirectoryCard, directory_cards
from petful.platform.paging import Page, check_page_size, page_of
from petful.platform.validation import Violations


@dataclass(frozen=True)
class DirectoryInput:
    species: Sequence[str] = ()
    min_followers: int | None = None
    max_followers: int | None = None
    min_price: int | None = None
    max_price: int | None = None
    keyword: str = ""
    sort: str = ""
    page_size: int = 0
    cursor: str = ""


def _species_list(raw: Sequence[str]) -> list[str]:
    return [check_enum(Species, s).value for s in raw]


def _sort_value(sort: DirectorySort, pet: Pet, portfolio: Portfolio) -> Any:
    if sort is DirectorySort.NEWEST:
        return pet.petstar_since
    if sort is DirectorySort.FOLLOWERS:
        return pet.followers_count
    if sort is DirectorySort.ENGAGEMENT:
        return pet.engagement_rate
    return portfolio.price_krw


async def list_petstars(
    session: AsyncSession, *, now: datetime, data: DirectoryInput
) -> Page[DirectoryCard]:
    v = Violations()
    species = v.check("species", _species_list, data.species)
    v.check("max_followers", rules.check_range, data.min_followers, data.max_followers)
    v.check("max_price_krw", rules.check_range, data.min_price, data.max_price)
    keyword = v.check("keyword", rules.check_keyword, data.keyword)
    sort = v.check("sort", optional_enum, DirectorySort, data.sort) or DirectorySort.NEWEST
    size = v.check("page_size", check_page_size, data.page_size)
    # A cursor names the sort it was made for, so it is read with the sort asked for.
    after = v.check("cursor", rules.decode_sort_cursor, data.cursor, sort)
    v.raise_if_any()
    rows = await repository.directory(
        session,
        DirectoryQuery(
            now=now,
            species=species,
            min_followers=data.min_followers,
            max_followers=data.max_followers,
            min_price=data.min_price,
            max_price=data.max_price,
            keyword=keyword,
            sort=sort,
            after=after,
            limit=size + 1,
        ),
    )

    def cursor_of(row: tuple[Pet, Portfolio]) -> str:
        pet, portfolio = row
        return rules.encode_sort_cursor(sort, _sort_value(sort, pet, portfolio), pet.id)

    page = page_of(rows, size, cursor_of=cursor_of)
    return Page(items=await directory_cards(session, page.items), next_cursor=page.next_cursor)


async def petstar_cards(
    session: AsyncSession, *, now: datetime, pet_ids: Sequence[str]
) -> list[DirectoryCard]:
    """Directory cards by id, in the order asked (pets the directory does not list are left
    out)."""
    ids = batch_ids(pet_ids)
    rows = await repository.cards_by_ids(session, ids, now=now)
    order = {pid: i for i, pid in enumerate(ids)}
    rows.sort(key=lambda row: order[row[0].id])
    return await directory_cards(session, rows)
