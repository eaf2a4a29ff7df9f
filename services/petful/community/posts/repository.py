"""Every SQL statement of the posts part: posts, their pictures, likes, lists, search and
the restrictions of suspended users.

Lists are keyset queries on the partial indexes of live posts (community_0004): no
COUNT(*) and no OFFSET, so a page costs the same on the first board page and the
thousandth.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from petful.community.base import SCHEMA
from petful.community.posts.models import (
    Comment,
    Post,
    PostImage,
    PostLike,
    PostLikeNotice,
    Restriction,
)
from petful.community.posts.rules import IMAGE_PURPOSE, ScoreCursor
from petful.platform import media

After = tuple[datetime, uuid.UUID]


def _live() -> list[sa.ColumnElement[bool]]:
    return [Post.deleted_at.is_(None), Post.hidden_at.is_(None)]


def _filters(board: str | None, author_id: uuid.UUID | None) -> list[sa.ColumnElement[bool]]:
    cond = _live()
    if board is not None:
        cond.append(Post.board == board)
    if author_id is not None:
        cond.append(Post.author_id == author_id)
    return cond


def _before(columns: Sequence[Any], values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """Rows strictly after the cursor's row in a descending order of columns."""
    return sa.tuple_(*columns) < sa.tuple_(*(sa.literal(v) for v in values))


# --- posts -------------------------------------------------------------------------------


async def add(session: AsyncSession, post: Post) -> None:
    session.add(post)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def get(
    session: AsyncSession, post_id: uuid.UUID, *, for_update: bool = False
) -> Post | None:
    stmt = sa.select(Post).where(Post.id == post_id)
    if for_update:
        stmt = stmt.with_for_update()
    found: Post | None = (await session.execute(stmt)).scalar_one_or_none()
    return found


def search_vector(title_terms: str, body_terms: str) -> sa.ColumnElement[Any]:
    """The weighted tsvector of a post from its kiwipiepy terms (title A, body B)."""

    def weighted(text: str, weight: Literal["A", "B"]) -> sa.ColumnElement[Any]:
        # The weight is a "char" argument: a literal, not a (varchar) parameter.
        return sa.func.setweight(
            sa.func.to_tsvector("simple", text), sa.literal_column(f"'{weight}'")
        )

    return weighted(title_terms, "A").op("||")(weighted(body_terms, "B"))


# --- pictures ----------------------------------------------------------------------------


async def image_ids(session: AsyncSession, post_id: uuid.UUID) -> list[uuid.UUID]:
    stmt = (
        sa.select(PostImage.media_id)
        .where(PostImage.post_id == post_id)
        .order_by(PostImage.position)
    )
    return list((await session.scalars(stmt)).all())


async def replace_images(
    session: AsyncSession, post_id: uuid.UUID, media_ids: Sequence[uuid.UUID]
) -> None:
    """The post's pictures become media_ids, in that order. Raises IntegrityError when a
    picture belongs to another post (uq_post_images_media), so a race cannot share one."""
    await session.execute(sa.delete(PostImage).where(PostImage.post_id == post_id))
    if media_ids:
        await session.execute(
            sa.insert(PostImage),
            [{"post_id": post_id, "media_id": m, "position": i} for i, m in enumerate(media_ids)],
        )


async def attached_elsewhere(
    session: AsyncSession, media_ids: Sequence[uuid.UUID], post_id: uuid.UUID | None
) -> set[uuid.UUID]:
    """Which of media_ids another post (not post_id) already shows."""
    if not media_ids:
        return set()
    cond: list[sa.ColumnElement[bool]] = [PostImage.media_id.in_(media_ids)]
    if post_id is not None:
        cond.append(PostImage.post_id != post_id)
    return set((await session.scalars(sa.select(PostImage.media_id).where(*cond))).all())


@dataclass(frozen=True, slots=True)
class Cover:
    """A post's first picture and how many it has (for list items)."""

    media_id: uuid.UUID
    image_count: int


async def covers(session: AsyncSession, post_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Cover]:
    if not post_ids:
        return {}
    other = aliased(PostImage)
    first = (
        sa.select(other.media_id)
        .where(other.post_id == PostImage.post_id)
        .order_by(other.position)
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        sa.select(PostImage.post_id, first, sa.func.count())
        .where(PostImage.post_id.in_(post_ids))
        .group_by(PostImage.post_id)
    )
    return {row[0]: Cover(row[1], row[2]) for row in (await session.execute(stmt)).all()}


