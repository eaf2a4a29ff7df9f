"""Community posts: /api/v1/community/posts…, pictures and likes.

Three boards: INFORMATION (정보 공유), QUESTION (질문) and SHOW_OFF (자랑, at least one
picture). Any signed-in user reads; a suspended user reads but every write is 403
(problem type account-suspended). Pictures are uploaded first (POST
/api/v1/community/images) and named by id when the post is written. A deleted post is 404
for everyone but admins; one hidden by moderation is also shown to its author.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Path, Query, Response, UploadFile, status

from petful.edge.auth import CurrentUser
from petful.edge.common import Page, PageSize
from petful.edge.community.posts_schemas import (
    Board,
    CommunityPost,
    LikeState,
    PostImage,
    PostIn,
    PostSort,
    PostSummary,
    SearchHit,
    board_value,
    sort_value,
)
from petful.edge.uploads import read_upload
from petful.pb.community.v1 import posts_pb2 as pb
from petful.pb.community.v1 import posts_pb2_grpc as pb_grpc
from petful.platform.grpc_client import channel
from petful.platform.settings import get_settings

router = APIRouter(prefix="/api/v1/community", tags=["community"])

PostId = Annotated[UUID, Path(description="the post's id")]
Cursor = Annotated[str | None, Query(max_length=200)]


def posts() -> pb_grpc.PostServiceStub:
    return pb_grpc.PostServiceStub(channel("community"))


@router.get("/posts", response_model=Page[PostSummary])
async def list_posts(
    user: CurrentUser,
    board: Board | None = None,
    sort: PostSort | None = None,
    author_id: Annotated[UUID | None, Query(description="Only this user's posts.")] = None,
    liked: Annotated[
        bool, Query(description="Only posts you liked, most recently liked first.")
    ] = False,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[PostSummary]:
    """Live posts of a board (or every board), newest first or POPULAR (likes and comments
    of the last 7 days, newest first among equals)."""
    r = await posts().ListPosts(
        pb.ListPostsRequest(
            board=board_value(board),
            sort=sort_value(sort),
            author_id=str(author_id) if author_id else "",
            liked_by_me=liked,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[PostSummary](
        items=[PostSummary.from_pb(p) for p in r.items], next_cursor=r.next_cursor or None
    )


@router.get("/posts/search", response_model=Page[SearchHit])
async def search_posts(
    user: CurrentUser,
    q: Annotated[str, Query(min_length=1, max_length=100, pattern=r"\S", examples=["산책"])],
    board: Board | None = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[SearchHit]:
    """Korean-aware search of titles and bodies (산책 finds 산책했어요 and 산책로), by
    relevance, newest first among equals. A query of particles only finds nothing."""
    r = await posts().SearchPosts(
        pb.SearchPostsRequest(
            query=q, board=board_value(board), page_size=page_size, cursor=cursor or ""
        )
    )
    return Page[SearchHit](
        items=[SearchHit.from_pb(h) for h in r.items], next_cursor=r.next_cursor or None
    )


@router.post("/images", response_model=PostImage, status_code=status.HTTP_201_CREATED)
async def upload_image(
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP or GIF, at most 10 MB")],
    user: CurrentUser,
) -> PostImage:
    """A picture for a post you are writing (checked by content: 415 wrong type, 413 too
    large, 422 damaged). Name its media_id in the post; unused uploads go after a day."""
    data = await read_upload(file, get_settings().media.max_bytes)
    r = await posts().UploadPostImage(
        pb.UploadPostImageRequest(data=data, filename=file.filename or "")
    )
    return PostImage.from_pb(r)


@router.post("/posts", response_model=CommunityPost, status_code=status.HTTP_201_CREATED)
async def create_post(body: PostIn, user: CurrentUser) -> CommunityPost:
    r = await posts().CreatePost(pb.CreatePostRequest(post=body.to_pb()))
    return CommunityPost.from_pb(r)


@router.get("/posts/{post_id}", response_model=CommunityPost)
async def get_post(post_id: PostId, user: CurrentUser) -> CommunityPost:
    r = await posts().GetPost(pb.GetPostRequest(post_id=str(post_id)))
    return CommunityPost.from_pb(r)


@router.put("/posts/{post_id}", response_model=CommunityPost)
async def update_post(post_id: PostId, body: PostIn, user: CurrentUser) -> CommunityPost:
    """The author replaces the post (pictures: the full ordered list; ones left out are
    deleted). Sets edited_at."""
    r = await posts().UpdatePost(pb.UpdatePostRequest(post_id=str(post_id), post=body.to_pb()))
    return CommunityPost.from_pb(r)


@router.delete("/posts/{post_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_post(post_id: PostId, user: CurrentUser) -> Response:
    """The author or an admin deletes the post."""
    await posts().DeletePost(pb.DeletePostRequest(post_id=str(post_id)))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/posts/{post_id}/like", response_model=LikeState)
async def like_post(post_id: PostId, user: CurrentUser) -> LikeState:
    """Like (idempotent: liking again leaves one like)."""
    r = await posts().SetPostLike(pb.SetLikeRequest(id=str(post_id), liked=True))
    return LikeState.from_pb(r)


@router.delete("/posts/{post_id}/like", response_model=LikeState)
async def unlike_post(post_id: PostId, user: CurrentUser) -> LikeState:
    """Unlike (idempotent)."""
    r = await posts().SetPostLike(pb.SetLikeRequest(id=str(post_id), liked=False))
    return LikeState.from_pb(r)
