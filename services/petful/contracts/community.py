"""Events of the community service: the moderation queue's decisions on reports (신고).

Identity records each decision in its audit log (actor `admin_id`, `reason`); the reporter
is told the outcome (notifications). A suspension asked for by the decision is identity's
own event (`identity.account.suspended`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from petful.contracts.base import Payload, Topic


class ReportDecided(Payload):
    report_id: uuid.UUID
    reporter_id: uuid.UUID  # the nil UUID once the reporter's account was erased
    target_type: str  # USER, POST or COMMENT
    target_id: uuid.UUID
    status: str  # RESOLVED or DISMISSED
    target_suspended: bool
    admin_id: uuid.UUID  # who decided
    reason: str  # the admin's reason, 5-500 characters
    handled_at: datetime


REPORT_RESOLVED = Topic("community.report.resolved", ReportDecided)
REPORT_DISMISSED = Topic("community.report.dismissed", ReportDecided)


# --- posts, comments and likes -----------------------------------------------------------


class CommentCreated(Payload):
    """Someone commented: one event per recipient (the post's author; for a reply, also the
    parent comment's author), never to the commenter themself."""

    comment_id: uuid.UUID
    post_id: uuid.UUID
    parent_id: uuid.UUID | None  # the root comment replied to
    author_id: uuid.UUID  # who commented
    recipient_id: uuid.UUID  # who is told
    reason: str  # POST_COMMENT (on the recipient's post) or REPLY (to their comment)
    post_title: str
    excerpt: str  # the comment's first 50 characters
    created_at: datetime


class PostLiked(Payload):
    """The first like of a user for a post (never again for that pair, however often it is
    toggled); never for the author's own like."""

    post_id: uuid.UUID
    author_id: uuid.UUID  # the post's author, who is told
    user_id: uuid.UUID  # who liked
    post_title: str
    liked_at: datetime


class ContentModerated(Payload):
    """An admin (or the report threshold) acted on a post or comment: identity audits
    admins' actions; the author is told."""

    target_type: str  # POST or COMMENT
    target_id: uuid.UUID
    post_id: uuid.UUID  # the post itself, or the comment's post
    author_id: uuid.UUID  # the content's author
    action: str  # HIDDEN, DELETED, RESTORED, WARNED
    admin_id: uuid.UUID | None  # None when the report threshold hid it
    reason: str
    at: datetime


COMMENT_CREATED = Topic("community.comment.created", CommentCreated)
POST_LIKED = Topic("community.post.liked", PostLiked)
CONTENT_MODERATED = Topic("community.content.moderated", ContentModerated)
