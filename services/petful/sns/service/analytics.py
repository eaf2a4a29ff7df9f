"""The owner's dashboard: recomputed from the stored rows at every sync, read as stored."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.auth_context import Principal
from petful.platform.settings import Settings
from petful.sns import repository
from petful.sns.models import Account, InsightMonth, Media
from petful.sns.rules import analytics as rules
from petful.sns.service.access import visible
from petful.sns.service.metrics import post_of


async def compute_and_store_analytics(
    session: AsyncSession, account: Account, *, settings: Settings, now: datetime
) -> rules.Analytics:
    """Recompute the account's analytics from the stored rows and store them."""
    posts = [post_of(m) for m in await repository.media_of(session, account.id)]
    history = await repository.follower_history(session, account.id)
    result = rules.compute_analytics(
        posts,
        followers=account.followers_count,
        follows=account.follows_count,
        follower_days=[(h.day, h.followers) for h in history],
        now=now,
        last_n=max(1, settings.sns.engagement_posts),
    )
    data = asdict(result)
    data["top_posts"] = [
        {**asdict(p), "posted_at": p.posted_at.isoformat()} for p in result.top_posts
    ]
    await repository.save_analytics(session, account.id, data, now)
    return result


@dataclass(frozen=True)
class AccountAnalytics:
    account: Account
    computed_at: datetime | None
    data: dict[str, Any]  # rules.Analytics as stored (JSON)
    insights: list[InsightMonth]
    top_posts: list[Media]


async def get_analytics(
    session: AsyncSession, *, actor: Principal, account_id: str
) -> AccountAnalytics:
    account = await visible(session, actor, account_id, admin=True, service=True)
    row = await repository.analytics_of(session, account.id)
    insights = await repository.insights_of(session, account.id)
    data: dict[str, Any] = dict(row.data) if row is not None else {}
    by_id = {m.ig_media_id: m for m in await repository.media_of(session, account.id)}
    tops = [
        m
        for p in data.get("top_posts", [])
        if (m := by_id.get(str(p.get("ig_media_id")))) is not None
    ]
    return AccountAnalytics(
        account=account,
        computed_at=row.computed_at if row is not None else None,
        data=data,
        insights=insights,
        top_posts=tops,
    )
