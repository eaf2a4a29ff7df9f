"""Pure community rules: what a report (신고) may say and how the queue may move it. No I/O.

Each check returns the normalised value or raises `RuleError(reason)`; the service layer
attaches the request field name.
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime
from enum import StrEnum

from petful.platform.validation import RuleError

# --- user reports (신고) -----------------------------------------------------------------


class ReportTargetType(StrEnum):
    USER = "USER"
    POST = "POST"
    COMMENT = "COMMENT"


class ReportCategory(StrEnum):
    """The fixed report categories.

    SPAM: advertising, flooding. ABUSE: harassment, insults, threats, hate.
    INAPPROPRIATE: sexual, violent or otherwise unsuitable content. FRAUD: scams,
    impersonation, fake campaigns. OTHER: anything else (explain in the text).
    """

    SPAM = "SPAM"
    ABUSE = "ABUSE"
    INAPPROPRIATE = "INAPPROPRIATE"
    FRAUD = "FRAUD"
    OTHER = "OTHER"


class ReportStatus(StrEnum):
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"
    DISMISSED = "DISMISSED"


REPORT_TEXT_MIN, REPORT_TEXT_MAX = 10, 500

# The reporter of a report whose author's account was erased (identity's
# `account.erased`): the report stays for moderation, nobody is named as having filed it.
ERASED_REPORTER = uuid.UUID(int=0)

# A handled report is final: a new report about the same target starts a new case.
_REPORT_TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.OPEN: frozenset({ReportStatus.RESOLVED, ReportStatus.DISMISSED}),
    ReportStatus.RESOLVED: frozenset(),
    ReportStatus.DISMISSED: frozenset(),
}


def one_of(cls: type[StrEnum], raw: str) -> str:
    """raw when it names a member of cls (requests carry enum names as strings)."""
    if raw not in cls.__members__:
        raise RuleError("must be one of " + ", ".join(cls.__members__))
    return raw


def target_type(raw: str) -> ReportTargetType:
    return ReportTargetType(one_of(ReportTargetType, raw))


def category(raw: str) -> ReportCategory:
    return ReportCategory(one_of(ReportCategory, raw))


def status(raw: str) -> ReportStatus:
    return ReportStatus(one_of(ReportStatus, raw))


def check_report_transition(current: ReportStatus, target: ReportStatus) -> ReportStatus:
    if target not in _REPORT_TRANSITIONS[current]:
        raise RuleError(f"a report cannot go from {current.value} to {target.value}")
    return target


def check_report_text(raw: str) -> str:
    text = raw.strip()
    if not REPORT_TEXT_MIN <= len(text) <= REPORT_TEXT_MAX:
        raise RuleError(f"must be {REPORT_TEXT_MIN} to {REPORT_TEXT_MAX} characters")
    # Control characters only: format characters (the joiners inside emoji) are text.
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise RuleError("must not contain control characters")
    return text


def check_not_self_report(
    *, reporter_id: uuid.UUID, target_type: ReportTargetType, target_id: uuid.UUID
) -> None:
    if target_type is ReportTargetType.USER and reporter_id == target_id:
        raise RuleError("you cannot report yourself")


def check_suspend_target_allowed(target_type: ReportTargetType, suspend_target: bool) -> None:
    """Only a reported USER can be suspended from the report queue: posts and comments do not
    exist yet, so the queue cannot know their owners."""
    if suspend_target and target_type is not ReportTargetType.USER:
        raise RuleError("is allowed only for reports of a USER")


def check_suspend_until(
    until: datetime | None, *, suspend_target: bool, now: datetime
) -> datetime | None:
    """An end to the suspension: only with one, aware, and in the future."""
    if until is None:
        return None
    if not suspend_target:
        raise RuleError("is allowed only with suspend_target")
    if until.tzinfo is None:
        raise RuleError("must carry a time zone")
    if until <= now:
        raise RuleError("must be in the future")
    return until
