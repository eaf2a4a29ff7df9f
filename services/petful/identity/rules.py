"""Pure identity rules: input normalisation and validation, account states. No I/O.

Each check returns the normalised value or raises `RuleError(reason)`; the service layer
attaches the request field name.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date, datetime
from enum import StrEnum

from petful.platform import profiles
from petful.platform.auth_context import USER_ROLES, Role
from petful.platform.validation import RuleError, has_control

# An account holds one of the platform's user roles (`USER_ROLES`); SERVICE is never an
# account's. Sign-up may pick only these two.
SELF_ASSIGNABLE_ROLES = frozenset({Role.USER, Role.ADVERTISER})


class AccountStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    WITHDRAWN = "WITHDRAWN"


# --- password ----------------------------------------------------------------------------

PASSWORD_MIN = 8
PASSWORD_MAX = 72


def check_password(password: str, *, email: str | None = None) -> str:
    if len(password) < PASSWORD_MIN or len(password) > PASSWORD_MAX:
        raise RuleError(f"must be {PASSWORD_MIN} to {PASSWORD_MAX} characters")
    has_letter = any(c.isalpha() for c in password)
    has_other = any(c.isdigit() or not (c.isalnum() or c.isspace()) for c in password)
    if not (has_letter and has_other):
        raise RuleError("must contain a letter and a digit or symbol")
    if email and password.strip().lower() == email.strip().lower():
        raise RuleError("must not be the email address")
    return password


# --- names -------------------------------------------------------------------------------

NAME_MAX = 50
NICKNAME_MIN, NICKNAME_MAX = 2, 20
_NICKNAME_RE = re.compile(r"^[\w.\-]+$")


def check_name(raw: str) -> str:
    name = " ".join(raw.split())
    if not name:
        raise RuleError("is required")
    if len(name) > NAME_MAX:
        raise RuleError(f"must be at most {NAME_MAX} characters")
    if has_control(name):
        raise RuleError("must not contain control characters")
    return name


def check_nickname(raw: str) -> str:
    nickname = unicodedata.normalize("NFC", raw.strip())
    if not NICKNAME_MIN <= len(nickname) <= NICKNAME_MAX:
        raise RuleError(f"must be {NICKNAME_MIN} to {NICKNAME_MAX} characters")
    if not _NICKNAME_RE.match(nickname):
        raise RuleError("may contain only letters, digits, '_', '-' and '.'")
    return nickname


def nickname_key(nickname: str) -> str:
    """The case-insensitive identity of a nickname (what must be unique)."""
    return unicodedata.normalize("NFC", nickname).casefold()


# --- profile fields ----------------------------------------------------------------------

BIO_MAX = 300
ADDRESS_MAX = 200
OLDEST_BIRTH_YEAR = 1900


def parse_birth_date(raw: str, *, today: date) -> date | None:
    """ISO YYYY-MM-DD, not in the future, not before 1900. Empty means not given."""
    text = raw.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise RuleError("must be a date like 1990-01-31")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise RuleError("must be a date like 1990-01-31") from None
    if value > today:
        raise RuleError("must not be in the future")
    if value.year < OLDEST_BIRTH_YEAR:
        raise RuleError(f"must not be before {OLDEST_BIRTH_YEAR}")
    return value


def check_text(raw: str, *, max_len: int) -> str:
    text = raw.strip()
    if len(text) > max_len:
        raise RuleError(f"must be at most {max_len} characters")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise RuleError("must not contain control characters")
    return text


WITHDRAW_REASON_MIN, WITHDRAW_REASON_MAX = 10, 500


def check_withdraw_reason(raw: str) -> str:
    reason = raw.strip()
    if not WITHDRAW_REASON_MIN <= len(reason) <= WITHDRAW_REASON_MAX:
        raise RuleError(f"must be {WITHDRAW_REASON_MIN} to {WITHDRAW_REASON_MAX} characters")
    return reason


# --- roles and account states ------------------------------------------------------------


def check_signup_role(role: str | None) -> Role:
    """Sign-up may pick USER (default) or ADVERTISER; ADMIN is never self-assignable."""
    if role is None or role == "":
        return Role.USER
    try:
        parsed = Role(role)
    except ValueError:
        raise RuleError("must be USER or ADVERTISER") from None
    if parsed not in SELF_ASSIGNABLE_ROLES:
        raise RuleError("must be USER or ADVERTISER")
    return parsed


def check_account_role(raw: str) -> Role:
    """An account role named in a filter: USER, ADVERTISER or ADMIN."""
    if raw not in USER_ROLES:
        raise RuleError("must be USER, ADVERTISER or ADMIN")
    return Role(raw)


def check_account_status(raw: str) -> AccountStatus:
    try:
        return AccountStatus(raw)
    except ValueError:
        raise RuleError("must be ACTIVE, SUSPENDED or WITHDRAWN") from None


_TRANSITIONS: dict[AccountStatus, frozenset[AccountStatus]] = {
    AccountStatus.ACTIVE: frozenset({AccountStatus.SUSPENDED, AccountStatus.WITHDRAWN}),
    AccountStatus.SUSPENDED: frozenset({AccountStatus.ACTIVE, AccountStatus.WITHDRAWN}),
    AccountStatus.WITHDRAWN: frozenset(),
}


def can_transition(current: AccountStatus, target: AccountStatus) -> bool:
    return target in _TRANSITIONS[current]


def check_transition(current: AccountStatus, target: AccountStatus) -> AccountStatus:
    if not can_transition(current, target):
        raise RuleError(f"an account cannot go from {current.value} to {target.value}")
    return target


# The one placeholder every service shows for an account that left.
WITHDRAWN_NICKNAME = profiles.WITHDRAWN_NICKNAME


def public_nickname(nickname: str, status: AccountStatus) -> str:
    return WITHDRAWN_NICKNAME if status is AccountStatus.WITHDRAWN else nickname


def suspension_in_force(
    status: AccountStatus, suspended_until: datetime | None, *, now: datetime
) -> bool:
    """A suspension with an end date lapses on its own once that moment has passed."""
    if status is not AccountStatus.SUSPENDED:
        return False
    return suspended_until is None or suspended_until > now


# --- administration ----------------------------------------------------------------------

SEARCH_QUERY_MAX = 100
ACTION_MAX = 100


def check_search_query(raw: str) -> str:
    query = raw.strip()
    if len(query) > SEARCH_QUERY_MAX:
        raise RuleError(f"must be at most {SEARCH_QUERY_MAX} characters")
    if has_control(query):
        raise RuleError("must not contain control characters")
    return query


def check_future(value: datetime, *, now: datetime) -> datetime:
    if value.tzinfo is None:
        raise RuleError("must carry a time zone")
    if value <= now:
        raise RuleError("must be in the future")
    return value


def check_can_suspend(*, actor_id: uuid.UUID, target_id: uuid.UUID, target_role: Role) -> None:
    """Admins suspend ordinary accounts only: never themselves, never another admin."""
    if actor_id == target_id:
        raise RuleError("an administrator cannot suspend their own account")
    if target_role is Role.ADMIN:
        raise RuleError("an administrator account cannot be suspended")


def check_can_change_role(*, actor_id: uuid.UUID, target_id: uuid.UUID) -> None:
    """An admin changes other accounts' roles only: never their own (the last administrator
    could otherwise demote themself, and nobody reviews an admin's own promotion)."""
    if actor_id == target_id:
        raise RuleError("an administrator cannot change their own role")


