"""Every SQL statement of the posts part: posts, their pictures, likes, lists, search and
the restrictions of suspended users.

Lists are keyset queries on the partial indexes of live posts (community_0004): no
COUNT(*) and no OFFSET, so a page costs the same on the first board page and the
thousandth.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
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


async def any_by(session: AsyncSession, author_ids: Sequence[uuid.UUID]) -> bool:
    """Whether any of the authors ever posted (deleted posts included)."""
    stmt = sa.select(sa.exists().where(Post.author_id.in_(author_ids)))
    return bool(await session.scalar(stmt))


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


def search_vectors(
    title_terms: str, body_terms: str
) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]:
    """The tsvectors of a post from its kiwipiepy terms: the title's (the title tier of
    search) and the whole post's (title A, body B)."""

    def weighted(text: str, weight: Literal["A", "B"]) -> sa.ColumnElement[Any]:
        # The weight is a "char" argument: a literal, not a (varchar) parameter.
        return sa.func.setweight(
            sa.func.to_tsvector("simple", text), sa.literal_column(f"'{weight}'")
        )

    title = sa.func.to_tsvector("simple", title_terms)
    return title, weighted(title_terms, "A").op("||")(weighted(body_terms, "B"))


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
    after: ScoreCursor | None,
    limit: int,
) -> list[tuple[Post, int]]:
    """Posts by recent_score (likes and live comments of the popular window), newest
    first among equals: a keyset scan of ix_posts_board_popular / ix_posts_popular."""
    cond = _filters(board, author_id)
    if after is not None:
        cond.append(
            _before(
                (Post.recent_score, Post.created_at, Post.id),
                (int(after.score), after.created_at, after.id),
            )
        )
    stmt = (
        sa.select(Post)
        .where(*cond)
        .order_by(Post.recent_score.desc(), Post.created_at.desc(), Post.id.desc())
        .limit(limit)
    )
    return [(p, p.recent_score) for p in (await session.scalars(stmt)).all()]


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


# Search tiers (the hit's `rank`): every term in the title, else in the title and body.
TITLE_TIER, BODY_TIER = 2.0, 1.0
# How many of the newest live posts a search walks before it asks the GIN index instead.
SEARCH_WALK = 500


async def search(
    session: AsyncSession,
    *,
    tsquery: str,
    board: str | None,
    after: ScoreCursor | None,
    limit: int,
) -> list[tuple[Post, float]]:
    """Live posts with every term: title hits first, then the others, newest first in
    each tier (keyset on tier, created_at, id).

    Ranking every match (ts_rank_cd) costs in proportion to how many posts match: 110 ms
    for a word in 40 % of 100,000 posts. Tiers keep the cost of a page bounded: each tier
    is read newest first, see `_newest_matching`."""
    query = sa.func.to_tsquery("simple", tsquery)

    def in_title(p: Any) -> sa.ColumnElement[bool]:
        return p.title_search.op("@@", return_type=sa.Boolean)(query)  # type: ignore[no-any-return]

    def in_body_only(p: Any) -> sa.ColumnElement[bool]:
        return sa.and_(p.search.op("@@", return_type=sa.Boolean)(query), sa.not_(in_title(p)))

    tiers = ((TITLE_TIER, in_title), (BODY_TIER, in_body_only))
    rows: list[tuple[Post, float]] = []
    for tier, match in tiers:
        if after is not None and after.score < tier:
            continue  # the cursor is past this tier
        keyset = (after.created_at, after.id) if after is not None and after.score == tier else None
        found = await _newest_matching(
            session, match=match, board=board, after=keyset, limit=limit - len(rows)
        )
        rows += [(p, tier) for p in found]
        if len(rows) >= limit:
            break
    return rows


