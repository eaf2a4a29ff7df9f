"""The admin queue: reports with the content they are about, so an admin decides from the
queue itself (not from ids).

One page costs a fixed number of queries whatever its size: the reports, their posts,
comments (and the comments' posts), first pictures, open-report counts, and one batch call
to identity for every author and reported user.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.peers import Profile
from petful.community.posts.models import Comment, Post
from petful.community.reports import repository, rules
from petful.community.reports.models import Report
from petful.community.reports.rules import ReportTargetType
from petful.community.reports.service import IdentityPort, admin
from petful.platform.auth_context import Principal
from petful.platform.media import MediaRecord
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of
from petful.platform.validation import Violations


@dataclass(frozen=True, slots=True)
class ReportedUser:
    profile: Profile


@dataclass(frozen=True, slots=True)
class ReportedPost:
    post: Post
    author: Profile
    image: MediaRecord | None  # the first picture


@dataclass(frozen=True, slots=True)
class ReportedComment:
    comment: Comment
    post: Post
    author: Profile


Target = ReportedUser | ReportedPost | ReportedComment


@dataclass(frozen=True, slots=True)
class QueueItem:
    report: Report
    # None for a post or comment that no longer exists at all (reports filed before posts
    # lived here named ids that were never checked).
    target: Target | None
    # Open reports about the same target (a decision applies to all of them).
    open_reports: int


async def list_reports(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: IdentityPort,
    status: str = "",
    target_type: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[QueueItem]:
    """Reports newest first, each with its target; "" filters mean every status / type."""
    admin(actor)
    v = Violations()
    if status:
        v.check("status", rules.status, status)
    if target_type:
        v.check("target_type", rules.target_type, target_type)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the filter has invalid fields")
    rows = await repository.list_reports(
        session,
        reporter_id=None,
        status=status or None,
        target_type=target_type or None,
        after=after,
        limit=size + 1,
    )
    page = page_of(rows, size)
    targets = await _targets(session, identity, page.items)
    counts = await repository.open_counts(
        session, {(r.target_type, r.target_id) for r in page.items}
    )
    return Page(
        items=[
            QueueItem(
                report=r,
                target=targets.get(r.id),
                open_reports=counts.get((r.target_type, r.target_id), 0),
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


def _profile(profiles: dict[uuid.UUID, Profile], user_id: uuid.UUID) -> Profile:
    return profiles.get(user_id) or Profile.unknown(user_id)


def _ids(reports: list[Report], kind: ReportTargetType) -> set[uuid.UUID]:
    return {r.target_id for r in reports if r.target_type == kind.value}


async def _targets(
    session: AsyncSession, identity: IdentityPort, reports: list[Report]
) -> dict[uuid.UUID, Target]:
    """Each report's target by report id."""
    comments = await repository.comments_by_id(session, _ids(reports, ReportTargetType.COMMENT))
    posts = await repository.posts_by_id(
        session, _ids(reports, ReportTargetType.POST) | {c.post_id for c in comments.values()}
    )
    images = await repository.first_images(session, _ids(reports, ReportTargetType.POST))
    people = (
        _ids(reports, ReportTargetType.USER)
        | {p.author_id for p in posts.values()}
        | {c.author_id for c in comments.values()}
    )
    profiles = await identity.public_profiles(people) if people else {}
    found: dict[uuid.UUID, Target] = {}
    for r in reports:
        kind = r.target_type_enum
        if kind is ReportTargetType.USER:
            found[r.id] = ReportedUser(_profile(profiles, r.target_id))
        elif kind is ReportTargetType.POST and (post := posts.get(r.target_id)):
            author = _profile(profiles, post.author_id)
            found[r.id] = ReportedPost(post, author, images.get(post.id))
        elif kind is ReportTargetType.COMMENT and (comment := comments.get(r.target_id)):
            author = _profile(profiles, comment.author_id)
            found[r.id] = ReportedComment(comment, posts[comment.post_id], author)
    return found
