"""Pure pet rules: field validation, the PetStar application state machine and eligibility.

No I/O. Each check returns the normalised value or raises `RuleError(reason)`; the service
layer attaches the request field name.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from petful.platform.validation import RuleError, check_line, has_control

# Dates shown to people are Korean dates.
SEOUL = ZoneInfo("Asia/Seoul")


class TransitionError(RuleError):
    """The application is in a state where the action is not allowed (409 at the edge)."""


# --- pets ----------------------------------------------------------------------------------


class Species(StrEnum):
    DOG = "DOG"
    CAT = "CAT"
    RABBIT = "RABBIT"
    BIRD = "BIRD"
    REPTILE = "REPTILE"
    FISH = "FISH"
    OTHER = "OTHER"


class Sex(StrEnum):
    MALE = "MALE"
    FEMALE = "FEMALE"
    UNKNOWN = "UNKNOWN"


class ContactPreference(StrEnum):
    IN_APP = "IN_APP"
    EMAIL = "EMAIL"
    PHONE = "PHONE"


NAME_MAX = 30
BREED_MAX = 50
INTRO_MAX = 500
TAG_MAX_LEN, TAGS_MAX = 20, 10
WEIGHT_MIN, WEIGHT_MAX = 0.1, 120.0
AGE_MONTHS_MAX = 50 * 12
OLDEST_YEARS = 50


def check_name(raw: str) -> str:
    return check_line(raw, max_len=NAME_MAX)


def name_key(name: str) -> str:
    """What makes two names of one owner's pets the same (case- and width-insensitive)."""
    return name.casefold()


