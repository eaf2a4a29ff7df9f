"""Every SQL statement of the prescriptions part."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.prescriptions.models import Prescription
from petful.health.prescriptions.rules import PURPOSE, Status
from petful.platform import media


async def add(session: AsyncSession, prescription: Prescription) -> None:
    session.add(prescription)
    await session.flush()


async def get(
    session: AsyncSession, prescription_id: uuid.UUID, *, for_update: bool = False
) -> Prescription | None:
    stmt = sa.select(Prescription).where(Prescription.id == prescription_id)
    if for_update:
        stmt = stmt.with_for_update()
    found: Prescription | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def get_by_media(
    session: AsyncSession, media_id: uuid.UUID, *, for_update: bool = False
) -> Prescription | None:
    stmt = sa.select(Prescription).where(Prescription.media_id == media_id)
    if for_update:
        # SKIP LOCKED: a second delivery of the same photo leaves it to the read under way.
        stmt = stmt.with_for_update(skip_locked=True)
    found: Prescription | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def count_reading(session: AsyncSession, owner_id: uuid.UUID) -> int:
    stmt = sa.select(sa.func.count()).where(
        Prescription.owner_id == owner_id, Prescription.status == Status.READING.value
    )
    return int(await session.scalar(stmt) or 0)


async def list_for_owner(
    session: AsyncSession,
    *,
    owner_id: uuid.UUID,
    pet_ids: list[uuid.UUID],
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Prescription]:
    """The owner's prescriptions of those pets, newest first, keyset paged."""
    cond: list[sa.ColumnElement[bool]] = [
        Prescription.owner_id == owner_id,
        Prescription.pet_id.in_(pet_ids),
    ]
    if status:
        cond.append(Prescription.status == status)
    if after is not None:
        cond.append(
            sa.tuple_(Prescription.created_at, Prescription.id)
            < sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    stmt = (
        sa.select(Prescription)
        .where(*cond)
        .order_by(Prescription.created_at.desc(), Prescription.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def stale_reading(
    session: AsyncSession, *, started_before: datetime, limit: int
) -> list[Prescription]:
    stmt = (
        sa.select(Prescription)
        .where(
            Prescription.status == Status.READING.value,
            Prescription.created_at < started_before,
        )
        .order_by(Prescription.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


async def delete_for_pet(session: AsyncSession, pet_id: uuid.UUID) -> list[uuid.UUID]:
    """Delete the pet's prescriptions; the media ids of their photos."""
    result = await session.execute(
        sa.delete(Prescription)
        .where(Prescription.pet_id == pet_id)
        .returning(Prescription.media_id)
    )
    return list(result.scalars())


async def delete_for_owner(session: AsyncSession, owner_id: uuid.UUID) -> list[uuid.UUID]:
    """Delete every prescription of the owner; the media ids of their photos."""
    result = await session.execute(
        sa.delete(Prescription)
        .where(Prescription.owner_id == owner_id)
        .returning(Prescription.media_id)
    )
    return list(result.scalars())


async def live_photo_ids(
    session: AsyncSession, *, schema: str, owner_id: uuid.UUID
) -> list[uuid.UUID]:
    """Every photo of the owner still stored, whether a prescription names it or not."""
    t = media.media_table(schema)
    stmt = sa.select(t.c.id).where(
        t.c.owner_id == owner_id,
        t.c.purpose == PURPOSE,
        t.c.status != media.Status.DELETED.value,
    )
    return list((await session.execute(stmt)).scalars())


async def delete(session: AsyncSession, prescription: Prescription) -> None:
    await session.delete(prescription)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()
