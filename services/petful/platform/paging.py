"""Cursor paging, one way for every service: check the request, fetch `limit + 1` rows,
trim, and make the next cursor from the last row kept.

    size, after = paging(request.page_size, request.cursor)
    rows = await repository.list_things(session, limit=size + 1, after=after)
    return page_of(rows, size)

Cursors are opaque to clients (URL-safe base64 of JSON) and name the last row of a page,
so a row inserted meanwhile never shifts a page.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from petful.platform.validation import RuleError, Violations

T = TypeVar("T")

PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX = 20, 100


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str = ""  # "" on the last page


class _Timestamped(Protocol):
    @property
    def created_at(self) -> datetime: ...

    @property
    def id(self) -> uuid.UUID: ...


def check_page_size(size: int) -> int:
    """0 (not given) means the default; otherwise 1 to PAGE_SIZE_MAX."""
    if size == 0:
        return PAGE_SIZE_DEFAULT
    if not 1 <= size <= PAGE_SIZE_MAX:
        raise RuleError(f"must be 1 to {PAGE_SIZE_MAX}")
    return size


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    """An opaque cursor over (created_at, id): the last row of a page."""
    raw = json.dumps({"t": created_at.isoformat(), "i": str(row_id)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID] | None:
    """None for an empty cursor; RuleError for one we did not make."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        at = datetime.fromisoformat(data["t"])
        row_id = uuid.UUID(data["i"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise RuleError("is not a valid cursor") from None
    if at.tzinfo is None:
        raise RuleError("is not a valid cursor")
    return at, row_id


def paging(page_size: int, cursor: str) -> tuple[int, tuple[datetime, uuid.UUID] | None]:
    """(size, after) from a request, or InvalidArgument naming `page_size` and `cursor`."""
    v = Violations()
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("paging parameters are invalid")
    return size, after


def created_cursor(row: Any) -> str:
    """The default cursor: the row's (created_at, id)."""
    typed: _Timestamped = row
    return encode_cursor(typed.created_at, typed.id)


def page_of(
    rows: Sequence[T], size: int, cursor_of: Callable[[T], str] = created_cursor
) -> Page[T]:
    """rows were fetched with limit size + 1: the extra row only says there is more."""
    items = list(rows[:size])
    more = len(rows) > size and bool(items)
    return Page(items=items, next_cursor=cursor_of(items[-1]) if more else "")
