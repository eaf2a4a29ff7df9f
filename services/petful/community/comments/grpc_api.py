"""The CommentService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.community.base import Clock, utc_now
from petful.community.comments import service
from petful.community.comments.service import CommentView
from petful.community.peers import GrpcIdentity
from petful.community.posts.grpc_api import author_to_pb, like_to_pb
from petful.community.posts.views import ProfilesPort
from petful.pb.community.v1 import posts_pb2 as pb
from petful.pb.community.v1 import posts_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings


def comment_to_pb(view: CommentView) -> pb.Comment:
    c = view.comment
    return pb.Comment(
        id=str(c.id),
        post_id=str(c.post_id),
        parent_id=str(c.parent_id) if c.parent_id else "",
        body=view.body,
        author=author_to_pb(view.author),
        like_count=c.like_count,
        liked_by_me=view.liked,
        created_at=to_timestamp(c.created_at),
        edited_at=opt_timestamp(c.edited_at),
        deleted=view.deleted,
        hidden=view.hidden,
        can_edit=view.can_edit,
        can_delete=view.can_delete,
        replies=[comment_to_pb(r) for r in view.replies],
    )


class CommentServicer(pb_grpc.CommentServiceServicer):
    def __init__(self, settings: Settings, clock: Clock, identity: ProfilesPort) -> None:
        self.settings = settings
        self.clock = clock
        self.identity = identity

    async def ListComments(
        self, request: pb.ListCommentsRequest, context: Any
    ) -> pb.ListCommentsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.list_comments(
                session,
                actor=actor,
                identity=self.identity,
                post_id=request.post_id,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return pb.ListCommentsResponse(
                items=[comment_to_pb(c) for c in page.items],
                next_cursor=page.next_cursor,
                total=page.total,
            )

    async def CreateComment(self, request: pb.CreateCommentRequest, context: Any) -> pb.Comment:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.create_comment(
                session,
                actor=actor,
                identity=self.identity,
                now=self.clock(),
                post_id=request.post_id,
                parent_id=request.parent_id,
                body=request.body,
            )
            return comment_to_pb(view)

    async def UpdateComment(self, request: pb.UpdateCommentRequest, context: Any) -> pb.Comment:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.update_comment(
                session,
                actor=actor,
                identity=self.identity,
                now=self.clock(),
                comment_id=request.comment_id,
                body=request.body,
            )
            return comment_to_pb(view)

    async def DeleteComment(
        self, request: pb.DeleteCommentRequest, context: Any
    ) -> pb.DeleteCommentResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete_comment(
                session, actor=actor, now=self.clock(), comment_id=request.comment_id
            )
            return pb.DeleteCommentResponse()

    async def SetCommentLike(self, request: pb.SetLikeRequest, context: Any) -> pb.LikeState:
        actor = require_principal()
        async with transaction(self.settings) as session:
            state = await service.set_comment_like(
                session, actor=actor, now=self.clock(), comment_id=request.id, liked=request.liked
            )
            return like_to_pb(state)


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    identity: ProfilesPort | None = None,
    **_: Any,
) -> None:
    """Add CommentService to server (options the other community parts take are ignored)."""
    pb_grpc.add_CommentServiceServicer_to_server(
        CommentServicer(settings or get_settings(), clock or utc_now, identity or GrpcIdentity()),
        server,
    )
