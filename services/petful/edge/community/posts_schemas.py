"""Request and response bodies of the post routes, and their protobuf mapping.

Shapes and size caps are checked here (422 naming the field); the community service
re-checks every rule (pictures the caller uploaded, their own pets, a show-off post's
picture) and owns visibility (404 for what the caller may not see).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Literal, Protocol, cast

from pydantic import BaseModel, Field

from petful.edge.common import Body
from petful.pb.community.v1 import posts_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

Board = Literal["INFORMATION", "QUESTION", "SHOW_OFF"]
PostSort = Literal["NEWEST", "POPULAR"]
Id = Annotated[str, Field(max_length=64)]


def board_value(name: str | None) -> pb.Board:
    """The generated enum's number of a board name (unspecified for None: every board)."""
    return cast(pb.Board, pb.Board.Value(f"BOARD_{name}") if name else 0)


def sort_value(name: str | None) -> pb.PostSort:
    return cast(pb.PostSort, pb.PostSort.Value(f"POST_SORT_{name}") if name else 0)


def _board(number: int) -> Board:
    return cast(Board, enum_name(pb.Board, number, "BOARD_"))


class _AuthorMessage(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def nickname(self) -> str: ...
    @property
    def image_url(self) -> str: ...
    @property
    def withdrawn(self) -> bool: ...


class Author(BaseModel):
    """Who wrote it, as others see them; a withdrawn account reads "탈퇴한 회원"."""

    id: str
    nickname: str = Field(examples=["보리맘"])
    image_url: str = Field(description="The profile picture's thumbnail path; empty without.")
    withdrawn: bool

    @classmethod
    def from_pb(cls, a: _AuthorMessage) -> Author:
        return cls(id=a.id, nickname=a.nickname, image_url=a.image_url, withdrawn=a.withdrawn)


class PostImage(BaseModel):
    """A post picture: its public URL and WebP thumbnails by width (empty until made)."""

    media_id: str
    url: str = Field(examples=["/media/public/community/<id>/<sha256>.jpg"])
    thumbnails: dict[str, str] = Field(examples=[{"320": "...", "960": "..."}])
    width: int
    height: int

    @classmethod
    def from_pb(cls, m: pb.PostImage) -> PostImage:
        thumbnails: Mapping[str, str] = m.thumbnails
        return cls(
            media_id=m.media_id,
            url=m.url,
            thumbnails=dict(thumbnails),
            width=m.width,
            height=m.height,
        )


class TaggedPet(BaseModel):
    id: str
    name: str = Field(description="The pet's name when the post was written.")


class CommunityPost(BaseModel):
    id: str
    board: Board
    title: str
    body: str = Field(description="Plain text with line breaks (never HTML).")
    images: list[PostImage]
    pets: list[TaggedPet]
    author: Author
    like_count: int
    comment_count: int
    liked_by_me: bool
    created_at: datetime | None
    edited_at: datetime | None
    deleted_at: datetime | None = Field(description="Set for admins only: a deleted post.")
    hidden: bool = Field(description="Hidden by moderation (admins and the author see it).")
    can_edit: bool
    can_delete: bool

    @classmethod
    def from_pb(cls, p: pb.Post) -> CommunityPost:
        return cls(
            id=p.id,
            board=_board(p.board),
            title=p.title,
            body=p.body,
            images=[PostImage.from_pb(i) for i in p.images],
            pets=[TaggedPet(id=t.id, name=t.name) for t in p.pets],
            author=Author.from_pb(p.author),
            like_count=p.like_count,
            comment_count=p.comment_count,
            liked_by_me=p.liked_by_me,
            created_at=timestamp_or_none(p.created_at),
            edited_at=timestamp_or_none(p.edited_at),
            deleted_at=timestamp_or_none(p.deleted_at),
            hidden=p.hidden,
            can_edit=p.can_edit,
            can_delete=p.can_delete,
        )


class PostSummary(BaseModel):
    id: str
    board: Board
    title: str
    preview: str = Field(description='The first 100 characters, line breaks as spaces, "…" cut.')
    thumbnail_url: str | None = Field(
        description="The first picture's 320 px thumbnail (its original until made); null "
        "without pictures."
    )
    image_count: int
    author: Author
    like_count: int
    comment_count: int
    liked_by_me: bool
    created_at: datetime | None
    edited_at: datetime | None

    @classmethod
    def from_pb(cls, p: pb.PostSummary) -> PostSummary:
        return cls(
            id=p.id,
            board=_board(p.board),
            title=p.title,
            preview=p.preview,
            thumbnail_url=p.thumbnail_url or None,
            image_count=p.image_count,
            author=Author.from_pb(p.author),
            like_count=p.like_count,
            comment_count=p.comment_count,
            liked_by_me=p.liked_by_me,
            created_at=timestamp_or_none(p.created_at),
            edited_at=timestamp_or_none(p.edited_at),
        )


class SearchHit(BaseModel):
    post: PostSummary
    title_highlight: str = Field(
        description="The title with each matched term between U+E000 and U+E001."
    )
    body_highlight: str = Field(
        description="About 120 characters of the body around the first match, marked alike."
    )
    rank: float

    @classmethod
    def from_pb(cls, h: pb.SearchHit) -> SearchHit:
        return cls(
            post=PostSummary.from_pb(h.post),
            title_highlight=h.title_highlight,
            body_highlight=h.body_highlight,
            rank=h.rank,
        )


class LikeState(BaseModel):
    id: str
    liked: bool
    like_count: int

    @classmethod
    def from_pb(cls, s: pb.LikeState) -> LikeState:
        return cls(id=s.id, liked=s.liked, like_count=s.like_count)


class PostIn(Body):
    board: Board
    title: str = Field(min_length=1, max_length=100, examples=["산책로 추천해요"])
    body: str = Field(
        min_length=1, max_length=10_000, examples=["한강 산책로가 넓어서 좋아요.\n주말엔 붐벼요."]
    )
    image_media_ids: list[Id] = Field(
        default_factory=list,
        max_length=100,
        description="Your uploads (POST /api/v1/community/images) in display order; at most "
        "10; a SHOW_OFF post needs one.",
    )
    pet_ids: list[Id] = Field(default_factory=list, max_length=5, description="Your own pets.")

    def to_pb(self) -> pb.PostFields:
        return pb.PostFields(
            board=board_value(self.board),
            title=self.title,
            body=self.body,
            image_media_ids=self.image_media_ids,
            pet_ids=self.pet_ids,
        )
