"""Every SQL statement of the reports part: the reports, and the posts and comments they are
about (read directly: the same service and schema)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA
from petful.community.posts.models import Comment, Post, PostImage
from petful.community.reports.models import Report
from petful.community.reports.rules import ReportStatus
from petful.platform import media

Target = tuple[str, uuid.UUID]  # (target_type, target_id)

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
    target_type: str | None = None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Report]:
    """Newest first, keyset paged on (created_at, id)."""
    cond: list[sa.ColumnElement[bool]] = []
    if reporter_id is not None:
        cond.append(Report.reporter_id == reporter_id)
    if status:
        cond.append(Report.status == status)
    if target_type:
        cond.append(Report.target_type == target_type)
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


def _open_on(target_type: str, target_id: uuid.UUID) -> list[sa.ColumnElement[bool]]:
    return [
        Report.target_type == target_type,
        Report.target_id == target_id,
        Report.status == ReportStatus.OPEN.value,
    ]


async def count_open_reports(
    session: AsyncSession, *, target_type: str, target_id: uuid.UUID
) -> int:
    stmt = sa.select(sa.func.count()).select_from(Report).where(*_open_on(target_type, target_id))
    return int(await session.scalar(stmt) or 0)


async def open_reports_on(
    session: AsyncSession, *, target_type: str, target_id: uuid.UUID
) -> list[Report]:
    """The target's open reports, oldest first, locked: a decision applies to all of them."""
    stmt = (
        sa.select(Report)
        .where(*_open_on(target_type, target_id))
        .order_by(Report.created_at, Report.id)
        .with_for_update()
    )
    return list((await session.execute(stmt)).scalars())


async def open_counts(session: AsyncSession, targets: Collection[Target]) -> dict[Target, int]:
    """The number of open reports of each target (absent: none)."""
    if not targets:
        return {}
    stmt = (
        sa.select(Report.target_type, Report.target_id, sa.func.count())
        .where(
            Report.status == ReportStatus.OPEN.value,
            sa.tuple_(Report.target_type, Report.target_id).in_(list(targets)),
        )
        .group_by(Report.target_type, Report.target_id)
    )
    return {(t, i): int(n) for t, i, n in (await session.execute(stmt)).all()}


async def last_upheld_at(
    session: AsyncSession, *, target_type: str, target_id: uuid.UUID
) -> datetime | None:
    """When an admin last resolved (upheld) a report about the target."""
    stmt = sa.select(sa.func.max(Report.handled_at)).where(
        Report.target_type == target_type,
        Report.target_id == target_id,
        Report.status == ReportStatus.RESOLVED.value,
    )
    found: datetime | None = await session.scalar(stmt)
    return found


# --- the reported posts and comments -----------------------------------------------------


async def get_post(
    session: AsyncSession, post_id: uuid.UUID, *, for_update: bool = False
) -> Post | None:
    """for_update: FOR NO KEY UPDATE, which serialises reports and decisions about the post
    without blocking comments and likes (their foreign keys take KEY SHARE)."""
    stmt = sa.select(Post).where(Post.id == post_id)
    if for_update:
        stmt = stmt.with_for_update(key_share=True)
    found: Post | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def get_comment(
    session: AsyncSession, comment_id: uuid.UUID, *, for_update: bool = False
) -> Comment | None:
    stmt = sa.select(Comment).where(Comment.id == comment_id)
    if for_update:
        stmt = stmt.with_for_update(key_share=True)
    found: Comment | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def posts_by_id(session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Post]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = (await session.execute(sa.select(Post).where(Post.id.in_(wanted)))).scalars()
    return {p.id: p for p in rows}


async def comments_by_id(
    session: AsyncSession, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Comment]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = (await session.execute(sa.select(Comment).where(Comment.id.in_(wanted)))).scalars()
    return {c.id: c for c in rows}


async def first_images(
    session: AsyncSession, post_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, media.MediaRecord]:
    """Each post's first live picture."""
    wanted = set(post_ids)
    if not wanted:
        return {}
    stmt = (
        sa.select(PostImage.post_id, PostImage.media_id)
        .where(PostImage.post_id.in_(wanted))
        .order_by(PostImage.post_id, PostImage.position)
        .ext(distinct_on(PostImage.post_id))
    )
    first = {post_id: media_id for post_id, media_id in (await session.execute(stmt)).all()}
    found = await media.live_media(session, schema=SCHEMA, ids=first.values())
    return {post_id: found[m] for post_id, m in first.items() if m in found}


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
