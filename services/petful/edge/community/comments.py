"""Community comments: /api/v1/community/posts/{post_id}/comments and
/api/v1/community/comments/{comment_id}…

One level of replies: a reply to a reply joins its root's thread. Comments of a post the
caller may not see are 404. A suspended user reads but every write is 403.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response, status

from petful.edge.auth import CurrentUser
from petful.edge.common import PageSize
from petful.edge.community.comments_schemas import Comment, CommentEdit, CommentIn, CommentPage
from petful.edge.community.posts_schemas import LikeState
from petful.pb.community.v1 import posts_pb2 as pb
from petful.pb.community.v1 import posts_pb2_grpc as pb_grpc
from petful.platform.grpc_client import channel

router = APIRouter(prefix="/api/v1/community", tags=["community"])

PostId = Annotated[UUID, Path(description="the post's id")]
CommentId = Annotated[UUID, Path(description="the comment's id")]
Cursor = Annotated[str | None, Query(max_length=200)]


def comments() -> pb_grpc.CommentServiceStub:
    return pb_grpc.CommentServiceStub(channel("community"))


@router.get("/posts/{post_id}/comments", response_model=CommentPage)
async def list_comments(
    post_id: PostId, user: CurrentUser, page_size: PageSize = 20, cursor: Cursor = None
) -> CommentPage:
    """Root comments newest first (page_size roots a page), each with all its replies."""
    r = await comments().ListComments(
        pb.ListCommentsRequest(post_id=str(post_id), page_size=page_size, cursor=cursor or "")
    )
    return CommentPage(
        items=[Comment.from_pb(c) for c in r.items],
        next_cursor=r.next_cursor or None,
        total=r.total,
    )


@router.post(
    "/posts/{post_id}/comments", response_model=Comment, status_code=status.HTTP_201_CREATED
)
async def create_comment(post_id: PostId, body: CommentIn, user: CurrentUser) -> Comment:
    """Comment, or reply (`parent_id`). The post's author and the thread's author are told."""
    r = await comments().CreateComment(
        pb.CreateCommentRequest(
            post_id=str(post_id), parent_id=body.parent_id or "", body=body.body
        )
    )
    return Comment.from_pb(r)


@router.patch("/comments/{comment_id}", response_model=Comment)
async def update_comment(comment_id: CommentId, body: CommentEdit, user: CurrentUser) -> Comment:
    """The author edits the comment (sets edited_at)."""
    r = await comments().UpdateComment(
        pb.UpdateCommentRequest(comment_id=str(comment_id), body=body.body)
    )
    return Comment.from_pb(r)


@router.delete("/comments/{comment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_comment(comment_id: CommentId, user: CurrentUser) -> Response:
    """The author or an admin deletes the comment; a root with replies stays as
    "삭제된 댓글입니다" until its last reply goes."""
    await comments().DeleteComment(pb.DeleteCommentRequest(comment_id=str(comment_id)))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/comments/{comment_id}/like", response_model=LikeState)
async def like_comment(comment_id: CommentId, user: CurrentUser) -> LikeState:
    r = await comments().SetCommentLike(pb.SetLikeRequest(id=str(comment_id), liked=True))
    return LikeState.from_pb(r)


@router.delete("/comments/{comment_id}/like", response_model=LikeState)
async def unlike_comment(comment_id: CommentId, user: CurrentUser) -> LikeState:
    r = await comments().SetCommentLike(pb.SetLikeRequest(id=str(comment_id), liked=False))
    return LikeState.from_pb(r)
