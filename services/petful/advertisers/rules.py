"""Pure advertiser rules: profile field validation and the approval state machine. No I/O.

Each check returns the normalised value or raises `RuleError(reason)`; the service layer
attaches the request field name.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
import uuid
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit


class RuleError(ValueError):
    """A value broke a rule; `reason` is the user-facing text (lower-case phrase)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransitionError(RuleError):
    """The profile is in a state where the action is not allowed (409 at the edge)."""


ADVERTISER_ROLE = "ADVERTISER"
ADMIN_ROLE = "ADMIN"


# --- states --------------------------------------------------------------------------------


class ProfileStatus(StrEnum):
    DRAFT = "DRAFT"
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RESTRICTED = "RESTRICTED"


class Action(StrEnum):
    SUBMIT = "SUBMIT"  # the advertiser
    APPROVE = "APPROVE"  # admin
    REJECT = "REJECT"  # admin, with a reason
    RESTRICT = "RESTRICT"  # admin, with a reason
    REINSTATE = "REINSTATE"  # admin lifts a restriction


TRANSITIONS: dict[tuple[ProfileStatus, Action], ProfileStatus] = {
    (ProfileStatus.DRAFT, Action.SUBMIT): ProfileStatus.PENDING,
    (ProfileStatus.REJECTED, Action.SUBMIT): ProfileStatus.PENDING,
    (ProfileStatus.PENDING, Action.APPROVE): ProfileStatus.APPROVED,
    (ProfileStatus.PENDING, Action.REJECT): ProfileStatus.REJECTED,
    (ProfileStatus.APPROVED, Action.RESTRICT): ProfileStatus.RESTRICTED,
    (ProfileStatus.RESTRICTED, Action.REINSTATE): ProfileStatus.APPROVED,
}

# The outbox topic of each admin decision.
DECISION_TOPICS: dict[Action, str] = {
    Action.APPROVE: "advertisers.approved",
    Action.REJECT: "advertisers.rejected",
    Action.RESTRICT: "advertisers.restricted",
    Action.REINSTATE: "advertisers.reinstated",
}

# Statuses whose BRN is "taken": every status but REJECTED (a rejected company may be
# registered again, by the same or another account).
BRN_HOLDING = frozenset(s for s in ProfileStatus if s is not ProfileStatus.REJECTED)


def next_status(current: ProfileStatus, action: Action) -> ProfileStatus:
    """The status after action, or TransitionError when current does not allow it."""
    target = TRANSITIONS.get((current, action))
    if target is None:
        raise TransitionError(f"cannot {action.value.lower()} a profile that is {current.value}")
    return target


def status_after_edit(current: ProfileStatus, *, identity_changed: bool) -> ProfileStatus:
    """The status after the advertiser edits the profile.

    - DRAFT and REJECTED profiles are freely editable and keep their status (a rejected
      profile is fixed, then resubmitted with SUBMIT).
    - An APPROVED profile may be edited; changing the company name or the business
      registration number (`identity_changed`) sends it back to PENDING for a new review,
      other fields (phone, website, description, ...) keep it APPROVED.
    - PENDING (under review) and RESTRICTED profiles cannot be edited.
    """
    if current in (ProfileStatus.DRAFT, ProfileStatus.REJECTED):
        return current
    if current is ProfileStatus.APPROVED:
        return ProfileStatus.PENDING if identity_changed else ProfileStatus.APPROVED
    raise TransitionError(f"cannot edit a profile that is {current.value}")


def is_approved(status: ProfileStatus | None) -> bool:
    return status is ProfileStatus.APPROVED


# --- business registration number (사업자등록번호) ---------------------------------------

_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_BRN_RE = re.compile(r"^([0-9]{3})-?([0-9]{2})-?([0-9]{5})$")


def brn_check_digit(first_nine: str) -> int:
    """The official check digit over the first 9 digits of a registration number."""
    digits = [int(c) for c in first_nine]
    if len(digits) != 9:
        raise ValueError("need exactly 9 digits")
    total = sum(d * w for d, w in zip(digits, _BRN_WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def normalize_brn(raw: str) -> str:
    """`1234567890` or `123-45-67890` -> `123-45-67890`, checksum verified."""
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    m = _BRN_RE.match(text)
    if not m:
        raise RuleError("must be 10 digits like 123-45-67890")
    digits = "".join(m.groups())
    if brn_check_digit(digits[:9]) != int(digits[9]):
        raise RuleError("is not a valid business registration number (check digit)")
    return "-".join(m.groups())


# --- text fields -----------------------------------------------------------------------------

COMPANY_NAME_MAX = 100
REPRESENTATIVE_NAME_MAX = 50
DESCRIPTION_MAX = 2000
MEDIA_ID_MAX = 200
WEBSITE_MAX = 300
EMAIL_MAX = 254
REASON_MIN, REASON_MAX = 5, 500


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(c).startswith("C") and c not in allowed for c in text)


def check_line(raw: str, *, max_len: int) -> str:
    """A required one-line text: whitespace collapsed, 1..max_len, no control characters."""
    text = " ".join(raw.split())
    if not text:
        raise RuleError("is required")
    if len(text) > max_len:
        raise RuleError(f"must be at most {max_len} characters")
    if _has_control(text):
        raise RuleError("must not contain control characters")
    return text


def check_description(raw: str) -> str:
    text = raw.strip()
    if len(text) > DESCRIPTION_MAX:
        raise RuleError(f"must be at most {DESCRIPTION_MAX} characters")
    if _has_control(text, "\n\t"):
        raise RuleError("must not contain control characters")
    return text


def check_media_id(raw: str) -> str:
    """Free text for now (media ids come with the media service); empty means none."""
    text = raw.strip()
    if len(text) > MEDIA_ID_MAX:
        raise RuleError(f"must be at most {MEDIA_ID_MAX} characters")
    if _has_control(text) or any(c.isspace() for c in text):
        raise RuleError("must not contain spaces or control characters")
    return text


def check_reason(raw: str) -> str:
    """An admin's reason for rejecting or restricting (shown to the advertiser)."""
    reason = raw.strip()
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise RuleError(f"must be {REASON_MIN} to {REASON_MAX} characters")
    if _has_control(reason, "\n\t"):
        raise RuleError("must not contain control characters")
    return reason


def check_website(raw: str) -> str:
    """Optional http(s) URL with a host; empty means none."""
    text = raw.strip()
    if not text:
        return ""
    if len(text) > WEBSITE_MAX:
        raise RuleError(f"must be at most {WEBSITE_MAX} characters")
    if _has_control(text) or any(c.isspace() for c in text):
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


# --- phone (the same Korean formats identity accepts; services do not share code) ---------

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
    """An opaque cursor over (created_at, user_id): the last row of a page."""
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


def parse_user_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise RuleError("must be a UUID") from None
