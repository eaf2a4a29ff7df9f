"""Every SQL statement of the pets service."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets.models import SCHEMA, Application, HistoryEntry, HistoryImage, Pet, Portfolio
from petful.pets.rules import OPEN_STATES, AppState, DirectorySort, PetStarStatus
from petful.platform import media

_OPEN = [state.value for state in OPEN_STATES]


async def add(session: AsyncSession, obj: object) -> None:
    session.add(obj)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def delete(session: AsyncSession, obj: object) -> None:
    await session.delete(obj)
    await session.flush()


# --- pets ----------------------------------------------------------------------------------


async def get_pet(
    session: AsyncSession, pet_id: uuid.UUID, *, for_update: bool = False
) -> Pet | None:
    stmt = sa.select(Pet).where(Pet.id == pet_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Pet | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def pets_of_owner(
    session: AsyncSession, owner_id: uuid.UUID, *, for_update: bool = False
) -> list[Pet]:
    stmt = sa.select(Pet).where(Pet.owner_id == owner_id).order_by(Pet.created_at, Pet.id)
    if for_update:
        stmt = stmt.with_for_update()
    return list((await session.execute(stmt)).scalars())


async def pets_by_ids(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Pet]:
    if not ids:
        return []
    stmt = sa.select(Pet).where(Pet.id.in_(ids))
    return list((await session.execute(stmt)).scalars())


async def name_taken(
    session: AsyncSession, owner_id: uuid.UUID, name_key: str, *, except_id: uuid.UUID | None
) -> bool:
    cond = [Pet.owner_id == owner_id, Pet.name_key == name_key]
    if except_id is not None:
        cond.append(Pet.id != except_id)
    with session.no_autoflush:
        return bool((await session.execute(sa.select(sa.exists().where(*cond)))).scalar())


async def pet_linked_to(session: AsyncSession, account_id: uuid.UUID) -> Pet | None:
    stmt = sa.select(Pet).where(Pet.instagram_account_id == account_id)
    with session.no_autoflush:
        result: Pet | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def set_sns_figures(
    session: AsyncSession,
    account_id: uuid.UUID,
    *,
    followers: int,
    engagement_rate: float,
    posts: list[dict[str, Any]],
    synced_at: datetime | None,
) -> int:
    """The figures and recent posts of a sync; an older sync than the one kept (a late
    redelivery) leaves the posts alone."""
    values: dict[str, Any] = {"followers_count": followers, "engagement_rate": engagement_rate}
    if synced_at is not None:
        values["instagram_posts"] = sa.case(
            (
                sa.or_(Pet.instagram_synced_at.is_(None), Pet.instagram_synced_at <= synced_at),
                sa.literal(posts, type_=JSONB),
            ),
            else_=Pet.instagram_posts,
        )
        values["instagram_synced_at"] = sa.func.greatest(
            sa.func.coalesce(Pet.instagram_synced_at, synced_at), synced_at
        )
    stmt = sa.update(Pet).where(Pet.instagram_account_id == account_id).values(**values)
    result = await session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


async def unlink_account(session: AsyncSession, account_id: uuid.UUID, now: datetime) -> int:
    stmt = (
        sa.update(Pet)
        .where(Pet.instagram_account_id == account_id)
        .values(
            instagram_account_id=None,
            instagram_username="",
            instagram_posts=[],
            instagram_synced_at=None,
            updated_at=now,
        )
    )
    result = await session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


async def set_owner_suspended(
    session: AsyncSession, owner_id: uuid.UUID, *, at: datetime, until: datetime | None
) -> int:
    """Mark every pet of the owner suspended from at (the suspension's time) to until; a
    suspension older than the one recorded changes nothing. The number of pets marked."""
    stmt = (
        sa.update(Pet)
        .where(
            Pet.owner_id == owner_id,
            sa.or_(Pet.owner_suspended_at.is_(None), Pet.owner_suspended_at <= at),
        )
        .values(owner_suspended_at=at, owner_suspended_until=until)
    )
    result = await session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


async def clear_owner_suspended(session: AsyncSession, owner_id: uuid.UUID, *, at: datetime) -> int:
    """Lift the owner's suspension from their pets, unless it is newer than at (the
    reinstatement's time). The number of pets shown again."""
    stmt = (
        sa.update(Pet)
        .where(Pet.owner_id == owner_id, Pet.owner_suspended_at <= at)
        .values(owner_suspended_at=None, owner_suspended_until=None)
    )
    result = await session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


# --- media rows (the platform's media table in this schema) --------------------------------


@dataclass(frozen=True)
class ImageRow:
    media_id: uuid.UUID
    key: str
    width: int
    height: int
    thumbnails: dict[str, str]


async def images(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, ImageRow]:
    """Live images by id (deleted or unknown ids are left out)."""
    found = await media.live_media(session, schema=SCHEMA, ids=ids)
    return {
        r.id: ImageRow(r.id, r.key, r.width or 0, r.height or 0, dict(r.thumbnails))
        for r in found.values()
    }


# --- portfolio and history -----------------------------------------------------------------


async def get_portfolio(
    session: AsyncSession, pet_id: uuid.UUID, *, for_update: bool = False
) -> Portfolio | None:
    stmt = sa.select(Portfolio).where(Portfolio.pet_id == pet_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Portfolio | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def history_of(session: AsyncSession, pet_id: uuid.UUID) -> list[HistoryEntry]:
    stmt = (
        sa.select(HistoryEntry)
        .where(HistoryEntry.pet_id == pet_id)
        .order_by(HistoryEntry.start_date.desc(), HistoryEntry.created_at.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def get_history(
    session: AsyncSession, pet_id: uuid.UUID, history_id: uuid.UUID, *, for_update: bool = False
) -> HistoryEntry | None:
    stmt = sa.select(HistoryEntry).where(
        HistoryEntry.id == history_id, HistoryEntry.pet_id == pet_id
    )
    if for_update:
        stmt = stmt.with_for_update()
    result: HistoryEntry | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def history_images(
    session: AsyncSession, history_ids: Sequence[uuid.UUID]
) -> list[HistoryImage]:
    if not history_ids:
        return []
    stmt = (
        sa.select(HistoryImage)
        .where(HistoryImage.history_id.in_(history_ids))
        .order_by(HistoryImage.history_id, HistoryImage.position)
    )
    return list((await session.execute(stmt)).scalars())


async def media_ids_of_pet(session: AsyncSession, pet_id: uuid.UUID) -> list[uuid.UUID]:
    """Every media id the pet's rows point at (its image and its history images)."""
    stmt = (
        sa.select(HistoryImage.media_id)
        .join(HistoryEntry, HistoryEntry.id == HistoryImage.history_id)
        .where(HistoryEntry.pet_id == pet_id)
    )
    return list((await session.execute(stmt)).scalars())


# --- applications --------------------------------------------------------------------------


async def get_application(
    session: AsyncSession, app_id: uuid.UUID, *, for_update: bool = False, skip_locked: bool = False
) -> Application | None:
    stmt = sa.select(Application).where(Application.id == app_id)
    if for_update:
        stmt = stmt.with_for_update(skip_locked=skip_locked)
    result: Application | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def latest_application(session: AsyncSession, pet_id: uuid.UUID) -> Application | None:
    stmt = (
        sa.select(Application)
        .where(Application.pet_id == pet_id)
        .order_by(Application.submitted_at.desc(), Application.id.desc())
        .limit(1)
    )
    result: Application | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def approved_application(session: AsyncSession, pet_id: uuid.UUID) -> Application | None:
    stmt = (
        sa.select(Application)
        .where(Application.pet_id == pet_id, Application.state == AppState.APPROVED.value)
        .with_for_update()
    )
    result: Application | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def by_idempotency_key(
    session: AsyncSession, owner_id: uuid.UUID, key: str
) -> Application | None:
    stmt = sa.select(Application).where(
        Application.owner_id == owner_id, Application.idempotency_key == key
    )
    with session.no_autoflush:
        result: Application | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def open_applications_of_owner(
    session: AsyncSession, owner_id: uuid.UUID
) -> list[Application]:
    """The owner's applications still open, locked (before their pets, as verification
    locks them)."""
    stmt = (
        sa.select(Application)
        .where(Application.owner_id == owner_id, Application.state.in_(_OPEN))
        .order_by(Application.submitted_at, Application.id)
        .with_for_update()
    )
    return list((await session.execute(stmt)).scalars())


async def applications_of_owner(session: AsyncSession, owner_id: uuid.UUID) -> list[Application]:
    stmt = (
        sa.select(Application)
        .where(Application.owner_id == owner_id)
        .order_by(Application.submitted_at.desc(), Application.id.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def list_applications(
    session: AsyncSession,
    *,
    state: str | None,
    cursor: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Application]:
    """Oldest first (a review queue), keyset paged on (submitted_at, id)."""
    cond: list[sa.ColumnElement[bool]] = []
    if state:
        cond.append(Application.state == state)
    if cursor is not None:
        cond.append(
            sa.tuple_(Application.submitted_at, Application.id)
            > sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]))
        )
    stmt = (
        sa.select(Application)
        .where(*cond)
        .order_by(Application.submitted_at, Application.id)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def due_for_verification(session: AsyncSession, limit: int) -> list[uuid.UUID]:
    stmt = (
        sa.select(Application.id)
        .where(Application.state.in_([AppState.SUBMITTED.value, AppState.VERIFYING.value]))
        .order_by(Application.submitted_at)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


# --- the public directory ------------------------------------------------------------------

_SORT_COLUMNS: dict[DirectorySort, tuple[Any, bool]] = {
    # (column, descending)
    DirectorySort.NEWEST: (Pet.petstar_since, True),
    DirectorySort.FOLLOWERS: (Pet.followers_count, True),
    DirectorySort.ENGAGEMENT: (Pet.engagement_rate, True),
    DirectorySort.PRICE_ASC: (Portfolio.price_krw, False),
    DirectorySort.PRICE_DESC: (Portfolio.price_krw, True),
}


@dataclass(frozen=True)
class DirectoryQuery:
    now: datetime
    species: Sequence[str]
    min_followers: int | None
    max_followers: int | None
    min_price: int | None
    max_price: int | None
    keyword: str
    sort: DirectorySort
    after: tuple[Any, uuid.UUID] | None
    limit: int


def _listed(now: datetime) -> list[sa.ColumnElement[bool]]:
    """What the public directory shows: approved PetStars with a published portfolio, whose
    owner is not suspended at now (the SQL form of rules.owner_suspended)."""
    return [
        Pet.petstar_status == PetStarStatus.APPROVED.value,
        Portfolio.published.is_(True),
        sa.or_(
            Pet.owner_suspended_at.is_(None),
            sa.and_(Pet.owner_suspended_until.is_not(None), Pet.owner_suspended_until <= now),
        ),
    ]


async def cards_by_ids(
    session: AsyncSession, ids: Sequence[uuid.UUID], *, now: datetime
) -> list[tuple[Pet, Portfolio]]:
    if not ids:
        return []
    stmt = (
        sa.select(Pet, Portfolio)
        .join(Portfolio, Portfolio.pet_id == Pet.id)
        .where(*_listed(now), Pet.id.in_(ids))
    )
    return [(p, f) for p, f in (await session.execute(stmt)).all()]


async def directory(session: AsyncSession, q: DirectoryQuery) -> list[tuple[Pet, Portfolio]]:
    """Approved PetStars with a published portfolio, keyset paged on (sort key, id)."""
    col, desc = _SORT_COLUMNS[q.sort]
    cond = _listed(q.now)
    if q.species:
        cond.append(Pet.species.in_(q.species))
    if q.min_followers is not None:
        cond.append(Pet.followers_count >= q.min_followers)
    if q.max_followers is not None:
        cond.append(Pet.followers_count <= q.max_followers)
    if q.min_price is not None:
        cond.append(Portfolio.price_krw >= q.min_price)
    if q.max_price is not None:
        cond.append(Portfolio.price_krw <= q.max_price)
    if q.keyword:
        like = "%" + q.keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cond.append(
            sa.or_(
                Pet.name.ilike(like, escape="\\"),
                Pet.breed.ilike(like, escape="\\"),
                Pet.intro.ilike(like, escape="\\"),
                Portfolio.intro.ilike(like, escape="\\"),
                sa.func.array_to_string(Pet.personality_tags, " ").ilike(like, escape="\\"),
            )
        )
    if q.after is not None:
        key = sa.tuple_(col, Pet.id)
        bound = sa.tuple_(sa.literal(q.after[0]), sa.literal(q.after[1]))
        cond.append(key < bound if desc else key > bound)
    order = (col.desc(), Pet.id.desc()) if desc else (col.asc(), Pet.id.asc())
    stmt = (
        sa.select(Pet, Portfolio)
        .join(Portfolio, Portfolio.pet_id == Pet.id)
        .where(*cond)
        .order_by(*order)
        .limit(q.limit)
    )
    return [(p, f) for p, f in (await session.execute(stmt)).all()]
