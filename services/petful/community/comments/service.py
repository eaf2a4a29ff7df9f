"""Comments: root comments newest first with their replies (one level), edits, deletes and
likes.

Functions are keyword-only, take the caller's session and never commit (the RPC boundary
does). A comment lives on a post: what the reader may not see of the post (deleted,
hidden), they may not see of its comments either (404). The post's `comment_count` counts
live comments and replies; it moves in the same transaction as the comment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA
from petful.community.comments import repository, rules
from petful.community.peers import Profile
from petful.community.posts import repository as posts_repository
from petful.community.posts.models import Comment, Post
from petful.community.posts.service import (
    ADMIN_DELETE_REASON,
    announce_moderation,
    popular_since,
    require_writer,
    visible_post,
)
from petful.community.posts.views import LikeState, ProfilesPort, Viewer, authors
from petful.contracts import community as contracts
from petful.platform import outbox
from petful.platform.auth_context import USER_ROLES, Principal, require_role
from petful.platform.errors import NotFound, PermissionDenied
from petful.platform.paging import page_of, paging
from petful.platform.validation import RuleError, Violations, parse_uuid


@dataclass(frozen=True, slots=True)
class CommentView:
    comment: Comment
    author: Profile
    liked: bool
    viewer: Viewer
    replies: list[CommentView] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.comment.deleted_at is not None

    @property
    def hidden(self) -> bool:
        return self.comment.hidden_at is not None

    @property
    def body(self) -> str:
        return rules.shown_body(
            body=self.comment.body,
            author_id=self.comment.author_id,
            deleted=self.deleted,
            hidden=self.hidden,
            viewer_id=self.viewer.user_id,
            admin=self.viewer.admin,
        )

    @property
    def can_edit(self) -> bool:
        return not self.deleted and self.comment.author_id == self.viewer.user_id

    @property
    def can_delete(self) -> bool:
        mine = self.comment.author_id == self.viewer.user_id
        return not self.deleted and (mine or self.viewer.admin)


@dataclass(frozen=True, slots=True)
class CommentPage:
    items: list[CommentView]
    next_cursor: str
    total: int  # live comments and replies of the post


def _not_found() -> NotFound:
    return NotFound("comment not found")


def _id(raw: str, not_found: NotFound) -> uuid.UUID:
    try:
        return parse_uuid(raw)
    except RuleError:
        # A malformed id names nothing: the same 404 as an unknown one.
        raise not_found from None


async def _views(
    session: AsyncSession, *, identity: ProfilesPort, comments: list[Comment], viewer: Viewer
) -> dict[uuid.UUID, CommentView]:
    """Views of comments with their authors (one identity call) and the viewer's likes."""
    liked = await repository.liked_comment_ids(session, viewer.user_id, (c.id for c in comments))
    profiles = await authors(identity, (c.author_id for c in comments))
    return {c.id: CommentView(c, profiles[c.author_id], c.id in liked, viewer) for c in comments}


async def _live_comment(
    session: AsyncSession, *, comment_id: str, viewer: Viewer, for_update: bool = False
) -> tuple[Comment, Post]:
    """A live comment on a post the viewer may see, and the post; NotFound otherwise."""
    comment = await repository.get(session, _id(comment_id, _not_found()), for_update=for_update)
    if comment is None or comment.deleted_at is not None:
        raise _not_found()
    try:
        post = await visible_post(session, post_id=comment.post_id, viewer=viewer)
    except NotFound:
        raise _not_found() from None
    if post.deleted_at is not None:
        raise _not_found()
    return comment, post


# --- reading -----------------------------------------------------------------------------


async def list_comments(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    post_id: str,
    page_size: int = 0,
    cursor: str = "",
) -> CommentPage:
    """A page of root comments, newest first, each with all its live replies oldest first."""
    require_role(actor, *USER_ROLES, message="only signed-in users may read comments")
    viewer = Viewer.of(actor)
    size, after = paging(page_size, cursor)
    post = await visible_post(
        session, post_id=_id(post_id, NotFound("post not found")), viewer=viewer
    )
    roots = await repository.list_roots(session, post_id=post.id, after=after, limit=size + 1)
    page_roots = roots[:size]
    replies = await repository.live_replies(
        session, post_id=post.id, root_ids=[r.id for r in page_roots]
    )
    views = await _views(
        session, identity=identity, comments=[*page_roots, *replies], viewer=viewer
    )
    for reply in replies:
        assert reply.parent_id is not None  # live_replies are replies
        views[reply.parent_id].replies.append(views[reply.id])
    page = page_of(roots, size)
    return CommentPage(
        items=[views[r.id] for r in page.items],
        next_cursor=page.next_cursor,
        total=post.comment_count,
    )


# --- writing -----------------------------------------------------------------------------


