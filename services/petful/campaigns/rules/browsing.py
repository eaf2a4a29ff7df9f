"""What PetStars browse: the public tabs, the sorts and the popular sort's cursor."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from petful.campaigns.rules import Phase
from petful.campaigns.rules.phases import PRIVATE_PHASES
from petful.platform.paging import decode_cursor, encode_cursor
from petful.platform.validation import RuleError


class Tab(StrEnum):
    RECRUITING = "RECRUITING"
    APPLIED = "APPLIED"
    ENDED = "ENDED"


class Sort(StrEnum):
    NEWEST = "NEWEST"
    DEADLINE = "DEADLINE"
    POPULAR = "POPULAR"


# Phases each public tab lists ("applied" lists every public phase the caller applied in).
TAB_PHASES: dict[Tab, frozenset[Phase]] = {
    Tab.RECRUITING: frozenset({Phase.RECRUITING}),
    Tab.APPLIED: frozenset(p for p in Phase if p not in PRIVATE_PHASES),
    Tab.ENDED: frozenset(
        {
            Phase.SELECTING,
            Phase.ANNOUNCED,
            Phase.IN_PROGRESS,
            Phase.REVIEWING,
            Phase.COMPLETED,
            Phase.CANCELLED,
        }
    ),
}


def encode_popular_cursor(count: int, created_at: datetime, row_id: uuid.UUID) -> str:
    return f"{count}.{encode_cursor(created_at, row_id)}"


def decode_popular_cursor(cursor: str) -> tuple[int, datetime, uuid.UUID] | None:
    if not cursor:
        return None
    count, _, rest = cursor.partition(".")
    decoded = decode_cursor(rest) if count.isdigit() else None
    if decoded is None:
        raise RuleError("is not a valid cursor")
    return int(count), decoded[0], decoded[1]
