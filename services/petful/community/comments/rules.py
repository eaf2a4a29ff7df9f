"""Pure rules of comments: the body, what a reader sees of a comment, and who is told about
a new one. No I/O."""

from __future__ import annotations

import uuid
from enum import StrEnum

from petful.platform.validation import check_text

BODY_MAX = 1_000
EXCERPT_LEN = 50


class NoticeReason(StrEnum):
    """Why someone is told of a comment (contracts.CommentCreated.reason)."""

    POST_COMMENT = "POST_COMMENT"  # on their post
    REPLY = "REPLY"  # to their comment


def check_body(raw: str) -> str:
    """Plain text with line breaks, 1-1,000 characters."""
    return check_text(
        raw.replace("\r\n", "\n").replace("\r", "\n"), max_len=BODY_MAX, required=True
    )


def excerpt(body: str) -> str:
    """The first 50 characters on one line, for a notification."""
    return " ".join(body.split())[:EXCERPT_LEN]


def shown_body(
    *,
    body: str,
    author_id: uuid.UUID,
    deleted: bool,
    hidden: bool,
    viewer_id: uuid.UUID,
    admin: bool,
) -> str:
    """What a reader sees: nothing of a deleted comment (clients show "삭제된 댓글입니다"),
    nothing of a hidden one unless they are its author or an admin."""
    if deleted:
        return ""
    if hidden and not (admin or author_id == viewer_id):
        return ""
    return body


def recipients(
    *, commenter: uuid.UUID, post_author: uuid.UUID, root_author: uuid.UUID | None
) -> list[tuple[uuid.UUID, NoticeReason]]:
    """Who is told of a new comment, once each: the post's author (POST_COMMENT) and, for a
    reply, the root comment's author (REPLY; that wins when both are one person). Never
    the commenter themself."""
    told: dict[uuid.UUID, NoticeReason] = {}
    if root_author is not None:
        told[root_author] = NoticeReason.REPLY
    told.setdefault(post_author, NoticeReason.POST_COMMENT)
    told.pop(commenter, None)
    return list(told.items())
