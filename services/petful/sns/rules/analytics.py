"""The owner's dashboard, computed at each sync from the stored posts, follower history and
insights: averages against the previous 30 days, posting frequency, growth, top posts,
sponsored against organic engagement and an audience-credibility heuristic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from petful.sns.rules.metrics import Post, engagement_rate

TOP_POSTS = 3
FREQUENCY_DAYS = 90
COMPARE_DAYS = 30


def pct_change(recent: float, previous: float) -> float:
    """(recent - previous) / previous * 100, rounded to 0.1; previous 0 -> 100 when recent
    is positive, else 0."""
    if previous == 0:
        return 100.0 if recent > 0 else 0.0
    return round((recent - previous) * 100.0 / previous, 1)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def monthly_followers(days: Sequence[tuple[date, int]]) -> list[tuple[str, int, int]]:
    """(month "YYYY-MM", last count seen in the month, change against the previous month)."""
    last: dict[str, int] = {}
    for day, followers in sorted(days):
        last[day.strftime("%Y-%m")] = followers
    out: list[tuple[str, int, int]] = []
    prev: int | None = None
    for month in sorted(last):
        count = last[month]
        out.append((month, count, 0 if prev is None else count - prev))
        prev = count
    return out


@dataclass(frozen=True)
class CredibilityScore:
    score: int
    follower_following_ratio: float
    flags: list[str]


def credibility(
    *,
    followers: int,
    follows: int,
    posts: Sequence[Post],
    engagement_rate: float,
    growth: Sequence[tuple[str, int, int]],
) -> CredibilityScore:
    """An audience-credibility HEURISTIC (0..100), not a fraud verdict. Starts at 100 and
    subtracts for signals often seen with bought followers or engagement:

    - follows_many (-20): the account follows more than it is followed by (ratio < 1), or
      far more than is usual for its size;
    - low_engagement (-25): under 0.5 % engagement with 1,000+ followers (followers that
      do not engage);
    - engagement_outliers (-15): among the last 12 posts, one with more than 5x the median
      likes + comments (bought likes on single posts);
    - follower_spike (-25): a month that gained more than 30 % of the previous month's
      followers (with 1,000+ followers; bought followers arrive in bursts);
    - few_posts (-10): fewer than 3 posts, too little to judge.
    """
    score = 100
    flags: list[str] = []
    ratio_ff = round(followers / follows, 2) if follows > 0 else float(followers)
    if follows > 0 and ratio_ff < 1.0:
        score -= 20
        flags.append("follows_many")
    if followers >= 1000 and engagement_rate < 0.005:
        score -= 25
        flags.append("low_engagement")
    recent = sorted(posts, key=lambda p: p.posted_at, reverse=True)[:12]
    if len(recent) >= 5:
        values = sorted(p.engagement for p in recent)
        median = values[len(values) // 2]
        if median > 0 and values[-1] > 5 * median:
            score -= 15
            flags.append("engagement_outliers")
    for i in range(1, len(growth)):
        prev, change = growth[i - 1][1], growth[i][2]
        if prev >= 1000 and change > 0.3 * prev:
            score -= 25
            flags.append("follower_spike")
            break
    if len(posts) < 3:
        score -= 10
        flags.append("few_posts")
    return CredibilityScore(max(0, score), ratio_ff, flags)


@dataclass(frozen=True)
class Analytics:
    followers_count: int
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    max_likes: int
    max_comments: int
    avg_likes_change_pct: float
    avg_comments_change_pct: float
    max_likes_change_pct: float
    max_comments_change_pct: float
    posts_per_week: float
    follower_growth: list[tuple[str, int, int]]
    top_posts: list[Post]
    sponsored_posts: int
    organic_posts: int
    paid_vs_organic_engagement: float
    credibility: CredibilityScore


def compute_analytics(
    posts: Sequence[Post],
    *,
    followers: int,
    follows: int,
    follower_days: Sequence[tuple[date, int]],
    now: datetime,
    last_n: int,
) -> Analytics:
    """Averages and maxima are over the last 30 days, compared with the 30 days before;
    engagement rate over the newest last_n posts; posting frequency over 90 days."""
    recent_start = now - timedelta(days=COMPARE_DAYS)
    prev_start = recent_start - timedelta(days=COMPARE_DAYS)
    recent = [p for p in posts if recent_start < p.posted_at <= now]
    previous = [p for p in posts if prev_start < p.posted_at <= recent_start]

    def stats(group: Sequence[Post]) -> tuple[float, float, int, int]:
        return (
            _mean([p.like_count for p in group]),
            _mean([p.comments_count for p in group]),
            max((p.like_count for p in group), default=0),
            max((p.comments_count for p in group), default=0),
        )

    r, p = stats(recent), stats(previous)
    rate = engagement_rate(posts, followers, last_n=last_n)
    freq_start = now - timedelta(days=FREQUENCY_DAYS)
    in_freq = [x for x in posts if freq_start < x.posted_at <= now]
    sponsored = [x for x in posts if x.sponsored]
    organic = [x for x in posts if not x.sponsored]
    s_mean = _mean([x.engagement for x in sponsored])
    o_mean = _mean([x.engagement for x in organic])
    growth = monthly_followers(follower_days)
    top = sorted(posts, key=lambda x: (x.engagement, x.posted_at), reverse=True)[:TOP_POSTS]
    return Analytics(
        followers_count=followers,
        engagement_rate=rate,
        avg_likes=round(r[0], 2),
        avg_comments=round(r[1], 2),
        max_likes=r[2],
        max_comments=r[3],
        avg_likes_change_pct=pct_change(r[0], p[0]),
        avg_comments_change_pct=pct_change(r[1], p[1]),
        max_likes_change_pct=pct_change(r[2], p[2]),
        max_comments_change_pct=pct_change(r[3], p[3]),
        posts_per_week=round(len(in_freq) * 7 / FREQUENCY_DAYS, 2),
        follower_growth=growth,
        top_posts=top,
        sponsored_posts=len(sponsored),
        organic_posts=len(organic),
        paid_vs_organic_engagement=round(s_mean / o_mean, 3) if sponsored and o_mean else 0.0,
        credibility=credibility(
            followers=followers,
            follows=follows,
            posts=posts,
            engagement_rate=rate,
            growth=growth,
        ),
    )


def insight_windows(month_start: date) -> list[tuple[date, date]]:
    """The two windows a month's insights are read in ([1st, 16th), [16th, next 1st)):
    Graph caps since..until at 30 days."""
    nxt = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    mid = month_start.replace(day=16)
    return [(month_start, mid), (mid, nxt)]


def months_back(today: date, n: int) -> list[date]:
    """First days of the n months ending with today's, oldest first."""
    out: list[date] = []
    cur = today.replace(day=1)
    for _ in range(n):
        out.append(cur)
        cur = (cur - timedelta(days=1)).replace(day=1)
    return list(reversed(out))
