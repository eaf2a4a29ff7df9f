"""Pure validation shared by every service: rule errors, collected field violations, and
the formats more than one service accepts (email, Korean phone numbers). Paging cursors
live in `paging.py`.

Each check returns the normalised value or raises `RuleError(reason)`; the caller attaches
the request field name. No I/O.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast
from urllib.parse import urlsplit

from petful.platform.errors import InvalidArgument

P = ParamSpec("P")
T = TypeVar("T")


class RuleError(ValueError):
    """A value broke a rule; `reason` is the user-facing text (lower-case phrase)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Violations:
    """Collects field violations so one InvalidArgument reports them all."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def check(self, field: str, fn: Callable[P, T], *args: P.args, **kw: P.kwargs) -> T:
        """fn's result, or (when it raises RuleError) the violation recorded for field.

        A failed check returns None in place of a T: `raise_if_any()` must come before any
        use of the values, which is the one pattern every caller follows. That contract is
        what lets callers use the values without re-checking them for None.
        """
        try:
            return fn(*args, **kw)
        except RuleError as e:
            self.items.append((field, e.reason))
            return cast(T, None)

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


def check_http_url(raw: str, *, max_len: int, required: bool = False) -> str:
    """An http(s) URL with a dotted host and a valid port; empty means none unless
    required. No spaces or control characters: the URL is shown and linked as given."""
    text = raw.strip()
    if not text:
        if required:
            raise RuleError("is required")
        return ""
    if len(text) > max_len:
        raise RuleError(f"must be at most {max_len} characters")
    if has_control(text) or any(c.isspace() for c in text):
        raise RuleError("must be an http or https URL")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018  # raises ValueError for a bad port
    except ValueError:
        raise RuleError("must be an http or https URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host or "." not in host:
        raise RuleError("must be an http or https URL")
    return text
