"""Every SQL statement of the sns service."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.sns.models import (
    TS,
    Account,
    AnalyticsRow,
    Comment,
    FollowerHistory,
    InsightMonth,
    Media,
    ModerationLog,
    ModerationSettings,
)
from petful.sns.rules.accounts import AccountStatus
from petful.sns.rules.moderation import CommentSort, CommentState, Sentiment


async def get_account(
    session: AsyncSession, account_id: uuid.UUID, *, for_update: bool = False
) -> Account | None:
    stmt = sa.select(Account).where(Account.id == account_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Account | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def lock_account(session: AsyncSession, account_id: uuid.UUID) -> None:
    """Row lock for the rest of the transaction (a sync and an unlink never interleave)."""
    await session.execute(sa.select(Account.id).where(Account.id == account_id).with_for_update())


async def active_by_ig_user(
    session: AsyncSession, ig_user_id: str, *, for_update: bool = False
) -> Account | None:
    stmt = sa.select(Account).where(
        Account.ig_user_id == ig_user_id, Account.status != AccountStatus.UNLINKED.value
    )
    if for_update:
        stmt = stmt.with_for_update()
    result: Account | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def accounts_of_owner(
    session: AsyncSession, owner: uuid.UUID, *, include_unlinked: bool = False
) -> list[Account]:
    stmt = sa.select(Account).where(Account.owner_user_id == owner)
    if not include_unlinked:
        stmt = stmt.where(Account.status != AccountStatus.UNLINKED.value)
    stmt = stmt.order_by(Account.created_at.desc(), Account.id.desc())
    return list((await session.execute(stmt)).scalars())


async def linked_account_ids(session: AsyncSession, now: datetime) -> list[uuid.UUID]:
    """LINKED accounts whose owner is not suspended at now (the SQL form of
    rules.accounts.suspension_in_force), least recently synced first."""
    stmt = (
        sa.select(Account.id)
        .where(
            Account.status == AccountStatus.LINKED.value,
            sa.or_(
                Account.owner_suspended_at.is_(None),
                Account.owner_suspended_until <= now,
            ),
        )
        .order_by(Account.last_synced_at.asc().nulls_first(), Account.id)
    )
    return list((await session.execute(stmt)).scalars())


async def lock_accounts_of_owner(session: AsyncSession, owner: uuid.UUID) -> list[Account]:
    """Every account row of the owner, UNLINKED ones too, locked for the transaction (a
    running sync finishes before they are removed)."""
    stmt = (
        sa.select(Account)
        .where(Account.owner_user_id == owner)
        .order_by(Account.created_at, Account.id)
        .with_for_update()
    )
    return list((await session.execute(stmt)).scalars())


async def delete_accounts(session: AsyncSession, account_ids: Sequence[uuid.UUID]) -> None:
    if account_ids:
        await session.execute(sa.delete(Account).where(Account.id.in_(list(account_ids))))


async def suspend_owner(
    session: AsyncSession, owner: uuid.UUID, *, at: datetime, until: datetime | None
) -> int:
    """Mark the owner's accounts suspended from at (a suspension older than the one
    recorded changes nothing); returns how many rows changed."""
    result = await session.execute(
        sa.update(Account)
        .where(
            Account.owner_user_id == owner,
            sa.or_(Account.owner_suspended_at.is_(None), Account.owner_suspended_at <= at),
        )
        .values(owner_suspended_at=at, owner_suspended_until=until)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def reinstate_owner(session: AsyncSession, owner: uuid.UUID, *, at: datetime) -> int:
    """Lift a suspension recorded before at; returns how many rows changed."""
    result = await session.execute(
        sa.update(Account)
        .where(Account.owner_user_id == owner, Account.owner_suspended_at <= at)
        .values(owner_suspended_at=None, owner_suspended_until=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def add(session: AsyncSession, account: Account) -> None:
    session.add(account)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def upsert_media(
    session: AsyncSession, account_id: uuid.UUID, rows: Sequence[dict[str, object]], now: datetime
) -> int:
    """Insert or refresh media by (account, ig_media_id); returns how many rows were sent."""
    if not rows:
        return 0
    values = [{"id": uuid.uuid4(), "account_id": account_id, "synced_at": now, **r} for r in rows]
    stmt = insert(Media).values(values)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_media_account_ig_media",
        set_={
            "caption": stmt.excluded.caption,
            "media_type": stmt.excluded.media_type,
            "permalink": stmt.excluded.permalink,
            "posted_at": stmt.excluded.posted_at,
            "like_count": stmt.excluded.like_count,
            "comments_count": stmt.excluded.comments_count,
            "synced_at": stmt.excluded.synced_at,
            "shortcode": stmt.excluded.shortcode,
            "paid_partnership": stmt.excluded.paid_partnership,
        },
    )
    await session.execute(stmt)
    return len(values)


async def delete_media_not_in(
    session: AsyncSession, account_id: uuid.UUID, keep: Sequence[str]
) -> None:
    """Forget media Instagram no longer lists (deleted posts)."""
    stmt = sa.delete(Media).where(Media.account_id == account_id)
    if keep:
        stmt = stmt.where(Media.ig_media_id.not_in(list(keep)))
    await session.execute(stmt)


async def media_of(
    session: AsyncSession, account_id: uuid.UUID, *, limit: int | None = None
) -> list[Media]:
    stmt = (
        sa.select(Media)
        .where(Media.account_id == account_id)
        .order_by(Media.posted_at.desc(), Media.ig_media_id.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list((await session.execute(stmt)).scalars())


async def media_since(session: AsyncSession, account_id: uuid.UUID, since: datetime) -> list[Media]:
    stmt = (
        sa.select(Media)
        .where(Media.account_id == account_id, Media.posted_at > since)
        .order_by(Media.posted_at.desc(), Media.ig_media_id.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def record_followers(
    session: AsyncSession, account_id: uuid.UUID, day: date, followers: int
) -> None:
    stmt = insert(FollowerHistory).values(account_id=account_id, day=day, followers=followers)
    stmt = stmt.on_conflict_do_update(
        index_elements=["account_id", "day"], set_={"followers": stmt.excluded.followers}
    )
    await session.execute(stmt)


async def follower_history(session: AsyncSession, account_id: uuid.UUID) -> list[FollowerHistory]:
    stmt = (
        sa.select(FollowerHistory)
        .where(FollowerHistory.account_id == account_id)
        .order_by(FollowerHistory.day)
    )
    return list((await session.execute(stmt)).scalars())


# --- posts -----------------------------------------------------------------------------------


async def media_by_shortcode(
    session: AsyncSession, account_id: uuid.UUID, shortcode: str
) -> Media | None:
    stmt = sa.select(Media).where(Media.account_id == account_id, Media.shortcode == shortcode)
    result: Media | None = (await session.execute(stmt.limit(1))).scalar_one_or_none()
    return result


async def media_by_shortcodes(
    session: AsyncSession, shortcodes: Sequence[str], account_id: uuid.UUID | None
) -> list[Media]:
    if not shortcodes:
        return []
    stmt = sa.select(Media).where(Media.shortcode.in_(list(set(shortcodes))))
    if account_id is not None:
        stmt = stmt.where(Media.account_id == account_id)
    # Only posts of accounts that are still linked (an unlinked account's old row and a
    # re-link by someone else must not both answer).
    stmt = stmt.join(Account, Account.id == Media.account_id).where(
        Account.status != AccountStatus.UNLINKED.value
    )
    return list((await session.execute(stmt)).scalars())


async def media_comment_counts(session: AsyncSession, account_id: uuid.UUID) -> dict[str, int]:
    stmt = sa.select(Media.ig_media_id, Media.comments_count).where(Media.account_id == account_id)
    return {row[0]: int(row[1]) for row in await session.execute(stmt)}


# --- insights and analytics ------------------------------------------------------------------


async def upsert_insight(
    session: AsyncSession, account_id: uuid.UUID, month: date, values: dict[str, int], now: datetime
) -> None:
    row = {k: int(values.get(k, 0)) for k in ("likes", "comments", "shares", "views", "reach")}
    stmt = insert(InsightMonth).values(account_id=account_id, month=month, synced_at=now, **row)
    stmt = stmt.on_conflict_do_update(
        index_elements=["account_id", "month"],
        set_={**{k: getattr(stmt.excluded, k) for k in row}, "synced_at": stmt.excluded.synced_at},
    )
    await session.execute(stmt)


async def insights_of(session: AsyncSession, account_id: uuid.UUID) -> list[InsightMonth]:
    stmt = (
        sa.select(InsightMonth)
        .where(InsightMonth.account_id == account_id)
        .order_by(InsightMonth.month)
    )
    return list((await session.execute(stmt)).scalars())


async def save_analytics(
    session: AsyncSession, account_id: uuid.UUID, data: dict[str, Any], now: datetime
) -> None:
    stmt = insert(AnalyticsRow).values(account_id=account_id, computed_at=now, data=data)
    stmt = stmt.on_conflict_do_update(
        index_elements=["account_id"],
        set_={"computed_at": stmt.excluded.computed_at, "data": stmt.excluded.data},
    )
    await session.execute(stmt)


async def analytics_for(
    session: AsyncSession, account_ids: Sequence[uuid.UUID]
) -> list[AnalyticsRow]:
    if not account_ids:
        return []
    stmt = sa.select(AnalyticsRow).where(AnalyticsRow.account_id.in_(list(account_ids)))
    return list((await session.execute(stmt)).scalars())


async def analytics_of(session: AsyncSession, account_id: uuid.UUID) -> AnalyticsRow | None:
    result: AnalyticsRow | None = await session.get(AnalyticsRow, account_id)
    return result


# --- moderation ------------------------------------------------------------------------------


async def moderation_settings(
    session: AsyncSession, account_id: uuid.UUID, *, for_update: bool = False
) -> ModerationSettings | None:
    stmt = sa.select(ModerationSettings).where(ModerationSettings.account_id == account_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: ModerationSettings | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def add_row(session: AsyncSession, row: object) -> None:
    session.add(row)
    await session.flush()


async def comment_ids(session: AsyncSession, account_id: uuid.UUID) -> set[str]:
    stmt = sa.select(Comment.ig_comment_id).where(Comment.account_id == account_id)
    return set((await session.execute(stmt)).scalars())


async def refresh_comments(
    session: AsyncSession, account_id: uuid.UUID, rows: Sequence[dict[str, Any]], now: datetime
) -> None:
    """Refresh what Instagram owns (text, likes, user name) of known comments. State,
    sentiment and moderation stay as they are: a re-sync never undoes a decision."""
    for r in rows:
        await session.execute(
            sa.update(Comment)
            .where(Comment.account_id == account_id, Comment.ig_comment_id == r["ig_comment_id"])
            .values(
                text=r["text"], like_count=r["like_count"], username=r["username"], synced_at=now
            )
        )


async def get_comment(
    session: AsyncSession, comment_id: uuid.UUID, *, for_update: bool = False
) -> Comment | None:
    stmt = sa.select(Comment).where(Comment.id == comment_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Comment | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


SORTS = {
    CommentSort.NEWEST: (Comment.posted_at.desc(), Comment.id.desc()),
    CommentSort.OLDEST: (Comment.posted_at.asc(), Comment.id.asc()),
    CommentSort.MOST_LIKED: (
        Comment.like_count.desc(),
        Comment.posted_at.desc(),
        Comment.id.desc(),
    ),
}


def _after_comment(sort: CommentSort, after: tuple[datetime, uuid.UUID]) -> sa.ColumnElement[bool]:
    """Rows after the cursor's comment (its posted_at and id) in the sort's order. MOST_LIKED
    reads the cursor comment's current like count: a page continues after that comment."""
    at, row_id = sa.literal(after[0], TS), sa.literal(after[1], sa.Uuid)
    if sort is CommentSort.OLDEST:
        return sa.tuple_(Comment.posted_at, Comment.id) > sa.tuple_(at, row_id)
    if sort is CommentSort.NEWEST:
        return sa.tuple_(Comment.posted_at, Comment.id) < sa.tuple_(at, row_id)
    likes = sa.select(Comment.like_count).where(Comment.id == after[1]).scalar_subquery()
    return sa.tuple_(Comment.like_count, Comment.posted_at, Comment.id) < sa.tuple_(
        likes, at, row_id
    )


