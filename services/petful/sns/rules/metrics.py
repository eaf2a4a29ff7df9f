"""The figures other services read: engagement rate over the newest posts and the posts of
a recent window (the GetAccountMetrics reply and the `sns.account.synced` event)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from petful.sns.rules.posts import is_sponsored


@dataclass(frozen=True)
class Post:
    """A synced post, as the metrics and the analytics read it."""

    ig_media_id: str
    posted_at: datetime
    like_count: int
    comments_count: int
    permalink: str = ""
    caption: str = ""
    shortcode: str = ""
    paid_partnership: bool = False  # Instagram's label (see `sponsored`)

    @property
    def engagement(self) -> int:
        return self.like_count + self.comments_count

    @property
    def sponsored(self) -> bool:
        return is_sponsored(self.caption, self.paid_partnership)


@dataclass(frozen=True)
class Metrics:
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    posts_in_window: int
    window_posts: list[Post]


def newest_first(posts: Sequence[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.posted_at, p.ig_media_id), reverse=True)


def engagement_rate(posts: Sequence[Post], followers: int, *, last_n: int) -> float:
    """Mean of (likes + comments) / followers over the newest last_n posts (0 without
    followers or posts)."""
    recent = newest_first(posts)[:last_n]
    if followers <= 0 or not recent:
        return 0.0
    return sum(p.engagement / followers for p in recent) / len(recent)


def posts_in_window(posts: Sequence[Post], *, now: datetime, days: int) -> list[Post]:
    """Posts published in (now - days, now], newest first."""
    since = now - timedelta(days=days)
    return [p for p in newest_first(posts) if since < p.posted_at <= now]


def compute_metrics(
    posts: Sequence[Post], *, followers: int, now: datetime, window_days: int, last_n: int
) -> Metrics:
    recent = newest_first(posts)[:last_n]
    count = len(recent)
    window = posts_in_window(posts, now=now, days=window_days)
    return Metrics(
        engagement_rate=engagement_rate(posts, followers, last_n=last_n),
        avg_likes=sum(p.like_count for p in recent) / count if count else 0.0,
        avg_comments=sum(p.comments_count for p in recent) / count if count else 0.0,
        posts_in_window=len(window),
        window_posts=window,
    )
