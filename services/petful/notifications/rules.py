"""Pure checks of the inbox API's inputs. No I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from petful.notifications.wording import SEOUL
from petful.platform.paging import PAGE_SIZE_MAX
from petful.platform.validation import RuleError


class Category(StrEnum):
    """What a notification is about (the list's filter; later, per-category settings)."""

    CAMPAIGNS = "CAMPAIGNS"
    COMMUNITY = "COMMUNITY"
    HEALTH = "HEALTH"
    ACCOUNT = "ACCOUNT"


_HH_MM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)", re.ASCII)

# A stream catching up reads this many rows per call.
AFTER_LIMIT_DEFAULT = PAGE_SIZE_MAX
# seq is a bigint: a bigger "last seen" id cannot be one of ours.
SEQ_MAX = 2**63 - 1


def category_filter(name: str) -> str:
    """ "" (every category) or a Category's name."""
    if name and name not in Category.__members__:
        raise RuleError("must be one of " + ", ".join(Category))
    return name


def after_seq(value: int) -> int:
    if not 0 <= value <= SEQ_MAX:
        raise RuleError("must be a notification's seq (0 or more)")
    return value


# The edge reads this many open streams' positions in one ReadStreams call at most.
STREAM_POSITIONS_MAX = 500


def stream_positions(count: int) -> int:
    if not 1 <= count <= STREAM_POSITIONS_MAX:
        raise RuleError(f"must be 1 to {STREAM_POSITIONS_MAX} positions")
    return count


def after_limit(value: int) -> int:
    """0 (not given) means the default; otherwise 1 to PAGE_SIZE_MAX."""
    if value == 0:
        return AFTER_LIMIT_DEFAULT
    if not 1 <= value <= PAGE_SIZE_MAX:
        raise RuleError(f"must be 1 to {PAGE_SIZE_MAX}")
    return value


# --- channels and quiet hours ------------------------------------------------------------------


class Channel(StrEnum):
    """Where a notification goes. IN_APP always: the inbox keeps everything; the others
    are the user's choice per category."""

    IN_APP = "IN_APP"
    EMAIL = "EMAIL"
    PUSH = "PUSH"


# The channels a user turns on or off (per category).
OPTIONAL_CHANNELS: tuple[Channel, ...] = (Channel.EMAIL, Channel.PUSH)

DEFAULT_QUIET_START = time(22, 0)
DEFAULT_QUIET_END = time(8, 0)


@dataclass(frozen=True)
class QuietHours:
    """A daily window of Asia/Seoul wall time in which pushes and emails wait. A start
    after its end wraps midnight (22:00-08:00); equal start and end is no window."""

    start: time
    end: time


def release_at(now: datetime, quiet: QuietHours | None) -> datetime:
    """When something ready at `now` may go out: `now` outside the window, else the
    window's end (UTC)."""
    if quiet is None or quiet.start == quiet.end:
        return now
    local = now.astimezone(SEOUL)
    at = local.time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        inside = quiet.start <= at < quiet.end
        end_day = local.date()
    else:
        inside = at >= quiet.start or at < quiet.end
        end_day = local.date() if at < quiet.end else local.date() + timedelta(days=1)
    if not inside:
        return now
    return datetime.combine(end_day, quiet.end, tzinfo=SEOUL).astimezone(UTC)


def time_of_day(value: str) -> time:
    """ "HH:MM" (00:00-23:59) as a time."""
    match = _HH_MM.fullmatch(value)
    if match is None:
        raise RuleError("must be a time of day as HH:MM (00:00-23:59)")
    return time(int(match[1]), int(match[2]))


def category_name(name: str) -> Category:
    if name not in Category.__members__:
        raise RuleError("must be one of " + ", ".join(Category))
    return Category[name]


def optional_channel(name: str) -> Channel:
    if name not in {c.value for c in OPTIONAL_CHANNELS}:
        raise RuleError("must be one of " + ", ".join(OPTIONAL_CHANNELS))
    return Channel(name)


# How often and how long a failed email or push is tried again: 1, 4, 16, 64 minutes...
DELIVERY_MAX_ATTEMPTS = 6
_DELIVERY_BACKOFF = timedelta(minutes=1)
_DELIVERY_BACKOFF_CAP = timedelta(hours=4)


def next_attempt(now: datetime, attempts: int) -> datetime | None:
    """When a delivery that has failed `attempts` times is tried again; None: give up."""
    if attempts >= DELIVERY_MAX_ATTEMPTS:
        return None
    delay: timedelta = _DELIVERY_BACKOFF * 4 ** max(attempts - 1, 0)
    return now + min(delay, _DELIVERY_BACKOFF_CAP)