async def search_comments(
    session: AsyncSession,
    account_id: uuid.UUID,
    *,
    sentiment: Sentiment | None,
    moderated: bool | None,
    text: str,
    ig_media_id: str,
    sort: CommentSort,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Comment]:
    """One page (limit rows after the cursor's comment) in a stable order (ties by id)."""
    stmt = sa.select(Comment).where(Comment.account_id == account_id)
    if sentiment is not None:
        stmt = stmt.where(Comment.sentiment == sentiment.value)
    if moderated is True:
        stmt = stmt.where(Comment.state != CommentState.VISIBLE.value)
    elif moderated is False:
        stmt = stmt.where(Comment.state == CommentState.VISIBLE.value)
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Comment.text.ilike(f"%{escaped}%", escape="\\"))
    if ig_media_id:
        stmt = stmt.where(Comment.ig_media_id == ig_media_id)
    if after is not None:
        stmt = stmt.where(_after_comment(sort, after))
    stmt = stmt.order_by(*SORTS[sort]).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def comment_counts(session: AsyncSession, account_id: uuid.UUID) -> dict[str, int]:
    c = Comment
    stmt = sa.select(
        sa.func.count().label("total"),
        sa.func.count().filter(c.state == CommentState.HIDDEN.value).label("hidden"),
        sa.func.count().filter(c.state == CommentState.DELETED.value).label("deleted"),
        sa.func.count().filter(c.sentiment == "POSITIVE").label("positive"),
        sa.func.count().filter(c.sentiment == "NEGATIVE").label("negative"),
        sa.func.count().filter(c.sentiment == "NEUTRAL").label("neutral"),
    ).where(c.account_id == account_id)
    row = (await session.execute(stmt)).one()
    return {k: int(v or 0) for k, v in row._mapping.items()}


