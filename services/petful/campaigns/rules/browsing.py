"""What PetStars browse (the public tabs, the sorts and the popular sort's cursor) and how an
advertiser lists and archives their own campaigns."""

from __future__ import annotations

import base64
import binascii
import json
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


# --- the advertiser's own list ----------------------------------------------------------------


class MySort(StrEnum):
    NEWEST = "NEWEST"
    UPDATED = "UPDATED"
    DEADLINE = "DEADLINE"
    TITLE = "TITLE"


# Campaigns an advertiser may put away: nothing will happen to them any more.
ARCHIVABLE_PHASES = frozenset({Phase.COMPLETED, Phase.CANCELLED})


def check_archivable(phase: Phase, *, archived: bool) -> None:
    if archived:
        raise RuleError("the campaign is already archived")
    if phase not in ARCHIVABLE_PHASES:
        raise RuleError(f"only completed or cancelled campaigns can be archived, not {phase.value}")


def encode_title_cursor(title: str, row_id: uuid.UUID) -> str:
    """An opaque cursor over (title, id), the title sort's last row."""
    raw = json.dumps({"s": title, "i": str(row_id)}, separators=(",", ":"), ensure_ascii=False)
    return "t." + base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_title_cursor(cursor: str) -> tuple[str, uuid.UUID] | None:
    if not cursor:
        return None
    try:
        if not cursor.startswith("t."):
            raise ValueError
        body = cursor[2:]
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode())
        title, row_id = data["s"], uuid.UUID(data["i"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise RuleError("is not a valid cursor") from None
    if not isinstance(title, str):
        raise RuleError("is not a valid cursor")
    return title, row_id
