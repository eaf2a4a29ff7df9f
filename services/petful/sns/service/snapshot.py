"""What one sync reads from Instagram, and storing it: profile, posts (announcing new
ones), follower count, insights, new comments (auto-moderated) and the analytics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.platform import outbox
from petful.platform.settings import Settings
from petful.sns import graph, repository
from petful.sns.models import SCHEMA, Account
from petful.sns.rules import analytics as analytics_rules
from petful.sns.rules.posts import is_sponsored
from petful.sns.service.accounts import changed
from petful.sns.service.analytics import compute_and_store_analytics
from petful.sns.service.comments import Moderator, ingest_comments

# Failures that end the whole sync; any other Graph error on one post's comments or one
# insights window (e.g. the post was deleted meanwhile) only skips that part.
_FATAL = (graph.TokenInvalid, graph.RateLimited, graph.GraphUnavailable)


@dataclass(frozen=True)
class Snapshot:
    """What one sync read from Instagram."""

    profile: graph.Profile
    media: list[graph.Media]
    # Comments (with replies) of the posts whose comments were read this time.
    comments: dict[str, list[graph.Comment]] = field(default_factory=dict)
    # First day of month -> summed insights.
    insights: dict[date, dict[str, int]] = field(default_factory=dict)


async def fetch_snapshot(
    client: graph.GraphClient,
    ig_user_id: str,
    token: str,
    *,
    settings: Settings,
    now: datetime,
    known_counts: dict[str, int] | None = None,
) -> Snapshot:
    """Profile, media, comments and insights.

    known_counts None is a first sync: comments of every post that has any, and
    settings.sns.insight_months of insights. Otherwise comments of recent posts and of posts
    whose comment count changed, and this and last month's insights."""
    profile = await client.profile(ig_user_id, token)
    media = await client.media(ig_user_id, token)
    recent = now - timedelta(days=max(0, settings.sns.comment_sync_days))
    comments: dict[str, list[graph.Comment]] = {}
    for m in media:
        if not m.ig_media_id or m.comments_count <= 0:
            continue
        if (
            known_counts is not None
            and known_counts.get(m.ig_media_id) == m.comments_count
            and m.posted_at <= recent
        ):
            continue
        try:
            comments[m.ig_media_id] = await client.comments(m.ig_media_id, token)
        except _FATAL:
            raise
        except graph.GraphError:
            continue
    months = analytics_rules.months_back(
        now.date(), max(1, settings.sns.insight_months) if known_counts is None else 2
    )
    insights: dict[date, dict[str, int]] = {}
    for month in months:
        total = await _month_insights(client, ig_user_id, token, month, now)
        if total:
            insights[month] = total
    return Snapshot(profile=profile, media=media, comments=comments, insights=insights)


async def _month_insights(
    client: graph.GraphClient, ig_user_id: str, token: str, month: date, now: datetime
) -> dict[str, int]:
    total: dict[str, int] = {}
    for start, end in analytics_rules.insight_windows(month):
        since = datetime(start.year, start.month, start.day, tzinfo=UTC)
        until = min(datetime(end.year, end.month, end.day, tzinfo=UTC), now)
        if since >= until:
            continue
        try:
            part = await client.insights(ig_user_id, token, since=since, until=until)
        except _FATAL:
            raise
        except graph.GraphError:
            continue
        for k, v in part.items():
            total[k] = total.get(k, 0) + v
    return total


def _media_row(m: graph.Media) -> dict[str, object]:
    return {
        "ig_media_id": m.ig_media_id,
        "caption": m.caption,
        "media_type": m.media_type,
        "permalink": m.permalink,
        "posted_at": m.posted_at,
        "like_count": m.like_count,
        "comments_count": m.comments_count,
        "shortcode": contract.shortcode_of(m.permalink) or "",
        "paid_partnership": m.paid_partnership,
    }


def _published(account: Account, m: graph.Media) -> contract.PostPublished:
    return contract.PostPublished(
        **changed(account).model_dump(),
        post=contract.SyncedPost(
            ig_media_id=m.ig_media_id,
            permalink=m.permalink,
            shortcode=contract.shortcode_of(m.permalink) or "",
            caption=m.caption,
            posted_at=m.posted_at,
            like_count=m.like_count,
            comments_count=m.comments_count,
            paid_partnership=is_sponsored(m.caption, m.paid_partnership),
        ),
    )


async def apply_snapshot(
    session: AsyncSession,
    account: Account,
    snap: Snapshot,
    now: datetime,
    *,
    settings: Settings,
    moderator: Moderator,
    known_media: set[str] | None = None,
) -> None:
    """Store what a sync read. known_media (the post ids stored before a re-sync) makes
    every post seen for the first time emit sns.post.published (not on the first sync)."""
    p = snap.profile
    account.username = p.username or account.username
    account.name = p.name
    account.biography = p.biography
    account.profile_picture_url = p.profile_picture_url
    account.followers_count = p.followers_count
    account.follows_count = p.follows_count
    account.media_count = p.media_count
    account.last_synced_at = now
    account.last_sync_error = ""
    account.updated_at = now
    await repository.flush(session)
    media = {m.ig_media_id: m for m in snap.media if m.ig_media_id}
    await repository.upsert_media(session, account.id, [_media_row(m) for m in media.values()], now)
    await repository.delete_media_not_in(session, account.id, list(media))
    if known_media is not None:
        for media_id, m in media.items():
            if media_id not in known_media:
                await outbox.add_event(
                    session, SCHEMA, contract.POST_PUBLISHED, _published(account, m), now=now
                )
    await repository.record_followers(session, account.id, now.date(), p.followers_count)
    for month, values in snap.insights.items():
        await repository.upsert_insight(session, account.id, month, values, now)
    await ingest_comments(session, account, snap.comments, now, moderator)
    await compute_and_store_analytics(session, account, settings=settings, now=now)