async def comment_texts(session: AsyncSession, account_id: uuid.UUID) -> list[str]:
    stmt = sa.select(Comment.text).where(Comment.account_id == account_id)
    return list((await session.execute(stmt)).scalars())


async def moderation_log(
    session: AsyncSession,
    account_id: uuid.UUID,
    *,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[ModerationLog]:
    """Newest first; after is the (at, id) of the last entry of the previous page."""
    stmt = sa.select(ModerationLog).where(ModerationLog.account_id == account_id)
    if after is not None:
        stmt = stmt.where(
            sa.tuple_(ModerationLog.at, ModerationLog.id)
            < sa.tuple_(sa.literal(after[0], TS), sa.literal(after[1], sa.Uuid))
        )
    stmt = stmt.order_by(ModerationLog.at.desc(), ModerationLog.id.desc()).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def forget_synced_data(session: AsyncSession, account_id: uuid.UUID) -> None:
    """Everything synced from Instagram for the account, and its moderation data (the
    account row itself stays, UNLINKED, so ids held by other services still resolve)."""
    for model in (ModerationLog, Comment, ModerationSettings, AnalyticsRow, InsightMonth):
        await session.execute(sa.delete(model).where(model.account_id == account_id))
    await session.execute(
        sa.delete(FollowerHistory).where(FollowerHistory.account_id == account_id)
    )
    await session.execute(sa.delete(Media).where(Media.account_id == account_id))


async def pending_comments(session: AsyncSession, account_id: uuid.UUID) -> list[Comment]:
    """Comments whose automatic action Instagram has not taken yet."""
    stmt = (
        sa.select(Comment)
        .where(Comment.account_id == account_id, Comment.pending_action.is_not(None))
        .order_by(Comment.first_seen_at)
    )
    return list((await session.execute(stmt)).scalars())
