"""What a caller sees of posts: a post with its pictures and author, list items, search
hits and like states, each assembled for a whole page at once.

Every response resolves its authors in ONE batch call to identity and the caller's likes in
one query per page, whatever the page size: lists stay cheap on the board pages that are
read most.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA
from petful.community.peers import Profile
from petful.community.posts import repository
from petful.community.posts.models import Post
from petful.platform import media
from petful.platform.auth_context import Principal, caller_id, is_admin

# The list thumbnail's width (one of settings.media.thumbnail_sizes).
COVER_SIZE = "320"


class ProfilesPort(Protocol):
    """What posts and comments ask of identity: the authors of a page, in one call."""

    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        """Each id's public profile; an unknown (erased) id may be missing."""
        ...


@dataclass(frozen=True, slots=True)
class Viewer:
    """The caller as the rules of what is visible see them."""

    user_id: uuid.UUID
    admin: bool

    @classmethod
    def of(cls, actor: Principal) -> Viewer:
        return cls(caller_id(actor), is_admin(actor))


async def authors(identity: ProfilesPort, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
    """Profiles of ids (one call); an id identity does not know reads as withdrawn."""
    wanted = set(ids)
    found = await identity.public_profiles(wanted) if wanted else {}
    return {uid: found.get(uid) or Profile.unknown(uid) for uid in wanted}


@dataclass(frozen=True, slots=True)
class LikeState:
    id: uuid.UUID
    liked: bool
    like_count: int


@dataclass(frozen=True, slots=True)
class PostView:
    post: Post
    images: list[media.MediaRecord]
    author: Profile
    liked: bool
    viewer: Viewer

    @property
    def can_edit(self) -> bool:
        return self.post.deleted_at is None and self.post.author_id == self.viewer.user_id

    @property
    def can_delete(self) -> bool:
        mine = self.post.author_id == self.viewer.user_id
        return self.post.deleted_at is None and (mine or self.viewer.admin)


@dataclass(frozen=True, slots=True)
class SummaryView:
    post: Post
    cover: media.MediaRecord | None
    image_count: int
    author: Profile
    liked: bool

    @property
    def thumbnail_url(self) -> str:
        """The first picture's 320 px thumbnail, its original until thumbnails exist."""
        if self.cover is None:
            return ""
        return self.cover.thumbnail_urls.get(COVER_SIZE) or self.cover.url


@dataclass(frozen=True, slots=True)
class Hit:
    summary: SummaryView
    title_highlight: str
    body_highlight: str
    rank: float


async def images_of(session: AsyncSession, post_id: uuid.UUID) -> list[media.MediaRecord]:
    ids = await repository.image_ids(session, post_id)
    rows = await media.live_media(session, schema=SCHEMA, ids=ids)
    return [rows[i] for i in ids if i in rows]


async def post_view(
    session: AsyncSession, *, identity: ProfilesPort, post: Post, viewer: Viewer
) -> PostView:
    asked = asyncio.ensure_future(authors(identity, [post.author_id]))
    try:
        images = await images_of(session, post.id)
        liked = await repository.liked_post_ids(session, viewer.user_id, [post.id])
    except BaseException:
        asked.cancel()
        raise
    profiles = await asked
    return PostView(post, images, profiles[post.author_id], post.id in liked, viewer)


async def summaries(
    session: AsyncSession, *, identity: ProfilesPort, posts: Sequence[Post], viewer: Viewer
) -> list[SummaryView]:
    ids = [p.id for p in posts]
    # Identity answers while the database does: the call does not wait for the queries.
    asked = asyncio.ensure_future(authors(identity, (p.author_id for p in posts)))
    try:
        covers = await repository.covers(session, ids)
        cover_media = await media.live_media(
            session, schema=SCHEMA, ids=[c.media_id for c in covers.values()]
        )
        liked = await repository.liked_post_ids(session, viewer.user_id, ids)
    except BaseException:
        asked.cancel()
        raise
    profiles = await asked
    out = []
    for p in posts:
        cover = covers.get(p.id)
        out.append(
            SummaryView(
                post=p,
                cover=cover_media.get(cover.media_id) if cover else None,
                image_count=cover.image_count if cover else 0,
                author=profiles[p.author_id],
                liked=p.id in liked,
            )
        )
    return out
