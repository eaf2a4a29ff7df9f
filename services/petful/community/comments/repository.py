"""Every SQL statement of the comments part (the post's comment_count moves through the
posts part's repository, in the same transaction)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from petful.community.posts.models import Comment, CommentLike
from petful.community.posts.repository import toggle_like


async def add(session: AsyncSession, comment: Comment) -> None:
    session.add(comment)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def get(
    session: AsyncSession, comment_id: uuid.UUID, *, for_update: bool = False
) -> Comment | None:
    stmt = sa.select(Comment).where(Comment.id == comment_id)
    if for_update:
        stmt = stmt.with_for_update()
    found: Comment | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


async def list_roots(
    session: AsyncSession,
    *,
    post_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Comment]:
    """The post's root comments, newest first (keyset): live ones, and deleted ones that
    still have a live reply (shown as deleted); a deleted root goes with its last reply."""
    reply = aliased(Comment)
    has_live_reply = sa.exists().where(
        reply.post_id == Comment.post_id,
        reply.parent_id == Comment.id,
        reply.deleted_at.is_(None),
    )
    cond = [
        Comment.post_id == post_id,
        Comment.parent_id.is_(None),
        sa.or_(Comment.deleted_at.is_(None), has_live_reply),
    ]
    if after is not None:
        cond.append(
            sa.tuple_(Comment.created_at, Comment.id)
            < sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    stmt = (
        sa.select(Comment)
        .where(*cond)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def live_replies(
    session: AsyncSession, *, post_id: uuid.UUID, root_ids: Sequence[uuid.UUID]
) -> list[Comment]:
    """Every live reply of those roots, oldest first (one query for a page)."""
    if not root_ids:
        return []
    stmt = (
        sa.select(Comment)
        .where(
            Comment.post_id == post_id,
            Comment.parent_id.in_(root_ids),
            Comment.deleted_at.is_(None),
        )
        .order_by(Comment.created_at, Comment.id)
    )
    return list((await session.scalars(stmt)).all())


async def liked_comment_ids(
    session: AsyncSession, user_id: uuid.UUID, comment_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    wanted = list(comment_ids)
    if not wanted:
        return set()
    stmt = sa.select(CommentLike.comment_id).where(
        CommentLike.user_id == user_id, CommentLike.comment_id.in_(wanted)
    )
    return set((await session.scalars(stmt)).all())


async def add_like(
    session: AsyncSession, *, comment_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> bool:
    at = await toggle_like(session, Comment, CommentLike.comment_id, comment_id, user_id, now=now)
    return at is not None


async def remove_like(session: AsyncSession, *, comment_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    given = await toggle_like(
        session, Comment, CommentLike.comment_id, comment_id, user_id, now=None
    )
    return given is not None


async def like_count(session: AsyncSession, comment_id: uuid.UUID) -> int:
    stmt = sa.select(Comment.like_count).where(Comment.id == comment_id)
    return int(await session.scalar(stmt) or 0)
