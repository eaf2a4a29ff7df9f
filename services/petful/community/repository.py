"""Every SQL statement of the community service."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.models import Report
from petful.community.rules import ReportStatus

# --- reports -----------------------------------------------------------------------------


async def add_report(session: AsyncSession, report: Report) -> None:
    session.add(report)
    await session.flush()


async def open_report_exists(
    session: AsyncSession, *, reporter_id: uuid.UUID, target_type: str, target_id: uuid.UUID
) -> bool:
    stmt = sa.select(
        sa.exists().where(
            Report.reporter_id == reporter_id,
            Report.target_type == target_type,
            Report.target_id == target_id,
            Report.status == ReportStatus.OPEN.value,
        )
    )
    return bool(await session.scalar(stmt))


async def get_report(
    session: AsyncSession, report_id: uuid.UUID, *, for_update: bool = False
) -> Report | None:
    stmt = sa.select(Report).where(Report.id == report_id)
    if for_update:
        stmt = stmt.with_for_update()
    found: Report | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def list_reports(
    session: AsyncSession,
    *,
    reporter_id: uuid.UUID | None,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Report]:
    """Newest first, keyset paged on (created_at, id)."""
    cond: list[sa.ColumnElement[bool]] = []
    if reporter_id is not None:
        cond.append(Report.reporter_id == reporter_id)
    if status:
        cond.append(Report.status == status)
    if after is not None:
        cond.append(
            sa.tuple_(Report.created_at, Report.id)
            < sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    stmt = (
        sa.select(Report)
        .where(*cond)
        .order_by(Report.created_at.desc(), Report.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def anonymise_reporter(
    session: AsyncSession, *, reporter_id: uuid.UUID, anonymous: uuid.UUID
) -> int:
    """The reporter's reports name `anonymous` instead and lose the text they wrote."""
    result = await session.execute(
        sa.update(Report)
        .where(Report.reporter_id == reporter_id)
        .values(reporter_id=anonymous, text="")
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def flush(session: AsyncSession) -> None:
    await session.flush()
