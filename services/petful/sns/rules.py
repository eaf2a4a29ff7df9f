"""Pure rules of the sns service: account status, input checks and the metrics other
services read (engagement rate, posts in a window). No I/O."""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from petful.platform.validation import RuleError

ADMIN_ROLE = "ADMIN"

SOURCE_INSTAGRAM = "instagram"
SOURCE_SANDBOX = "sandbox"
SOURCES = frozenset({SOURCE_INSTAGRAM, SOURCE_SANDBOX})

TOPIC_LINKED = "sns.account.linked"
TOPIC_SYNCED = "sns.account.synced"
TOPIC_UNLINKED = "sns.account.unlinked"
TOPIC_NEEDS_REAUTH = "sns.account.needs_reauth"

ACCESS_TOKEN_MAX = 4096
SYNC_ERROR_MAX = 500
WINDOW_DAYS_MAX = 365


class AccountStatus(enum.StrEnum):
    LINKED = "LINKED"
    NEEDS_REAUTH = "NEEDS_REAUTH"
    UNLINKED = "UNLINKED"


# Statuses in which an Instagram account counts as linked by its owner (one owner at a time).
ACTIVE = frozenset({AccountStatus.LINKED, AccountStatus.NEEDS_REAUTH})


# --- input -----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"^[\x21-\x7e]+$")
_IG_ID_RE = re.compile(r"^[0-9]{1,32}$", re.ASCII)


def check_access_token(raw: str) -> str:
    token = raw.strip()
    if not token:
        raise RuleError("is required")
    if len(token) > ACCESS_TOKEN_MAX:
        raise RuleError(f"must be at most {ACCESS_TOKEN_MAX} characters")
    if not _TOKEN_RE.match(token):
        raise RuleError("must be a Facebook access token")
    return token


def check_ig_user_id(raw: str) -> str:
    """Optional: "" or the numeric id of an Instagram business account."""
    value = raw.strip()
    if value and not _IG_ID_RE.match(value):
        raise RuleError("must be a numeric Instagram account id")
    return value


def parse_account_id(raw: str) -> uuid.UUID:
    if not raw.strip():
        raise RuleError("is required")
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise RuleError("must be a valid id") from None


def check_window_days(days: int, *, default: int) -> int:
    if days == 0:
        return default
    if not 1 <= days <= WINDOW_DAYS_MAX:
        raise RuleError(f"must be 1 to {WINDOW_DAYS_MAX}")
    return days


def choose_account(candidates: Sequence[str], wanted: str) -> str:
    """The Instagram account to link among the user's business accounts.

    RuleError when the wanted one is not among them, or none was named and there is not
    exactly one to pick."""
    if wanted:
        if wanted not in candidates:
            raise RuleError("is not an Instagram business account of this Facebook user")
        return wanted
    if not candidates:
        raise RuleError("no Instagram business account is connected to this user's pages")
    if len(candidates) > 1:
        raise RuleError("the user has several Instagram business accounts: name one")
    return candidates[0]


def clip_error(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SYNC_ERROR_MAX else text[: SYNC_ERROR_MAX - 1] + "…"


# --- metrics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    ig_media_id: str
    posted_at: datetime
    like_count: int
    comments_count: int
    permalink: str = ""
    caption: str = ""


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
    return sum((p.like_count + p.comments_count) / followers for p in recent) / len(recent)


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
