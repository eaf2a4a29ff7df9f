"""Pure rules of posts: boards, the fields of a post, previews, list cursors and the search
query with its highlighted fragments. No I/O."""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from petful.platform.validation import RuleError, check_line, check_text, has_control, parse_uuid


class Board(StrEnum):
    INFORMATION = "INFORMATION"  # 정보 공유
    QUESTION = "QUESTION"  # 질문
    SHOW_OFF = "SHOW_OFF"  # 자랑: pictures first


class Sort(StrEnum):
    NEWEST = "NEWEST"
    POPULAR = "POPULAR"


# The media table's purpose of a post picture (community's only upload).
IMAGE_PURPOSE = "post_image"
TITLE_MAX = 100
BODY_MAX = 10_000
MAX_PETS = 5
PREVIEW_LEN = 100
QUERY_MAX = 100
# The most query terms a search ANDs: a pasted paragraph is not a query.
QUERY_TERMS_MAX = 16
# Highlight marks: private-use characters clients turn into <mark> (never HTML in the text).
MARK_START, MARK_END = "\ue000", "\ue001"
BODY_WINDOW = 120
# How much text before the first match a body fragment keeps.
WINDOW_LEAD = 40
ELLIPSIS = "…"


# --- fields of a post --------------------------------------------------------------------


def check_board(raw: str) -> Board:
    try:
        return Board(raw)
    except ValueError:
        raise RuleError("must be INFORMATION, QUESTION or SHOW_OFF") from None


def board_filter(raw: str) -> Board | None:
    """A list's board: "" means every board."""
    return check_board(raw) if raw else None


def check_sort(raw: str) -> Sort:
    if not raw:
        return Sort.NEWEST
    try:
        return Sort(raw)
    except ValueError:
        raise RuleError("must be NEWEST or POPULAR") from None


def check_title(raw: str) -> str:
    return check_line(raw, max_len=TITLE_MAX)


def check_body(raw: str) -> str:
    """Plain text as typed (line breaks kept, no markup interpreted), 1-10,000 characters."""
    return check_text(
        raw.replace("\r\n", "\n").replace("\r", "\n"), max_len=BODY_MAX, required=True
    )


def _ids(raw: Sequence[str], *, most: int, what: str) -> list[uuid.UUID]:
    if len(raw) > most:
        raise RuleError(f"must name at most {most} {what}")
    ids = [parse_uuid(r) for r in raw]
    if len(set(ids)) != len(ids):
        raise RuleError(f"must not name the same {what.rstrip('s')} twice")
    return ids


def check_image_ids(raw: Sequence[str], *, max_images: int) -> list[uuid.UUID]:
    """The pictures in display order (ids of the caller's uploads)."""
    return _ids(raw, most=max_images, what="pictures")


def check_pet_ids(raw: Sequence[str]) -> list[uuid.UUID]:
    return _ids(raw, most=MAX_PETS, what="pets")


def check_pictures_for_board(board: Board, image_ids: Sequence[uuid.UUID]) -> None:
    if board is Board.SHOW_OFF and not image_ids:
        raise RuleError("a show-off post needs at least one picture")


def preview(body: str) -> str:
    """The body's first 100 characters with line breaks as spaces, "…" when cut."""
    flat = " ".join(body.split())
    return flat if len(flat) <= PREVIEW_LEN else flat[:PREVIEW_LEN] + ELLIPSIS


# --- cursors with a score ----------------------------------------------------------------
# Newest lists use the platform's (created_at, id) cursor. Popular lists and search results
# are ordered by a score first, so their cursors carry it: (score, created_at, id) is the
# last row of the page, and the next page starts strictly after it.


@dataclass(frozen=True, slots=True)
class ScoreCursor:
    score: float
    created_at: datetime
    id: uuid.UUID


def encode_score_cursor(score: float, created_at: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps(
        {"s": score, "t": created_at.isoformat(), "i": str(row_id)}, separators=(",", ":")
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_score_cursor(cursor: str) -> ScoreCursor | None:
    """None for an empty cursor; RuleError for one we did not make."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        score = data["s"]
        at = datetime.fromisoformat(data["t"])
        row_id = uuid.UUID(data["i"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise RuleError("is not a valid cursor") from None
    if not isinstance(score, int | float) or isinstance(score, bool) or at.tzinfo is None:
        raise RuleError("is not a valid cursor")
    return ScoreCursor(float(score), at, row_id)


# --- search ------------------------------------------------------------------------------


def check_query(raw: str) -> str:
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    if len(text) > QUERY_MAX:
        raise RuleError(f"must be at most {QUERY_MAX} characters")
    if has_control(text):
        raise RuleError("must not contain control characters")
    return text


_WORD = re.compile(r"^\w+$")


def query_terms(terms: Iterable[str]) -> list[str]:
    """The distinct searchable terms of a query (kiwipiepy's terms), at most 16."""
    out: list[str] = []
    for term in terms:
        if _WORD.match(term) and term not in out:
            out.append(term)
    return out[:QUERY_TERMS_MAX]


def prefix_tsquery(terms: Sequence[str]) -> str:
    """`a:* & b:*` for `to_tsquery('simple', ...)`: every term as a prefix, so 산책 finds
    산책로. Terms are `\\w+` only, so nothing needs quoting."""
    return " & ".join(f"{t}:*" for t in terms)


def _spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Merged [start, end) spans of every case-insensitive occurrence of a term."""
    lowered = text.lower()
    found: list[tuple[int, int]] = []
    for term in terms:
        needle = term.lower()
        start = lowered.find(needle)
        while start >= 0:
            found.append((start, start + len(needle)))
            start = lowered.find(needle, start + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, terms: Sequence[str]) -> str:
    """text with each occurrence of a term wrapped in MARK_START ... MARK_END.

    The terms are the query's, matched as surface text: kiwipiepy's stems (산책 of
    산책했어요) and prefixes (산책 of 산책로) are where the words begin, so marking them
    shows the reader why the post matched without a Korean-aware headline function.
    """
    out: list[str] = []
    last = 0
    for start, end in _spans(text, terms):
        out += [text[last:start], MARK_START, text[start:end], MARK_END]
        last = end
    out.append(text[last:])
    return "".join(out)


def body_fragment(body: str, terms: Sequence[str]) -> str:
    """About 120 characters of the body around its first match (its start without one),
    line breaks as spaces, "…" where cut, terms marked."""
    flat = " ".join(body.split())
    spans = _spans(flat, terms)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - WINDOW_LEAD, len(flat) - BODY_WINDOW))
    end = min(len(flat), start + BODY_WINDOW)
    # Never cut through a marked term at either end.
    for s, e in spans:
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    window = mark(flat[start:end], terms)
    return (ELLIPSIS if start > 0 else "") + window + (ELLIPSIS if end < len(flat) else "")
