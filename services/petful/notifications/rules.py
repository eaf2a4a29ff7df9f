"""Pure checks of the inbox API's inputs. No I/O."""

from __future__ import annotations

from enum import StrEnum

from petful.platform.paging import PAGE_SIZE_MAX
from petful.platform.validation import RuleError


class Category(StrEnum):
    """What a notification is about (the list's filter; later, per-category settings)."""

    CAMPAIGNS = "CAMPAIGNS"
    COMMUNITY = "COMMUNITY"
    HEALTH = "HEALTH"
    ACCOUNT = "ACCOUNT"


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


def after_limit(value: int) -> int:
    """0 (not given) means the default; otherwise 1 to PAGE_SIZE_MAX."""
    if value == 0:
        return AFTER_LIMIT_DEFAULT
    if not 1 <= value <= PAGE_SIZE_MAX:
        raise RuleError(f"must be 1 to {PAGE_SIZE_MAX}")
    return value
