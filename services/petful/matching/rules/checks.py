"""Checks of a recommendation request's fields. Each returns the value or raises
`RuleError(reason)`; the service attaches the field name (Violations)."""

from __future__ import annotations

from petful.platform.validation import RuleError

LIMIT_DEFAULT = 10
LIMIT_MAX = 50


def check_limit(limit: int) -> int:
    """0 means the default; otherwise 1..LIMIT_MAX."""
    if limit == 0:
        return LIMIT_DEFAULT
    if not 1 <= limit <= LIMIT_MAX:
        raise RuleError(f"must be between 1 and {LIMIT_MAX}")
    return limit


def check_range(lo: int | None, hi: int | None) -> None:
    """A follower range: both ends optional, neither negative, the minimum not above the
    maximum (reported on the maximum)."""
    if lo is not None and lo < 0:
        raise RuleError("must not be negative")
    if hi is not None and hi < 0:
        raise RuleError("must not be negative")
    if lo is not None and hi is not None and lo > hi:
        raise RuleError("must not be below the minimum")


def check_price(max_price_krw: int | None) -> int | None:
    if max_price_krw is not None and max_price_krw < 0:
        raise RuleError("must not be negative")
    return max_price_krw
