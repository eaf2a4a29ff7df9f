"""Request and response bodies of the comment routes, and their protobuf mapping."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from petful.edge.common import Body
from petful.edge.community.posts_schemas import Author
from petful.pb.community.v1 import posts_pb2 as pb
from petful.platform.protobuf import timestamp_or_none

CommentBody = Annotated[str, Field(min_length=1, max_length=1000, examples=["저희 보리도 그래요!"])]


class Comment(BaseModel):
    id: str
    post_id: str
    parent_id: str | None = Field(description="The root comment of a reply; null for a root.")
    body: str = Field(
        description='Empty when deleted (show "삭제된 댓글입니다") or hidden from you.'
    )
    author: Author
    like_count: int
    liked_by_me: bool
    created_at: datetime | None
    edited_at: datetime | None
    deleted: bool = Field(description="A deleted root kept for its replies.")
    hidden: bool = Field(description="Hidden by moderation.")
    can_edit: bool
    can_delete: bool
    replies: list[Comment] = Field(description="Of a root: its replies, oldest first.")

    @classmethod
    def from_pb(cls, c: pb.Comment) -> Comment:
        return cls(
            id=c.id,
            post_id=c.post_id,
            parent_id=c.parent_id or None,
            body=c.body,
            author=Author.from_pb(c.author),
            like_count=c.like_count,
            liked_by_me=c.liked_by_me,
            created_at=timestamp_or_none(c.created_at),
            edited_at=timestamp_or_none(c.edited_at),
            deleted=c.deleted,
            hidden=c.hidden,
            can_edit=c.can_edit,
            can_delete=c.can_delete,
            replies=[Comment.from_pb(r) for r in c.replies],
        )


class CommentPage(BaseModel):
    """Root comments newest first, each with its replies; pass next_cursor back as
    `cursor` (null at the end). `total` counts the post's live comments and replies."""

    items: list[Comment]
    next_cursor: str | None
    total: int


class CommentIn(Body):
    body: CommentBody
    parent_id: str | None = Field(
        default=None,
        max_length=64,
        description="Reply to this comment (a reply to a reply joins its root's thread).",
    )


class CommentEdit(Body):
    body: CommentBody