def check_breed(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > BREED_MAX:
        raise RuleError(f"must be at most {BREED_MAX} characters")
    if has_control(text):
        raise RuleError("must not contain control characters")
    return text


def parse_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise RuleError("must be a date like 2024-05-01") from None


def check_birth_date(raw: str, *, today: date) -> date | None:
    """Empty means unknown; otherwise not in the future and not absurdly old."""
    if not raw.strip():
        return None
    born = parse_date(raw)
    if born > today:
        raise RuleError("must not be in the future")
    if born < today.replace(year=today.year - OLDEST_YEARS):
        raise RuleError(f"must be within the last {OLDEST_YEARS} years")
    return born


def check_age_months(months: int | None) -> int | None:
    if months is None:
        return None
    if not 0 <= months <= AGE_MONTHS_MAX:
        raise RuleError(f"must be 0 to {AGE_MONTHS_MAX} months")
    return months


def check_weight(kg: float | None) -> float | None:
    """Kilograms with one decimal, 0.1 to 120."""
    if kg is None:
        return None
    if kg != kg or not WEIGHT_MIN <= kg <= WEIGHT_MAX:  # kg != kg: NaN
        raise RuleError(f"must be {WEIGHT_MIN} to {WEIGHT_MAX:g} kg")
    return round(kg, 1)


def check_tags(raw: Iterable[str]) -> list[str]:
    """Personality tags: trimmed, `#` dropped, deduplicated (case-insensitive), at most 10."""
    tags: list[str] = []
    seen: set[str] = set()
    for item in raw:
        tag = " ".join(item.split()).lstrip("#").strip()
        if not tag:
            continue
        if len(tag) > TAG_MAX_LEN:
            raise RuleError(f"each tag must be at most {TAG_MAX_LEN} characters")
        if has_control(tag):
            raise RuleError("must not contain control characters")
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise RuleError(f"must have at most {TAGS_MAX} tags")
    return tags


def owner_suspended(
    suspended_at: datetime | None, until: datetime | None, *, now: datetime
) -> bool:
    """Whether the owner's suspension hides their pets from everyone else at now: from the
    suspension to its end date, or until reinstated when it has none (as identity counts
    it: a suspension past its end date has lapsed, with or without an event)."""
    return suspended_at is not None and (until is None or until > now)


# --- portfolio and history -----------------------------------------------------------------

PORTFOLIO_TEXT_MAX = 300
PRICE_MAX_KRW = 100_000_000
HISTORY_TITLE_MAX = 100
HISTORY_TEXT_MAX = 2000
HISTORY_IMAGES_MAX = 10


def check_price(krw: int) -> int:
    if not 0 <= krw <= PRICE_MAX_KRW:
        raise RuleError(f"must be 0 to {PRICE_MAX_KRW:,} KRW")
    return krw


def check_period(start: date, end: date) -> None:
    """An activity period ends on or after the day it starts (the end date is blamed)."""
    if start > end:
        raise RuleError("must not be before start_date")


def check_history_image_count(current: int) -> None:
    if current >= HISTORY_IMAGES_MAX:
        raise RuleError(f"an entry holds at most {HISTORY_IMAGES_MAX} images")


# --- the PetStar application workflow ------------------------------------------------------


class AppState(StrEnum):
    SUBMITTED = "SUBMITTED"
    VERIFYING = "VERIFYING"
    IN_REVIEW = "IN_REVIEW"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    REVOKED = "REVOKED"


class AppEvent(StrEnum):
    START_VERIFY = "START_VERIFY"  # the verifier picks it up
    VERIFIED = "VERIFIED"  # metrics fetched (or given up on): on to the admins
    APPROVE = "APPROVE"  # admin
    REJECT = "REJECT"  # admin, with a reason
    WITHDRAW = "WITHDRAW"  # owner, while not decided
    REVOKE = "REVOKE"  # admin, with a reason, after approval


OPEN_STATES = frozenset({AppState.SUBMITTED, AppState.VERIFYING, AppState.IN_REVIEW})

APP_TRANSITIONS: dict[tuple[AppState, AppEvent], AppState] = {
    (AppState.SUBMITTED, AppEvent.START_VERIFY): AppState.VERIFYING,
    (AppState.VERIFYING, AppEvent.VERIFIED): AppState.IN_REVIEW,
    (AppState.IN_REVIEW, AppEvent.APPROVE): AppState.APPROVED,
    (AppState.IN_REVIEW, AppEvent.REJECT): AppState.REJECTED,
    (AppState.SUBMITTED, AppEvent.WITHDRAW): AppState.WITHDRAWN,
    (AppState.VERIFYING, AppEvent.WITHDRAW): AppState.WITHDRAWN,
    (AppState.IN_REVIEW, AppEvent.WITHDRAW): AppState.WITHDRAWN,
    (AppState.APPROVED, AppEvent.REVOKE): AppState.REVOKED,
}


def next_state(current: AppState, event: AppEvent) -> AppState:
    target = APP_TRANSITIONS.get((current, event))
    if target is None:
        raise TransitionError(
            f"cannot {event.value.lower().replace('_', ' ')} an application that is {current.value}"
        )
    return target


class PetStarStatus(StrEnum):
    """The pet card's summary of its latest application."""

    NONE = "NONE"
    APPLYING = "APPLYING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    REVOKED = "REVOKED"


def petstar_status(state: AppState | None) -> PetStarStatus:
    if state is None or state is AppState.WITHDRAWN:
        return PetStarStatus.NONE
    if state in OPEN_STATES:
        return PetStarStatus.APPLYING
    return PetStarStatus(state.value)


@dataclass(frozen=True)
class ApplyContext:
    """What the service knows about a pet when its owner applies."""

    has_published_portfolio: bool
    has_instagram: bool
    latest_state: AppState | None
    latest_decided_at: datetime | None


def check_can_apply(ctx: ApplyContext, *, now: datetime, cooldown: timedelta) -> None:
    """Raise TransitionError naming why this pet cannot apply now.

    Rejected (or revoked) pets may re-apply after the cool-down; the original system made
    rejection permanent.
    """
    if ctx.latest_state in OPEN_STATES:
        raise TransitionError("this pet already has an open PetStar application")
    if ctx.latest_state is AppState.APPROVED:
        raise TransitionError("this pet is already a PetStar")
    if ctx.latest_state in (AppState.REJECTED, AppState.REVOKED) and ctx.latest_decided_at:
        allowed = ctx.latest_decided_at + cooldown
        if now < allowed:
            raise TransitionError(
                f"this pet may apply again from {allowed.astimezone(SEOUL).date().isoformat()} "
                f"({cooldown.days} days after the last decision)"
            )
    missing = []
    if not ctx.has_published_portfolio:
        missing.append("a published portfolio")
    if not ctx.has_instagram:
        missing.append("a linked Instagram account")
    if missing:
        raise TransitionError("applying needs " + " and ".join(missing))


# --- eligibility ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    min_followers: int = 1000
    min_qualifying_posts: int = 3
    min_likes: int = 300
    window_days: int = 90


@dataclass(frozen=True)
class Post:
    posted_at: datetime
    like_count: int


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple[str, ...]
    qualifying_posts: int
    posts_in_window: int


def evaluate(
    followers: int, posts: Sequence[Post], criteria: Criteria, *, now: datetime
) -> Eligibility:
    """Check the published PetStar criteria; every unmet one is named."""
    since = now - timedelta(days=criteria.window_days)
    in_window = [p for p in posts if since <= p.posted_at <= now]
    qualifying = sum(1 for p in in_window if p.like_count >= criteria.min_likes)
    reasons: list[str] = []
    if followers < criteria.min_followers:
        reasons.append(f"followers {followers:,} < {criteria.min_followers:,}")
    if qualifying < criteria.min_qualifying_posts:
        reasons.append(
            f"posts with {criteria.min_likes:,}+ likes in the last {criteria.window_days} "
            f"days: {qualifying} < {criteria.min_qualifying_posts}"
        )
    return Eligibility(not reasons, tuple(reasons), qualifying, len(in_window))


# --- directory -----------------------------------------------------------------------------


class DirectorySort(StrEnum):
    NEWEST = "NEWEST"
    FOLLOWERS = "FOLLOWERS"
    ENGAGEMENT = "ENGAGEMENT"
    PRICE_ASC = "PRICE_ASC"
    PRICE_DESC = "PRICE_DESC"


KEYWORD_MAX = 50

# The type of each sort's key, so a cursor made for one sort cannot be replayed on another.
_SORT_KEY_TYPES: dict[DirectorySort, type] = {
    DirectorySort.NEWEST: datetime,
    DirectorySort.FOLLOWERS: int,
    DirectorySort.ENGAGEMENT: float,
    DirectorySort.PRICE_ASC: int,
    DirectorySort.PRICE_DESC: int,
}


def encode_sort_cursor(sort: DirectorySort, value: object, row_id: uuid.UUID) -> str:
    """An opaque cursor: the sort, the last row's sort key and its id."""
    raw = value.isoformat() if isinstance(value, datetime) else value
    text = json.dumps({"s": sort.value, "v": raw, "i": str(row_id)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_sort_cursor(cursor: str, sort: DirectorySort) -> tuple[object, uuid.UUID] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if data["s"] != sort.value:
            raise ValueError("cursor of another sort")
        row_id = uuid.UUID(data["i"])
        kind = _SORT_KEY_TYPES[sort]
        value: object
        if kind is datetime:
            value = datetime.fromisoformat(data["v"])
        elif kind is float and isinstance(data["v"], (int, float)):
            value = float(data["v"])
        elif kind is int and isinstance(data["v"], int) and not isinstance(data["v"], bool):
            value = data["v"]
        else:
            raise ValueError("bad key")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise RuleError("is not a valid cursor") from None
    return value, row_id


def check_keyword(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > KEYWORD_MAX:
        raise RuleError(f"must be at most {KEYWORD_MAX} characters")
    if has_control(text):
        raise RuleError("must not contain control characters")
    return text


def check_range(low: int | None, high: int | None) -> None:
    if low is not None and low < 0:
        raise RuleError("must not be negative")
    if low is not None and high is not None and low > high:
        raise RuleError("minimum must not exceed maximum")


# --- the linked account's recent posts --------------------------------------------------------


class StoredPost(BaseModel):
    """One recent Instagram post of a pet's account, as its latest sync event carried it
    (kept on the pet for the advertisers' applicant cards)."""

    permalink: str
    caption: str = ""
    posted_at: datetime
    like_count: int = 0
    comments_count: int = 0
    paid_partnership: bool = False
