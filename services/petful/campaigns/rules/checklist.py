"""The automatic content checklist: a found post checked against its campaign."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Any

from petful.campaigns.rules.fields import DISCLOSURE_TAGS
from petful.campaigns.rules.schedule import Schedule, content_deadline


class ChecklistStatus(StrEnum):
    PENDING = "PENDING"  # the sns service has not seen the post yet (next sync re-checks)
    PASSED = "PASSED"
    FAILED = "FAILED"
    UNAVAILABLE = "UNAVAILABLE"  # no linked account to check against


@dataclass(frozen=True)
class PostFacts:
    """What the sns service knows about a submitted post."""

    permalink: str
    caption: str
    posted_at: datetime
    paid_partnership: bool
    like_count: int
    comments_count: int


_CAPTION_TAG_RE = re.compile(r"#[\w가-힣]+")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_checklist(
    post: PostFacts,
    *,
    tz: tzinfo,
    username: str,
    hashtags: Sequence[str],
    keywords: Sequence[str],
    schedule: Schedule,
    grace_days: int,
) -> tuple[ChecklistStatus, list[dict[str, Any]]]:
    """Check a found post against the campaign; every item says what it found.

    The post was found on the PetStar's linked account, so it is theirs. The disclosure is
    met by `#광고`/`#협찬` in the caption or Instagram's paid-partnership label.
    """
    tags = {
        t.casefold() for t in _CAPTION_TAG_RE.findall(unicodedata.normalize("NFKC", post.caption))
    }
    caption = _fold(post.caption)
    items: list[dict[str, Any]] = [
        {"name": "posted_by_petstar", "passed": True, "detail": f"@{username}"},
    ]
    disclosed = post.paid_partnership or any(t.casefold() in tags for t in DISCLOSURE_TAGS)
    items.append(
        {
            "name": "disclosure",
            "passed": disclosed,
            "detail": "광고 표시 있음" if disclosed else "#광고 or #협찬 is missing",
        }
    )
    for tag in hashtags:
        if tag in DISCLOSURE_TAGS:
            continue
        found = tag.casefold() in tags
        items.append(
            {"name": f"hashtag {tag}", "passed": found, "detail": "" if found else "missing"}
        )
    for word in keywords:
        found = _fold(word) in caption
        items.append(
            {"name": f"keyword {word}", "passed": found, "detail": "" if found else "missing"}
        )
    deadline = content_deadline(schedule, grace_days)
    in_window = schedule.activity_start <= post.posted_at <= deadline
    items.append(
        {
            "name": "posted_in_window",
            "passed": in_window,
            "detail": post.posted_at.astimezone(tz).isoformat(timespec="minutes"),
        }
    )
    status = ChecklistStatus.PASSED if all(i["passed"] for i in items) else ChecklistStatus.FAILED
    return status, items