async def create_comment(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    now: datetime,
    post_id: str,
    body: str,
    parent_id: str = "",
) -> CommentView:
    """Comment on a post, or reply (parent_id; a reply to a reply attaches to its root).
    community.comment.created goes to the post's author and, for a reply, the root's
    author; never to the commenter."""
    viewer = await require_writer(session, actor=actor, now=now)
    v = Violations()
    text = v.check("body", rules.check_body, body)
    parent_uuid = v.check("parent_id", parse_uuid, parent_id) if parent_id else None
    v.raise_if_any("the comment has invalid fields")
    post = await visible_post(
        session, post_id=_id(post_id, NotFound("post not found")), viewer=viewer
    )
    if post.deleted_at is not None:
        raise NotFound("post not found")
    root: Comment | None = None
    if parent_uuid is not None:
        root = await _root_of(session, post=post, parent_id=parent_uuid)
    comment = Comment(
        id=uuid.uuid4(),
        post_id=post.id,
        parent_id=root.id if root else None,
        author_id=viewer.user_id,
        body=text,
        like_count=0,
        created_at=now,
    )
    await repository.add(session, comment)
    await posts_repository.bump_comments(session, post.id, +1, recent=True)
    # A deleted root keeps its thread, but its author is no longer told of replies.
    root_author = root.author_id if root is not None and root.deleted_at is None else None
    for recipient, reason in rules.recipients(
        commenter=viewer.user_id, post_author=post.author_id, root_author=root_author
    ):
        await outbox.add_event(
            session,
            SCHEMA,
            contracts.COMMENT_CREATED,
            contracts.CommentCreated(
                comment_id=comment.id,
                post_id=post.id,
                parent_id=comment.parent_id,
                author_id=viewer.user_id,
                recipient_id=recipient,
                reason=reason.value,
                post_title=post.title,
                excerpt=rules.excerpt(text),
                created_at=now,
            ),
            now=now,
        )
    views = await _views(session, identity=identity, comments=[comment], viewer=viewer)
    return views[comment.id]


async def _root_of(session: AsyncSession, *, post: Post, parent_id: uuid.UUID) -> Comment:
    """The root comment a reply to parent_id attaches to (the parent itself, or its root).
    NotFound naming parent_id for a comment of another post or a deleted one."""
    missing = NotFound(
        "the comment replied to was not found",
        field_violations=[("parent_id", "no such comment on this post")],
    )
    parent = await repository.get(session, parent_id)
    if parent is None or parent.post_id != post.id or parent.deleted_at is not None:
        raise missing
    if parent.parent_id is None:
        return parent
    root = await repository.get(session, parent.parent_id)
    if root is None:
        raise missing
    return root


async def update_comment(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    now: datetime,
    comment_id: str,
    body: str,
) -> CommentView:
    """The author edits the body; edited_at is set."""
    viewer = await require_writer(session, actor=actor, now=now)
    v = Violations()
    text = v.check("body", rules.check_body, body)
    v.raise_if_any("the comment has invalid fields")
    comment, _ = await _live_comment(session, comment_id=comment_id, viewer=viewer, for_update=True)
    if comment.author_id != viewer.user_id:
        raise PermissionDenied("only the author may edit a comment")
    comment.body = text
    comment.edited_at = now
    await repository.flush(session)
    views = await _views(session, identity=identity, comments=[comment], viewer=viewer)
    return views[comment.id]


async def remove_comment(
    session: AsyncSession, *, comment_id: uuid.UUID, by: uuid.UUID, now: datetime
) -> Comment | None:
    """Delete the comment (moderation's entry: no permission check, no event). None when
    there is no such comment or it is already deleted.

    A root with live replies stays in the list as deleted (body not shown) and leaves it
    with its last reply; anything else leaves the list at once. The post's comment_count
    drops by one in this transaction."""
    comment = await repository.get(session, comment_id, for_update=True)
    if comment is None or comment.deleted_at is not None:
        return None
    comment.deleted_at = now
    comment.deleted_by = by
    await repository.flush(session)
    await posts_repository.bump_comments(
        session, comment.post_id, -1, recent=comment.created_at >= popular_since(now)
    )
    return comment


async def delete_comment(
    session: AsyncSession, *, actor: Principal, now: datetime, comment_id: str
) -> None:
    """The author or an admin deletes. An admin deleting someone else's comment emits
    community.content.moderated, which identity audits."""
    viewer = await require_writer(session, actor=actor, now=now)
    comment, _ = await _live_comment(session, comment_id=comment_id, viewer=viewer)
    if comment.author_id != viewer.user_id and not viewer.admin:
        raise PermissionDenied("only the author or an administrator may delete a comment")
    removed = await remove_comment(session, comment_id=comment.id, by=viewer.user_id, now=now)
    if removed is None:
        raise _not_found()
    if removed.author_id != viewer.user_id:
        await announce_moderation(
            session,
            target_type="COMMENT",
            target_id=removed.id,
            post_id=removed.post_id,
            author_id=removed.author_id,
            action="DELETED",
            admin_id=viewer.user_id,
            reason=ADMIN_DELETE_REASON,
            now=now,
        )


async def set_comment_like(
    session: AsyncSession, *, actor: Principal, now: datetime, comment_id: str, liked: bool
) -> LikeState:
    """Like or unlike a comment; idempotent both ways."""
    viewer = await require_writer(session, actor=actor, now=now)
    comment, _ = await _live_comment(session, comment_id=comment_id, viewer=viewer)
    if liked:
        await repository.add_like(session, comment_id=comment.id, user_id=viewer.user_id, now=now)
    else:
        await repository.remove_like(session, comment_id=comment.id, user_id=viewer.user_id)
    return LikeState(comment.id, liked, await repository.like_count(session, comment.id))