def check_role_change(current: Role, new: Role) -> None:
    if current is new:
        raise RuleError(f"the account already has the role {new.value}")


class AuditTargetType(StrEnum):
    """The target types an audit-log filter accepts. REPORT rows record community's report
    decisions (identity keeps the one audit log)."""

    USER = "USER"
    SESSION = "SESSION"
    REPORT = "REPORT"


def check_audit_target_type(raw: str) -> AuditTargetType:
    try:
        return AuditTargetType(raw)
    except ValueError:
        raise RuleError("must be USER, SESSION or REPORT") from None


def check_action(raw: str) -> str:
    if len(raw) > ACTION_MAX:
        raise RuleError(f"must be at most {ACTION_MAX} characters")
    return raw


# --- the admin dashboard's account figures ---------------------------------------------------

STATS_DAYS_DEFAULT = 30
STATS_DAYS_MAX = 90
# The dashboard counts Korea's days, the days the platform's people live by.
STATS_TIME_ZONE = "Asia/Seoul"


def check_stats_days(raw: int) -> int:
    if raw == 0:
        return STATS_DAYS_DEFAULT
    if not 1 <= raw <= STATS_DAYS_MAX:
        raise RuleError(f"must be between 1 and {STATS_DAYS_MAX}")
    return raw


def stats_window(today: date, days: int) -> list[date]:
    """The `days` calendar days ending with `today`, oldest first."""
    return [date.fromordinal(today.toordinal() - offset) for offset in range(days - 1, -1, -1)]
