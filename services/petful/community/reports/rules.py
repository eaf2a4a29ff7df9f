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


def check_not_own_content(*, reporter_id: uuid.UUID, author_id: uuid.UUID) -> None:
    if reporter_id == author_id:
        raise RuleError("you cannot report your own post or comment")


# --- hiding pending review ---------------------------------------------------------------

# Why content hidden by the report threshold is hidden (the author is told).
THRESHOLD_REASON = "신고 누적"


def hides_at_threshold(*, open_reports: int, threshold: int, hidden: bool, deleted: bool) -> bool:
    """Whether content reaches the threshold now: open reports are one per reporter (the
    unique index), so their number is the number of different people who reported it."""
    return open_reports >= threshold and not hidden and not deleted


def restores_on_dismissal(
    *,
    hidden_at: datetime | None,
    deleted: bool,
    last_upheld_at: datetime | None,
) -> bool:
    """Dismissing the open reports shows content again when only the threshold hid it.

    An admin's decision upholding reports (any resolution) at or after the moment it was
    hidden means an admin kept it hidden (an admin's HIDE_CONTENT hides it at that very
    moment): dismissing later reports does not undo that.
    """
    if hidden_at is None or deleted:
        return False
    return last_upheld_at is None or last_upheld_at < hidden_at


# --- decisions ---------------------------------------------------------------------------


class ModerationAction(StrEnum):
    """What an admin does when resolving reports (upholding them).

    NONE: nothing beyond closing the reports. HIDE_CONTENT / DELETE_CONTENT: the reported
    post or comment (deleting as its author would). WARN_AUTHOR: the author is told
    (notifications). SUSPEND_AUTHOR: identity suspends the content's author, or the
    reported user."""

    NONE = "NONE"
    HIDE_CONTENT = "HIDE_CONTENT"
    DELETE_CONTENT = "DELETE_CONTENT"
    WARN_AUTHOR = "WARN_AUTHOR"
    SUSPEND_AUTHOR = "SUSPEND_AUTHOR"


class Moderated(StrEnum):
    """`ContentModerated.action`: what happened to a post or comment."""

    HIDDEN = "HIDDEN"
    DELETED = "DELETED"
    RESTORED = "RESTORED"
    WARNED = "WARNED"


CONTENT_TARGETS = frozenset({ReportTargetType.POST, ReportTargetType.COMMENT})
# Actions about a post or comment: a reported USER has no content to hide, and a warning
# names the content it is about.
_CONTENT_ONLY = frozenset(
    {ModerationAction.HIDE_CONTENT, ModerationAction.DELETE_CONTENT, ModerationAction.WARN_AUTHOR}
)


def action(raw: str) -> ModerationAction:
    return ModerationAction(one_of(ModerationAction, raw))


def check_action_allowed(target_type: ReportTargetType, chosen: ModerationAction) -> None:
    if chosen in _CONTENT_ONLY and target_type not in CONTENT_TARGETS:
        raise RuleError("is allowed only for reports of a POST or COMMENT")


def check_content_action(chosen: ModerationAction, *, deleted: bool) -> None:
    """Hiding or deleting content that is already deleted does nothing: the admin resolves
    without an action (or dismisses) instead."""
    if deleted and chosen in (ModerationAction.HIDE_CONTENT, ModerationAction.DELETE_CONTENT):
        raise RuleError("the reported content is already deleted")


def check_suspend_until(
    until: datetime | None, *, chosen: ModerationAction, now: datetime
) -> datetime | None:
    """An end to the suspension: only with one, aware, and in the future."""
    if until is None:
        return None
    if chosen is not ModerationAction.SUSPEND_AUTHOR:
        raise RuleError("is allowed only with the action SUSPEND_AUTHOR")
    if until.tzinfo is None:
        raise RuleError("must carry a time zone")
    if until <= now:
        raise RuleError("must be in the future")
    return until
