"""The post or comment a report is about, as moderation sees it: who wrote it, whether it is
still there, hiding it and announcing what was done to it (`community.content.moderated`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.posts.models import Comment, Post
from petful.community.posts.service import announce_moderation
from petful.community.reports import repository
from petful.community.reports.rules import Moderated, ReportTargetType


@dataclass(frozen=True, slots=True)
class Content:
    kind: ReportTargetType  # POST or COMMENT
    row: Post | Comment
    post: Post  # the post itself, or the comment's post

    @property
    def id(self) -> uuid.UUID:
        return self.row.id

    @property
    def author_id(self) -> uuid.UUID:
        return self.row.author_id

    @property
    def deleted(self) -> bool:
        """A comment of a deleted post went with it."""
        return self.row.deleted_at is not None or self.post.deleted_at is not None


async def load(
    session: AsyncSession, kind: ReportTargetType, target_id: uuid.UUID, *, for_update: bool
) -> Content | None:
    """The reported post or comment (None when no such row exists). for_update locks the
    row itself: reports and decisions about one target take turns."""
    if kind is ReportTargetType.POST:
        post = await repository.get_post(session, target_id, for_update=for_update)
        return None if post is None else Content(kind, post, post)
    comment = await repository.get_comment(session, target_id, for_update=for_update)
    if comment is None:
        return None
    parent = await repository.get_post(session, comment.post_id)
    # The foreign key keeps the post while the comment exists.
    assert parent is not None
    return Content(kind, comment, parent)


async def announce(
    session: AsyncSession,
    content: Content,
    *,
    action: Moderated,
    admin_id: uuid.UUID | None,
    reason: str,
    now: datetime,
) -> None:
    """Tell the author (notifications) and, for an admin's action, identity's audit log."""
    await announce_moderation(
        session,
        target_type=content.kind.value,
        target_id=content.id,
        post_id=content.post.id,
        author_id=content.author_id,
        action=action.value,
        admin_id=admin_id,
        reason=reason,
        now=now,
    )