async def _newest_matching(
    session: AsyncSession,
    *,
    match: Callable[[Any], sa.ColumnElement[bool]],
    board: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Post]:
    """The newest `limit` live posts that match, after the keyset.

    First the newest SEARCH_WALK live posts are checked one by one (the recency index):
    a common word fills the page there. Only when it does not, the rest comes from the GIN
    index (every older match, sorted): then the word is rare (under limit in SEARCH_WALK),
    so there are few. The planner cannot make this choice itself: it does not know how
    common a prefix is and may walk the whole table for a rare one."""
    cond = _filters(board, None)
    if after is not None:
        cond.append(_before((Post.created_at, Post.id), after))
    # The LIMIT keeps the match out of the subquery: the planner cannot turn the walk into
    # an index search.
    newest = (
        sa.select(Post)
        .where(*cond)
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(SEARCH_WALK)
        .subquery()
    )
    recent = aliased(Post, newest)
    walked = (
        sa.select(recent)
        .where(match(recent))
        .order_by(recent.created_at.desc(), recent.id.desc())
        .limit(limit)
    )
    found = list((await session.scalars(walked)).all())
    if len(found) >= limit:
        return found
    edge = (
        await session.execute(
            sa.select(Post.created_at, Post.id)
            .where(*cond)
            .order_by(Post.created_at.desc(), Post.id.desc())
            .offset(SEARCH_WALK - 1)
            .limit(1)
        )
    ).first()
    if edge is None:
        return found  # the walk saw every live post
    # MATERIALIZED: every older match from the index, then sorted (never a walk).
    older = (
        sa.select(Post.id, Post.created_at)
        .where(*cond, match(Post), _before((Post.created_at, Post.id), (edge[0], edge[1])))
        .cte("older_matches")
        .prefix_with("MATERIALIZED")
    )
    rest = (
        sa.select(Post)
        .join(older, older.c.id == Post.id)
        .order_by(older.c.created_at.desc(), older.c.id.desc())
        .limit(limit - len(found))
    )
    return found + list((await session.scalars(rest)).all())


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
    """Like once; True when this call added the like (and bumped the counts)."""
    added = await toggle_like(session, Post, PostLike.post_id, post_id, user_id, now=now)
    if added is not None:
        await _bump_recent(session, post_id, +1)
    return added is not None


async def remove_like(
    session: AsyncSession, *, post_id: uuid.UUID, user_id: uuid.UUID, since: datetime
) -> bool:
    """Unlike; a like given since `since` leaves the post's recent_score too."""
    given = await toggle_like(session, Post, PostLike.post_id, post_id, user_id, now=None)
    if given is not None and given >= since:
        await _bump_recent(session, post_id, -1)
    return given is not None


async def toggle_like(
    session: AsyncSession,
    liked: type[Post] | type[Comment],
    key: InstrumentedAttribute[uuid.UUID],
    target_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    now: datetime | None,
) -> datetime | None:
    """Add (with `now`) or remove (None) user_id's like of a post or comment, where `key`
    is the like table's column naming what is liked; the like's time when this call changed
    it, else None. The count moves in SQL, not read-modify-write: concurrent likes each add
    their own one."""
    table = key.class_
    if now is not None:
        stmt: Any = (
            insert(table)
            .values({key.key: target_id, "user_id": user_id, "created_at": now})
            .on_conflict_do_nothing()
        )
    else:
        stmt = sa.delete(table).where(key == target_id, table.user_id == user_id)
    changed: datetime | None = await session.scalar(stmt.returning(table.created_at))
    if changed is not None:
        await session.execute(
            sa.update(liked)
            .where(liked.id == target_id)
            .values(like_count=liked.like_count + (1 if now is not None else -1))
            .execution_options(synchronize_session=False)
        )
    return changed


async def _bump_recent(session: AsyncSession, post_id: uuid.UUID, by: int) -> None:
    await session.execute(
        sa.update(Post)
        .where(Post.id == post_id)
        .values(recent_score=sa.func.greatest(Post.recent_score + by, 0))
        .execution_options(synchronize_session=False)
    )


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


async def bump_comments(
    session: AsyncSession, post_id: uuid.UUID, by: int, *, recent: bool
) -> None:
    """comment_count moves with the comments part's adds and deletes, in their transaction;
    recent_score too for a comment written within the popular window (`recent`)."""
    values: dict[str, Any] = {"comment_count": Post.comment_count + by}
    if recent:
        values["recent_score"] = sa.func.greatest(Post.recent_score + by, 0)
    await session.execute(
        sa.update(Post)
        .where(Post.id == post_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def refresh_recent_scores(session: AsyncSession, *, since: datetime) -> int:
    """Bring every post's recent_score back to its likes and live comments since `since`
    (what slid out of the window leaves; what moved meanwhile is counted afresh). Only
    posts whose score changes are written; how many."""
    activity = sa.union_all(_likes_since(since), _comments_since(since)).subquery()
    scores = (
        sa.select(activity.c.post_id, sa.cast(sa.func.sum(activity.c.n), sa.Integer).label("n"))
        .group_by(activity.c.post_id)
        .subquery()
    )
    fresh = sa.func.coalesce(
        sa.select(scores.c.n).where(scores.c.post_id == Post.id).scalar_subquery(), 0
    )
    stale = sa.or_(Post.recent_score > 0, Post.id.in_(sa.select(scores.c.post_id)))
    result = await session.execute(
        sa.update(Post)
        .where(stale, Post.recent_score != fresh)
        .values(recent_score=fresh)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


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
