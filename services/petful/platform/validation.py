"""Pure validation shared by every service: rule errors, collected field violations, and
the formats more than one service accepts (email, Korean phone numbers, paging cursors).

Each check returns the normalised value or raises `RuleError(reason)`; the caller attaches
the request field name. No I/O.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from petful.platform.errors import InvalidArgument


class RuleError(ValueError):
    """A value broke a rule; `reason` is the user-facing text (lower-case phrase)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Violations:
    """Collects field violations so one InvalidArgument reports them all."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def check(self, field: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except RuleError as e:
            self.items.append((field, e.reason))
            return None

    def add(self, field: str, reason: str) -> None:
        self.items.append((field, reason))

    def raise_if_any(self, detail: str = "the request has invalid fields") -> None:
        if self.items:
            raise InvalidArgument(detail, field_violations=self.items)


# --- text ----------------------------------------------------------------------------------


def has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(c).startswith("C") and c not in allowed for c in text)


def check_line(raw: str, *, max_len: int) -> str:
    """A required one-line text: whitespace collapsed, 1..max_len, no control characters."""
    text = " ".join(raw.split())
    if not text:
        raise RuleError("is required")
    if len(text) > max_len:
        raise RuleError(f"must be at most {max_len} characters")
    if has_control(text):
        raise RuleError("must not contain control characters")
    return text


def check_text(raw: str, *, max_len: int, required: bool = False) -> str:
    """Multi-line text: trimmed, newlines and tabs allowed, no other control characters."""
    text = raw.strip()
    if required and not text:
        raise RuleError("is required")
    if len(text) > max_len:
        raise RuleError(f"must be at most {max_len} characters")
    if has_control(text, "\n\t"):
        raise RuleError("must not contain control characters")
    return text


REASON_MIN, REASON_MAX = 5, 500


def check_reason(raw: str) -> str:
    """An administrator's or advertiser's reason, shown to the person it concerns."""
    reason = raw.strip()
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise RuleError(f"must be {REASON_MIN} to {REASON_MAX} characters")
    return check_text(reason, max_len=REASON_MAX)


def parse_uuid(raw: str) -> uuid.UUID:
    if not raw.strip():
        raise RuleError("is required")
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise RuleError("must be a UUID") from None


def uuid_field(field: str, raw: str) -> uuid.UUID:
    """raw as an id, or InvalidArgument naming field (ids arrive as request strings)."""
    try:
        return parse_uuid(raw)
    except RuleError as e:
        raise InvalidArgument(f"{field} is invalid", field_violations=[(field, e.reason)]) from None


IDEMPOTENCY_KEY_MAX = 200


def check_idempotency_key(raw: str) -> str:
    """A client's retry key: optional; printable, no spaces, at most 200 characters."""
    key = raw.strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        raise RuleError(f"must be at most {IDEMPOTENCY_KEY_MAX} characters")
    if has_control(key) or any(c.isspace() for c in key):
        raise RuleError("must not contain spaces or control characters")
    return key


# --- email -------------------------------------------------------------------------------

EMAIL_MAX = 254
_EMAIL_RE = re.compile(
    r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)


def normalize_email(raw: str) -> str:
    email = raw.strip().lower()
    if not email:
        raise RuleError("is required")
    if len(email) > EMAIL_MAX or not _EMAIL_RE.match(email):
        raise RuleError("must be a valid email address")
    local = email.split("@", 1)[0]
    if len(local) > 64 or local.startswith(".") or local.endswith(".") or ".." in local:
        raise RuleError("must be a valid email address")
    return email


# --- Korean phone numbers -----------------------------------------------------------------

_MOBILE = re.compile(r"^(01[016789])(\d{3,4})(\d{4})$", re.ASCII)
_SEOUL = re.compile(r"^(02)(\d{3,4})(\d{4})$", re.ASCII)
_AREA = re.compile(r"^(0[3-6][1-5]|070)(\d{3,4})(\d{4})$", re.ASCII)
_PHONE_MSG = "must be a Korean phone number like 02-123-4567 or 010-1234-5678"


def normalize_phone(raw: str) -> str:
    """Korean numbers as 010-1234-5678, 02-123-4567, 031-123-4567, 070-1234-5678.

    Accepts spaces, dashes, dots and parentheses as separators and a +82 prefix.
    """
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    international = text.startswith("+")
    body = text[1:] if international else text
    if re.search(r"[^\d\s.\-()]", body, re.ASCII):
        raise RuleError(_PHONE_MSG)
    digits = re.sub(r"\D", "", body, flags=re.ASCII)
    if international:
        if not digits.startswith("82"):
            raise RuleError(_PHONE_MSG)
        digits = digits[2:]
        if not digits.startswith("0"):
            digits = "0" + digits
    for pattern in (_MOBILE, _SEOUL, _AREA):
        m = pattern.match(digits)
        if m:
            if pattern is _MOBILE and m.group(1) == "010" and len(m.group(2)) != 4:
                break
            if pattern is _AREA and m.group(1) == "070" and len(m.group(2)) != 4:
                break
            return "-".join(m.groups())
    raise RuleError(_PHONE_MSG)


# --- paging --------------------------------------------------------------------------------

PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX = 20, 100


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
