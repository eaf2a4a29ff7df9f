"""Pure rules of administrators' announcements (broadcasts): the draft's checks, the
broadcast's states, and the arithmetic of its fan-out. No I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from petful.notifications.rules import Category
from petful.platform.validation import (
    RuleError,
    Violations,
    check_idempotency_key,
    check_line,
    check_text,
    has_control,
)

# The inbox row every broadcast writes: its type, category (account news, which a suspended
# account would get too, so the audience query leaves suspended accounts out) and the object
# it points at (the broadcast, so its rows can be found again).
ANNOUNCEMENT = "ANNOUNCEMENT"
CATEGORY = Category.ACCOUNT
OBJECT_TYPE = "BROADCAST"

TITLE_MAX = 100
BODY_MAX = 1000
LINK_MAX = 300
DEFAULT_LINK = "/notifications"
# Recipients read from identity and written per transaction (identity's page limit).
RECIPIENTS_PAGE = 1000
# The statistics' window when none is asked for.
STATS_WINDOW = timedelta(days=30)


class Audience(StrEnum):
    """Every active account, or those of one role."""

    ALL = "ALL"
    USER = "USER"
    ADVERTISER = "ADVERTISER"
    ADMIN = "ADMIN"

    @property
    def role(self) -> str:
        """identity's role filter: "" for every role."""
        return "" if self is Audience.ALL else self.value


class BroadcastStatus(StrEnum):
    QUEUED = "QUEUED"  # stored, the fan-out has not started
    SENDING = "SENDING"  # pages of recipients being written
    DONE = "DONE"  # every recipient's inbox row written (mails may still wait)
    FAILED = "FAILED"  # the fan-out gave up after its retries; what it wrote stays


FINISHED = frozenset({BroadcastStatus.DONE, BroadcastStatus.FAILED})


def audience(name: str) -> Audience:
    if name not in Audience.__members__:
        raise RuleError("must be one of " + ", ".join(Audience))
    return Audience[name]


def link(raw: str) -> str:
    """A path of the web app ("/..."), "" for DEFAULT_LINK. Never another site: not
    "//host" (scheme-relative), no scheme, no backslash, no spaces or control characters."""
    value = raw.strip()
    if not value:
        return DEFAULT_LINK
    if len(value) > LINK_MAX:
        raise RuleError(f"must be at most {LINK_MAX} characters")
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        raise RuleError('must be a path of the web app, starting with "/"')
    if has_control(value) or any(c.isspace() for c in value):
        raise RuleError("must not contain spaces or control characters")
    return value


@dataclass(frozen=True)
class Draft:
    audience: Audience
    title: str
    body: str
    link: str
    email: bool


def draft(*, audience_name: str, title: str, body: str, link_path: str, email: bool) -> Draft:
    """The checked, normalised announcement, or InvalidArgument naming every bad field."""
    v = Violations()
    clean = Draft(
        audience=v.check("audience", audience, audience_name),
        title=v.check("title", check_line, title, max_len=TITLE_MAX),
        body=v.check("body", check_text, body, max_len=BODY_MAX, required=True),
        link=v.check("link", link, link_path),
        email=email,
    )
    v.raise_if_any("the announcement has invalid fields")
    return clean


def idempotency_key(raw: str) -> str:
    v = Violations()
    key = v.check("idempotency_key", check_idempotency_key, raw)
    v.raise_if_any("the idempotency key is invalid")
    return key


def event_id(broadcast_id: uuid.UUID, user_id: uuid.UUID) -> uuid.UUID:
    """The inbox row's event id for one recipient: the same on every run, so a page written
    again (a retried task) hits the row's unique (event, user, type) key and adds nothing."""
    return uuid.uuid5(broadcast_id, str(user_id))


def email_due(
    release: datetime,
    *,
    started_at: datetime,
    index: int,
    per_second: float,
    now: datetime,
) -> datetime:
    """When a broadcast's index-th mail is due: its recipient's release (now, or the end of
    their quiet hours) plus what is left of its place in the broadcast's schedule, which
    plans the mails at the sending rate. Planned this way a large broadcast does not make
    all its mail due at once, so mail and pushes due meanwhile are not stuck behind it."""
    slot = started_at + timedelta(seconds=index / per_second)
    return release + max(slot - now, timedelta(0))


def stats_since(since: datetime | None, *, now: datetime) -> datetime:
    if since is None:
        return now - STATS_WINDOW
    if since > now:
        raise RuleError("must not be in the future")
    return since
