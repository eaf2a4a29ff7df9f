"""Linked accounts: their status and the checks on what a link or a metrics request sends."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from petful.platform.validation import RuleError

# Where an account's data comes from (settings.sns.source): the Graph API or the sandbox.
SOURCE_SANDBOX = "sandbox"

ACCESS_TOKEN_MAX = 4096
# Linking through Facebook Login: the web app's page Facebook sends the person back to, and
# how long a started link (its state) may wait for them, as long as Facebook's code lives.
CALLBACK_PATH = "/instagram/callback"
REDIRECT_URI_MAX = 2048
LOGIN_CODE_MAX = 2048
LINK_STATE_TTL = timedelta(minutes=10)
SYNC_ERROR_MAX = 500
WINDOW_DAYS_MAX = 365


class AccountStatus(enum.StrEnum):
    LINKED = "LINKED"
    NEEDS_REAUTH = "NEEDS_REAUTH"
    UNLINKED = "UNLINKED"


_TOKEN_RE = re.compile(r"^[\x21-\x7e]+$")
_IG_ID_RE = re.compile(r"^[0-9]{1,32}$", re.ASCII)
# What StartLink hands out (secrets.token_urlsafe(32) is 43 characters).
_STATE_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$", re.ASCII)


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


def check_redirect_uri(raw: str) -> str:
    """Where Facebook sends the person back: an absolute http(s) address of the web app's
    callback page, as is (Facebook compares it character for character, and checks it
    against the app's list of redirect URIs)."""
    uri = raw.strip()
    if not uri:
        raise RuleError("is required")
    if len(uri) > REDIRECT_URI_MAX:
        raise RuleError(f"must be at most {REDIRECT_URI_MAX} characters")
    absolute = RuleError("must be an absolute http or https address")
    try:
        parts = urlsplit(uri)
        host = parts.hostname
    except ValueError:  # a bad port or bracketed host
        raise absolute from None
    if not _TOKEN_RE.match(uri) or parts.scheme not in ("http", "https") or not host:
        raise absolute
    if parts.username is not None or parts.query or parts.fragment:
        raise RuleError("must have no user name, query or fragment")
    if not parts.path.endswith(CALLBACK_PATH):
        raise RuleError(f"must end in {CALLBACK_PATH}")
    return uri


def check_state(raw: str) -> str:
    state = raw.strip()
    if not state:
        raise RuleError("is required")
    if not _STATE_RE.match(state):
        raise RuleError("is not a state this service handed out")
    return state


def check_login_code(raw: str) -> str:
    """Optional: "" or the code Facebook's login dialog sent back."""
    code = raw.strip()
    if len(code) > LOGIN_CODE_MAX:
        raise RuleError(f"must be at most {LOGIN_CODE_MAX} characters")
    if code and not _TOKEN_RE.match(code):
        raise RuleError("must be the code Facebook sent back")
    return code


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
