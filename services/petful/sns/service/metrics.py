"""The figures other services read: the GetAccountMetrics reply and, after every sync,
the `sns.account.synced` event that carries the same figures so consumers need not ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.settings import Settings
from petful.platform.validation import Violations, parse_uuid
from petful.sns import repository
from petful.sns.models import SCHEMA, Account, Media
from petful.sns.rules import accounts as account_rules
from petful.sns.rules import metrics as rules
from petful.sns.service.access import visible
from petful.sns.service.accounts import changed


@dataclass(frozen=True)
class AccountMetrics:
    account: Account
    metrics: rules.Metrics


def post_of(m: Media) -> rules.Post:
    return rules.Post(
        ig_media_id=m.ig_media_id,
        posted_at=m.posted_at,
        like_count=m.like_count,
        comments_count=m.comments_count,
        permalink=m.permalink,
        caption=m.caption,
        shortcode=m.shortcode,
        paid_partnership=m.paid_partnership,
    )


async def account_metrics(
    session: AsyncSession, account: Account, *, settings: Settings, now: datetime, days: int
) -> rules.Metrics:
    """Engagement over the newest settings.sns.engagement_posts posts, and the posts of
    the last `days` days (only those rows are read)."""
    last_n = max(1, settings.sns.engagement_posts)
    rows = {m.ig_media_id: m for m in await repository.media_of(session, account.id, limit=last_n)}
    for m in await repository.media_since(session, account.id, now - timedelta(days=days)):
        rows.setdefault(m.ig_media_id, m)
    return rules.compute_metrics(
        [post_of(m) for m in rows.values()],
        followers=account.followers_count,
        now=now,
        window_days=days,
        last_n=last_n,
    )


async def get_metrics(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    now: datetime,
    account_id: str,
    window_days: int,
) -> AccountMetrics:
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    days = v.check(
        "window_days",
        account_rules.check_window_days,
        window_days,
        default=settings.sns.metrics_window_days,
    )
    v.raise_if_any("the metrics request has invalid fields")
    account = await visible(session, actor, account_id, admin=True, service=True)
    metrics = await account_metrics(session, account, settings=settings, now=now, days=days)
    return AccountMetrics(account=account, metrics=metrics)


def synced_post(p: rules.Post) -> contract.SyncedPost:
    return contract.SyncedPost(
        ig_media_id=p.ig_media_id,
        permalink=p.permalink,
        shortcode=p.shortcode,
        caption=p.caption,
        posted_at=p.posted_at,
        like_count=p.like_count,
        comments_count=p.comments_count,
        paid_partnership=p.sponsored,
    )


async def publish_synced(
    session: AsyncSession, account: Account, *, settings: Settings, now: datetime
) -> None:
    """`sns.account.synced` with the account's fresh figures and the posts of the default
    metrics window (newest first, at most contract.RECENT_POSTS_MAX of them)."""
    days = settings.sns.metrics_window_days
    m = await account_metrics(session, account, settings=settings, now=now, days=days)
    payload = contract.AccountSynced(
        **changed(account).model_dump(),
        followers_count=account.followers_count,
        follows_count=account.follows_count,
        media_count=account.media_count,
        engagement_rate=m.engagement_rate,
        window_days=days,
        posts_in_window=m.posts_in_window,
        recent_posts=[synced_post(p) for p in m.window_posts[: contract.RECENT_POSTS_MAX]],
    )
    await outbox.add_event(session, SCHEMA, contract.ACCOUNT_SYNCED, payload, now=now)