async def unattached_images(
    session: AsyncSession, *, created_before: datetime, limit: int
) -> list[uuid.UUID]:
    """Live post pictures uploaded before created_before that no post shows."""
    t = media.media_table(SCHEMA)
    stmt = (
        sa.select(t.c.id)
        .where(
            t.c.purpose == IMAGE_PURPOSE,
            t.c.status != media.Status.DELETED.value,
            t.c.created_at < created_before,
            ~sa.exists().where(PostImage.media_id == t.c.id),
        )
        .order_by(t.c.created_at)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


# --- lists -------------------------------------------------------------------------------


async def list_newest(
    session: AsyncSession,
    *,
    board: str | None,
    author_id: uuid.UUID | None,
    after: After | None,
    limit: int,
) -> list[Post]:
    cond = _filters(board, author_id)
    if after is not None:
        cond.append(_before((Post.created_at, Post.id), after))
    stmt = (
        sa.select(Post).where(*cond).order_by(Post.created_at.desc(), Post.id.desc()).limit(limit)
    )
    return list((await session.scalars(stmt)).all())


def _likes_since(since: datetime) -> sa.Select[uuid.UUID, int]:
    return (
        sa.select(PostLike.post_id.label("post_id"), sa.func.count().label("n"))
        .where(PostLike.created_at >= since)
        .group_by(PostLike.post_id)
    )


def _comments_since(since: datetime) -> sa.Select[uuid.UUID, int]:
    return (
        sa.select(Comment.post_id.label("post_id"), sa.func.count().label("n"))
        .where(Comment.created_at >= since, Comment.deleted_at.is_(None))
        .group_by(Comment.post_id)
    )


async def list_popular(
    session: AsyncSession,
    *,
    board: str | None,
    author_id: uuid.UUID | None,
    since: datetime,
    after: ScoreCursor | None,
    limit: int,
) -> list[tuple[Post, int]]:
    """Posts by likes and live comments received since `since`, newest first among equals.

    Two keyset legs: the few posts with activity in the window (scored from the recent
    likes and comments only), then every other post in plain newest order, so the long
    tail of score 0 costs what the newest list costs instead of a sort of the board."""
    rows: list[tuple[Post, int]] = []
    if after is None or after.score > 0:
        activity = sa.union_all(_likes_since(since), _comments_since(since)).subquery()
        scores = (
            sa.select(activity.c.post_id, sa.func.sum(activity.c.n).label("score"))
            .group_by(activity.c.post_id)
            .subquery()
        )
        score = sa.cast(scores.c.score, sa.Integer)
        cond = _filters(board, author_id)
        if after is not None:
            cond.append(
                _before(
                    (score, Post.created_at, Post.id), (after.score, after.created_at, after.id)
                )
            )
        stmt = (
            sa.select(Post, score)
            .join(scores, scores.c.post_id == Post.id)
            .where(*cond)
            .order_by(score.desc(), Post.created_at.desc(), Post.id.desc())
            .limit(limit)
        )
        rows = [(p, int(s)) for p, s in (await session.execute(stmt)).all()]
    if len(rows) >= limit:
        return rows
    cond = _filters(board, author_id)
    cond += [
        ~sa.exists().where(PostLike.post_id == Post.id, PostLike.created_at >= since),
        ~sa.exists().where(
            Comment.post_id == Post.id, Comment.created_at >= since, Comment.deleted_at.is_(None)
        ),
    ]
    if after is not None and after.score <= 0:
        cond.append(_before((Post.created_at, Post.id), (after.created_at, after.id)))
    rest = (
        sa.select(Post)
        .where(*cond)
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(limit - len(rows))
    )
    return rows + [(p, 0) for p in (await session.scalars(rest)).all()]


async def list_liked(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    board: str | None,
    author_id: uuid.UUID | None,
    after: After | None,
    limit: int,
) -> list[tuple[Post, datetime]]:
    """The user's liked posts, most recently liked first (keyset on the like)."""
    cond = [PostLike.user_id == user_id, *_filters(board, author_id)]
    if after is not None:
        cond.append(_before((PostLike.created_at, PostLike.post_id), after))
    stmt = (
        sa.select(Post, PostLike.created_at)
        .join(PostLike, PostLike.post_id == Post.id)
        .where(*cond)
        .order_by(PostLike.created_at.desc(), PostLike.post_id.desc())
        .limit(limit)
    )
    return [(p, at) for p, at in (await session.execute(stmt)).all()]


async def search(
    session: AsyncSession,
    *,
    tsquery: str,
    board: str | None,
    after: ScoreCursor | None,
    limit: int,
) -> list[tuple[Post, float]]:
    """Live posts matching tsquery (GIN index on posts.search), by ts_rank_cd, newest
    first among equal ranks."""
    query = sa.func.to_tsquery("simple", tsquery)
    # As double precision: ts_rank_cd's real would be compared with the cursor's float8
    # literal (1.4::real < 1.4::float8), and the same page would come back forever.
    rank: sa.ColumnElement[float] = sa.cast(sa.func.ts_rank_cd(Post.search, query), sa.Double())
    cond = [Post.search.op("@@")(query), *_filters(board, None)]
    if after is not None:
        cond.append(
            _before((rank, Post.created_at, Post.id), (after.score, after.created_at, after.id))
        )
    stmt = (
        sa.select(Post, rank)
        .where(*cond)
        .order_by(rank.desc(), Post.created_at.desc(), Post.id.desc())
        .limit(limit)
    )
    return [(p, float(r)) for p, r in (await session.execute(stmt)).all()]


# --- likes -------------------------------------------------------------------------------


async def liked_post_ids(
    session: AsyncSession, user_id: uuid.UUID, post_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    wanted = list(post_ids)
    if not wanted:
        return set()
    stmt = sa.select(PostLike.post_id).where(
        PostLike.user_id == user_id, PostLike.post_id.in_(wanted)
    )
    return set((await session.scalars(stmt)).all())


async def add_like(
    session: AsyncSession, *, post_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> bool:
    """Like once; True when this call added the like (and bumped the count)."""
    return await toggle_like(session, Post, PostLike.post_id, post_id, user_id, now=now)


async def remove_like(session: AsyncSession, *, post_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    return await toggle_like(session, Post, PostLike.post_id, post_id, user_id, now=None)


async def toggle_like(
    session: AsyncSession,
    liked: type[Post] | type[Comment],
    key: InstrumentedAttribute[uuid.UUID],
    target_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    now: datetime | None,
) -> bool:
    """Add (with `now`) or remove (None) user_id's like of a post or comment, where `key`
    is the like table's column naming what is liked; True when this call changed it. The
    count moves in SQL, not read-modify-write: concurrent likes each add their own one."""
    table = key.class_
    if now is not None:
        stmt: Any = (
            insert(table)
            .values({key.key: target_id, "user_id": user_id, "created_at": now})
            .on_conflict_do_nothing()
        )
    else:
        stmt = sa.delete(table).where(key == target_id, table.user_id == user_id)
    changed = await session.scalar(stmt.returning(key))
    if changed is not None:
        await session.execute(
            sa.update(liked)
            .where(liked.id == target_id)
            .values(like_count=liked.like_count + (1 if now is not None else -1))
            .execution_options(synchronize_session=False)
        )
    return changed is not None


async def like_count(session: AsyncSession, post_id: uuid.UUID) -> int:
    # Read after our own update: our like is counted, and so is every committed one.
    return int(await session.scalar(sa.select(Post.like_count).where(Post.id == post_id)) or 0)


async def first_like_notice(
    session: AsyncSession, *, post_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> bool:
    """True the first time ever for (post, user): only then is the like announced."""
    added = await session.scalar(
        insert(PostLikeNotice)
        .values(post_id=post_id, user_id=user_id, created_at=now)
        .on_conflict_do_nothing()
        .returning(PostLikeNotice.post_id)
    )
    return added is not None


async def bump_comments(session: AsyncSession, post_id: uuid.UUID, by: int) -> None:
    """comment_count moves with the comments part's adds and deletes, in their transaction."""
    await session.execute(
        sa.update(Post)
        .where(Post.id == post_id)
        .values(comment_count=Post.comment_count + by)
        .execution_options(synchronize_session=False)
    )


# --- restrictions (suspended users) ------------------------------------------------------


async def restricted(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> bool:
    stmt = sa.select(
        sa.exists().where(
            Restriction.user_id == user_id,
            sa.or_(Restriction.until.is_(None), Restriction.until > now),
        )
    )
    return bool(await session.scalar(stmt))


async def restrict(
    session: AsyncSession, *, user_id: uuid.UUID, until: datetime | None, now: datetime
) -> None:
    stmt = insert(Restriction).values(user_id=user_id, until=until, created_at=now)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[Restriction.user_id],
            set_={"until": stmt.excluded.until, "created_at": stmt.excluded.created_at},
        )
    )


async def lift_restriction(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(sa.delete(Restriction).where(Restriction.user_id == user_id))
