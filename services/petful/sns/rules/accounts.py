"""Linked accounts: their status and the checks on what a link or a metrics request sends."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from datetime import datetime

from petful.platform.validation import RuleError

# Where an account's data comes from (settings.sns.source): the Graph API or the sandbox.
SOURCE_SANDBOX = "sandbox"

ACCESS_TOKEN_MAX = 4096
SYNC_ERROR_MAX = 500
WINDOW_DAYS_MAX = 365


class AccountStatus(enum.StrEnum):
    LINKED = "LINKED"
    NEEDS_REAUTH = "NEEDS_REAUTH"
    UNLINKED = "UNLINKED"


_TOKEN_RE = re.compile(r"^[\x21-\x7e]+$")
_IG_ID_RE = re.compile(r"^[0-9]{1,32}$", re.ASCII)


def check_access_token(raw: str) -> str:
    token = raw.strip()
    if not token:
        raise RuleError("is required")
    if len(token) > ACCESS_TOKEN_MAX:
        raise RuleError(f"must be at most {ACCESS_TOKEN_MAX} characters")
    if not _TOKEN_RE.match(token):
        raise RuleError("must be a Facebook access token")
    return token


def check_ig_user_id(raw: str) -> str:
    """Optional: "" or the numeric id of an Instagram business account."""
    value = raw.strip()
    if value and not _IG_ID_RE.match(value):
        raise RuleError("must be a numeric Instagram account id")
    return value


def check_window_days(days: int, *, default: int) -> int:
    if days == 0:
        return default
    if not 1 <= days <= WINDOW_DAYS_MAX:
        raise RuleError(f"must be 1 to {WINDOW_DAYS_MAX}")
    return days


def choose_account(candidates: Sequence[str], wanted: str) -> str:
    """The Instagram account to link among the user's business accounts.

    RuleError when the wanted one is not among them, or none was named and there is not
    exactly one to pick."""
    if wanted:
        if wanted not in candidates:
            raise RuleError("is not an Instagram business account of this Facebook user")
        return wanted
    if not candidates:
        raise RuleError("no Instagram business account is connected to this user's pages")
    if len(candidates) > 1:
        raise RuleError("the user has several Instagram business accounts: name one")
    return candidates[0]


def suspension_in_force(
    suspended_at: datetime | None, until: datetime | None, *, now: datetime
) -> bool:
    """Whether the owner's PetFul account is suspended at now. A suspension with an end
    lapses by itself (identity sends no ACCOUNT_REINSTATED then); one without lasts until
    an admin reinstates the account."""
    return suspended_at is not None and (until is None or until > now)


def clip_error(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SYNC_ERROR_MAX else text[: SYNC_ERROR_MAX - 1] + "…"
