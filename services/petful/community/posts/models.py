"""Posts, comments and likes ORM (the tables the posts, comments and moderation parts share).

`author_id`/`user_id` are identity's account ids and `pet_ids` the pets service's (no
foreign keys across services). Counters are kept on the row by the same transaction that
adds or removes what they count (`UPDATE ... SET n = n + 1`), so they stay exact under
concurrency; they count live things only (no deleted or hidden comments).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR, UUID
from sqlalchemy.orm import Mapped, mapped_column

from petful.community.base import TS, CommunityBase


class Post(CommunityBase):
    __tablename__ = "posts"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    author_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    board: Mapped[str] = mapped_column(sa.Text)  # rules.Board
    title: Mapped[str] = mapped_column(sa.Text)
    body: Mapped[str] = mapped_column(sa.Text)
    # Tagged pets as the author named them when writing: [{"id": ..., "name": ...}].
    pets: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    like_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    comment_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    # Likes and live comments received in the last settings.community.popular_days (the
    # popular order): moved with them, and brought back to the window by a periodic job.
    recent_score: Mapped[int] = mapped_column(sa.Integer, default=0)
    # kiwipiepy terms of title (weight A) and body (weight B), `simple` config, GIN index;
    # the title's alone (the first tier of search results), GIN index.
    search: Mapped[Any] = mapped_column(TSVECTOR)
    title_search: Mapped[Any] = mapped_column(TSVECTOR)
    created_at: Mapped[datetime] = mapped_column(TS)
    edited_at: Mapped[datetime | None] = mapped_column(TS)
    deleted_at: Mapped[datetime | None] = mapped_column(TS)
    deleted_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    # Hidden pending review (3 open reports) or by an admin's decision.
    hidden_at: Mapped[datetime | None] = mapped_column(TS)


class PostImage(CommunityBase):
    """A picture of a post, in order; `media_id` is a row of community's media table."""

    __tablename__ = "post_images"

    post_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("community.posts.id", ondelete="CASCADE"),
        primary_key=True,
    )
    media_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    position: Mapped[int] = mapped_column(sa.Integer)


class PostLike(CommunityBase):
    __tablename__ = "post_likes"

    post_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("community.posts.id", ondelete="CASCADE"),
        primary_key=True,
    )
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(TS)


class PostLikeNotice(CommunityBase):
    """The (post, user) pairs whose first like was announced (community.post.liked): an
    unlike and like again does not announce it twice."""

    __tablename__ = "post_like_notices"

    post_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(TS)


class Comment(CommunityBase):
    __tablename__ = "comments"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    post_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("community.posts.id", ondelete="CASCADE")
    )
    # The root comment of a reply (one level); None for a root.
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("community.comments.id", ondelete="CASCADE")
    )
    author_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    body: Mapped[str] = mapped_column(sa.Text)
    like_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(TS)
    edited_at: Mapped[datetime | None] = mapped_column(TS)
    deleted_at: Mapped[datetime | None] = mapped_column(TS)
    deleted_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    hidden_at: Mapped[datetime | None] = mapped_column(TS)


class CommentLike(CommunityBase):
    __tablename__ = "comment_likes"

    comment_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey("community.comments.id", ondelete="CASCADE"),
        primary_key=True,
    )
    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(TS)


class Restriction(CommunityBase):
    """A user identity suspended (from `identity.account.suspended`, removed on
    `identity.account.reinstated`): they may read but not write. `until` None: no end."""

    __tablename__ = "restrictions"

    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    until: Mapped[datetime | None] = mapped_column(TS)
    created_at: Mapped[datetime] = mapped_column(TS)
