"""The PostService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.community.base import Clock, utc_now
from petful.community.peers import GrpcIdentity, Profile
from petful.community.posts import rules, service
from petful.community.posts.pets import GrpcPets, PetsPort
from petful.community.posts.views import Hit, LikeState, PostView, ProfilesPort, SummaryView
from petful.pb.community.v1 import posts_pb2 as pb
from petful.pb.community.v1 import posts_pb2_grpc as pb_grpc
from petful.platform import media
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings


def author_to_pb(profile: Profile) -> pb.Author:
    return pb.Author(
        id=str(profile.id),
        nickname=profile.nickname,
        image_url=profile.image_url,
        withdrawn=profile.withdrawn,
    )


def image_to_pb(record: media.MediaRecord) -> pb.PostImage:
    return pb.PostImage(
        media_id=str(record.id),
        url=record.url,
        thumbnails=record.thumbnail_urls,
        width=record.width or 0,
        height=record.height or 0,
    )


def like_to_pb(state: LikeState) -> pb.LikeState:
    return pb.LikeState(id=str(state.id), liked=state.liked, like_count=state.like_count)


def post_to_pb(view: PostView) -> pb.Post:
    p = view.post
    return pb.Post(
        id=str(p.id),
        # Enum fields take their value's name: the domain's name with the enum's prefix.
        board=f"BOARD_{p.board}",
        title=p.title,
        body=p.body,
        images=[image_to_pb(i) for i in view.images],
        pets=[pb.TaggedPet(id=t["id"], name=t["name"]) for t in p.pets],
        author=author_to_pb(view.author),
        like_count=p.like_count,
        comment_count=p.comment_count,
        liked_by_me=view.liked,
        created_at=to_timestamp(p.created_at),
        edited_at=opt_timestamp(p.edited_at),
        # Only admins (deleted) and admins or the author (hidden) ever get such a post.
        deleted_at=opt_timestamp(p.deleted_at),
        hidden=p.hidden_at is not None,
        can_edit=view.can_edit,
        can_delete=view.can_delete,
    )


def summary_to_pb(view: SummaryView) -> pb.PostSummary:
    p = view.post
    return pb.PostSummary(
        id=str(p.id),
        board=f"BOARD_{p.board}",
        title=p.title,
        preview=rules.preview(p.body),
        thumbnail_url=view.thumbnail_url,
        image_count=view.image_count,
        author=author_to_pb(view.author),
        like_count=p.like_count,
        comment_count=p.comment_count,
        liked_by_me=view.liked,
        created_at=to_timestamp(p.created_at),
        edited_at=opt_timestamp(p.edited_at),
    )


def hit_to_pb(hit: Hit) -> pb.SearchHit:
    return pb.SearchHit(
        post=summary_to_pb(hit.summary),
        title_highlight=hit.title_highlight,
        body_highlight=hit.body_highlight,
        rank=hit.rank,
    )


def post_input(fields: pb.PostFields) -> service.PostInput:
    return service.PostInput(
        board=enum_name(pb.Board, fields.board, "BOARD_"),
        title=fields.title,
        body=fields.body,
        image_media_ids=list(fields.image_media_ids),
        pet_ids=list(fields.pet_ids),
    )


class PostServicer(pb_grpc.PostServiceServicer):
    def __init__(
        self, settings: Settings, clock: Clock, identity: ProfilesPort, pets: PetsPort
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.identity = identity
        self.pets = pets

    async def UploadPostImage(
        self, request: pb.UploadPostImageRequest, context: Any
    ) -> pb.PostImage:
        actor = require_principal()
        async with transaction(self.settings) as session:
            record = await service.upload_image(
                session,
                actor=actor,
                now=self.clock(),
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return image_to_pb(record)

    async def CreatePost(self, request: pb.CreatePostRequest, context: Any) -> pb.Post:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.create_post(
                session,
                actor=actor,
                identity=self.identity,
                pets=self.pets,
                now=self.clock(),
                settings=self.settings,
                fields=post_input(request.post),
            )
            return post_to_pb(view)

    async def UpdatePost(self, request: pb.UpdatePostRequest, context: Any) -> pb.Post:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.update_post(
                session,
                actor=actor,
                identity=self.identity,
                pets=self.pets,
                now=self.clock(),
                settings=self.settings,
                post_id=request.post_id,
                fields=post_input(request.post),
            )
            return post_to_pb(view)

    async def DeletePost(
        self, request: pb.DeletePostRequest, context: Any
    ) -> pb.DeletePostResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete_post(
                session, actor=actor, now=self.clock(), post_id=request.post_id
            )
            return pb.DeletePostResponse()

    async def GetPost(self, request: pb.GetPostRequest, context: Any) -> pb.Post:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.get_post(
                session, actor=actor, identity=self.identity, post_id=request.post_id
            )
            return post_to_pb(view)

    async def ListPosts(self, request: pb.ListPostsRequest, context: Any) -> pb.ListPostsResponse:
        actor = require_principal()
        query = service.ListQuery(
            board=enum_name(pb.Board, request.board, "BOARD_"),
            sort=enum_name(pb.PostSort, request.sort, "POST_SORT_"),
            author_id=request.author_id,
            liked=request.liked_by_me,
            page_size=request.page_size,
            cursor=request.cursor,
        )
        async with transaction(self.settings) as session:
            page = await service.list_posts(
                session,
                actor=actor,
                identity=self.identity,
                now=self.clock(),
                settings=self.settings,
                query=query,
            )
            return pb.ListPostsResponse(
                items=[summary_to_pb(s) for s in page.items], next_cursor=page.next_cursor
            )

    async def SearchPosts(
        self, request: pb.SearchPostsRequest, context: Any
    ) -> pb.SearchPostsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.search_posts(
                session,
                actor=actor,
                identity=self.identity,
                query=request.query,
                board=enum_name(pb.Board, request.board, "BOARD_"),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return pb.SearchPostsResponse(
                items=[hit_to_pb(h) for h in page.items], next_cursor=page.next_cursor
            )

    async def SetPostLike(self, request: pb.SetLikeRequest, context: Any) -> pb.LikeState:
        actor = require_principal()
        async with transaction(self.settings) as session:
            state = await service.set_post_like(
                session, actor=actor, now=self.clock(), post_id=request.id, liked=request.liked
            )
            return like_to_pb(state)


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    identity: ProfilesPort | None = None,
    pets: PetsPort | None = None,
    **_: Any,
) -> None:
    """Add PostService to server (options the other community parts take are ignored)."""
    pb_grpc.add_PostServiceServicer_to_server(
        PostServicer(
            settings or get_settings(),
            clock or utc_now,
            identity or GrpcIdentity(),
            pets or GrpcPets(),
        ),
        server,
    )
