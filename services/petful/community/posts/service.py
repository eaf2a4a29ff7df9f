"""Posts: pictures, writing, reading, lists, search and likes.

Functions are keyword-only, take the caller's session and never commit (the RPC or task
boundary does). Anyone signed in reads; writing needs an account identity has not
suspended (`require_writer`, from the restrictions its events keep here). A deleted post is
404 for everyone but admins; a hidden one (moderation) also stays readable by its author.
Lists and search show neither.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA
from petful.community.posts import repository, rules
from petful.community.posts.models import Post
from petful.community.posts.pets import PetsPort
from petful.community.posts.rules import Board, Sort
from petful.community.posts.views import (
    Hit,
    LikeState,
    PostView,
    ProfilesPort,
    SummaryView,
    Viewer,
    post_view,
    summaries,
)
from petful.contracts import community as contracts
from petful.platform import korean, media, outbox
from petful.platform.auth_context import USER_ROLES, Principal, require_role
from petful.platform.errors import PROBLEM_BASE, InvalidArgument, NotFound, PermissionDenied
from petful.platform.paging import (
    Page,
    check_page_size,
    decode_cursor,
    encode_cursor,
    page_of,
)
from petful.platform.settings import Settings, get_settings
from petful.platform.validation import RuleError, Violations, parse_uuid

# Who deleted it, as identity's audit log reads it.
ADMIN_DELETE_REASON = "관리자 삭제"
SUSPENDED = PROBLEM_BASE + "account-suspended"


# --- who may do what ---------------------------------------------------------------------


async def require_writer(session: AsyncSession, *, actor: Principal, now: datetime) -> Viewer:
    """The caller, when they may write (post, comment, like, upload): signed in and not
    suspended. A suspended user reads on but gets 403 (type account-suspended)."""
    require_role(actor, *USER_ROLES, message="only signed-in users may write")
    viewer = Viewer.of(actor)
    if await repository.restricted(session, viewer.user_id, now):
        raise PermissionDenied(
            "your account is suspended: you may read but not write", type_=SUSPENDED
        )
    return viewer


def _not_found() -> NotFound:
    return NotFound("post not found")


def may_see(post: Post, viewer: Viewer) -> bool:
    """Deleted: admins only. Hidden by moderation: admins and its author."""
    if viewer.admin:
        return True
    if post.deleted_at is not None:
        return False
    return post.hidden_at is None or post.author_id == viewer.user_id


async def visible_post(
    session: AsyncSession, *, post_id: uuid.UUID, viewer: Viewer, for_update: bool = False
) -> Post:
    """The post as the viewer may see it, or NotFound (its existence is not told)."""
    post = await repository.get(session, post_id, for_update=for_update)
    if post is None or not may_see(post, viewer):
        raise _not_found()
    return post


def _post_id(raw: str) -> uuid.UUID:
    try:
        return parse_uuid(raw)
    except RuleError:
        # A malformed id names no post: the same 404 as an unknown one.
        raise _not_found() from None


# --- pictures ----------------------------------------------------------------------------


async def upload_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: bytes,
    filename: str,
    settings: Settings,
) -> media.MediaRecord:
    """Store a picture for a post being written (checked by content: 415 wrong type, 413
    too large, 422 damaged). It is the caller's until a post takes it up; one no post took
    up is discarded after settings.community.unattached_image_hours."""
    viewer = await require_writer(session, actor=actor, now=now)
    return await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=viewer.user_id,
        purpose=rules.IMAGE_PURPOSE,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


async def discard_unattached_images(
    session: AsyncSession, *, now: datetime, settings: Settings, limit: int = 500
) -> int:
    """Discard pictures uploaded for posts that no post took up in time. Idempotent."""
    stale = await repository.unattached_images(
        session,
        created_before=now - timedelta(hours=settings.community.unattached_image_hours),
        limit=limit,
    )
    for media_id in stale:
        await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)
    return len(stale)


def _bad_pictures(reason: str) -> InvalidArgument:
    return InvalidArgument(
        "the pictures are invalid", field_violations=[("image_media_ids", reason)]
    )


async def _check_pictures(
    session: AsyncSession,
    *,
    owner_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    post_id: uuid.UUID | None,
) -> None:
    """Each picture: uploaded by the caller for a post, live, and not another post's
    (never someone else's upload, whatever ids a client sends)."""
    live = await media.live_media(session, schema=SCHEMA, ids=ids)
    for media_id in ids:
        record = live.get(media_id)
        if record is None or record.owner_id != owner_id or record.purpose != rules.IMAGE_PURPOSE:
            raise _bad_pictures("must be pictures you uploaded for a post")
    if await repository.attached_elsewhere(session, ids, post_id):
        raise _bad_pictures("must not be pictures of another post")


async def _attach(session: AsyncSession, post_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> None:
    try:
        async with session.begin_nested():
            await repository.replace_images(session, post_id, ids)
    except IntegrityError:  # another post took one of them up meanwhile
        raise _bad_pictures("must not be pictures of another post") from None


# --- writing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostInput:
    board: str  # rules.Board name
    title: str
    body: str
    image_media_ids: Sequence[str]
    pet_ids: Sequence[str]


@dataclass(frozen=True, slots=True)
class _Checked:
    board: Board
    title: str
    body: str
    image_ids: list[uuid.UUID]
    pet_ids: list[uuid.UUID]


def _check_fields(fields: PostInput, settings: Settings) -> _Checked:
    v = Violations()
    board = v.check("board", rules.check_board, fields.board)
    title = v.check("title", rules.check_title, fields.title)
    body = v.check("body", rules.check_body, fields.body)
    image_ids = v.check(
        "image_media_ids",
        rules.check_image_ids,
        fields.image_media_ids,
        max_images=settings.community.max_post_images,
    )
    pet_ids = v.check("pet_ids", rules.check_pet_ids, fields.pet_ids)
    v.raise_if_any("the post has invalid fields")
    v.check("image_media_ids", rules.check_pictures_for_board, board, image_ids)
    v.raise_if_any("the post has invalid fields")
    return _Checked(board, title, body, image_ids, pet_ids)


async def _tag_pets(
    pets: PetsPort, ids: Sequence[uuid.UUID], tagged: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The pets as tagged ({id, name} snapshots). Pets the post already tags keep their
    snapshot; new ones must be the caller's own (one call to pets, only when needed)."""
    known = {t["id"]: t for t in tagged}
    if all(str(i) in known for i in ids):
        return [known[str(i)] for i in ids]
    mine = {p.id: p for p in await pets.my_pets()}
    out = []
    for pet_id in ids:
        if str(pet_id) in known:
            out.append(known[str(pet_id)])
        elif pet_id in mine:
            out.append({"id": str(pet_id), "name": mine[pet_id].name})
        else:
            raise InvalidArgument(
                "the tagged pets are invalid",
                field_violations=[("pet_ids", "must be your own pets")],
            )
    return out


def _index(post: Post) -> None:
    """Set the post's search vectors from its title and body (kiwipiepy terms)."""
    post.title_search, post.search = repository.search_vectors(
        korean.tsvector_text(korean.terms(post.title)),
        korean.tsvector_text(korean.terms(post.body)),
    )


async def create_post(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    pets: PetsPort,
    now: datetime,
    settings: Settings,
    fields: PostInput,
) -> PostView:
    viewer = await require_writer(session, actor=actor, now=now)
    checked = _check_fields(fields, settings)
    await _check_pictures(session, owner_id=viewer.user_id, ids=checked.image_ids, post_id=None)
    tagged = await _tag_pets(pets, checked.pet_ids, [])
    post = Post(
        id=uuid.uuid4(),
        author_id=viewer.user_id,
        board=checked.board.value,
        title=checked.title,
        body=checked.body,
        pets=tagged,
        like_count=0,
        comment_count=0,
        created_at=now,
    )
    _index(post)
    await repository.add(session, post)
    await _attach(session, post.id, checked.image_ids)
    return await post_view(session, identity=identity, post=post, viewer=viewer)


async def update_post(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    pets: PetsPort,
    now: datetime,
    settings: Settings,
    post_id: str,
    fields: PostInput,
) -> PostView:
    """The author replaces board, title, body, pictures (the full ordered list) and tagged
    pets; edited_at is set. Pictures left out are discarded once this commits. Counts are
    left alone."""
    viewer = await require_writer(session, actor=actor, now=now)
    post = await visible_post(session, post_id=_post_id(post_id), viewer=viewer, for_update=True)
    if post.deleted_at is not None:
        raise _not_found()
    if post.author_id != viewer.user_id:
        raise PermissionDenied("only the author may edit a post")
    checked = _check_fields(fields, settings)
    await _check_pictures(session, owner_id=viewer.user_id, ids=checked.image_ids, post_id=post.id)
    tagged = await _tag_pets(pets, checked.pet_ids, post.pets)
    before = await repository.image_ids(session, post.id)
    post.board = checked.board.value
    post.title = checked.title
    post.body = checked.body
    post.pets = tagged
    _index(post)
    post.edited_at = now
    await repository.flush(session)
    await _attach(session, post.id, checked.image_ids)
    for media_id in set(before) - set(checked.image_ids):
        await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)
    return await post_view(session, identity=identity, post=post, viewer=viewer)


async def remove_post(
    session: AsyncSession, *, post_id: uuid.UUID, by: uuid.UUID, now: datetime
) -> Post | None:
    """Soft-delete the post (moderation's entry: no permission check, no event). None when
    there is no such post or it is already deleted. Its pictures and comments stay with it
    (admins still read a deleted post)."""
    post = await repository.get(session, post_id, for_update=True)
    if post is None or post.deleted_at is not None:
        return None
    post.deleted_at = now
    post.deleted_by = by
    await repository.flush(session)
    return post


async def delete_post(
    session: AsyncSession, *, actor: Principal, now: datetime, post_id: str
) -> None:
    """The author or an admin deletes (soft). An admin deleting someone else's post emits
    community.content.moderated, which identity audits."""
    viewer = await require_writer(session, actor=actor, now=now)
    post = await visible_post(session, post_id=_post_id(post_id), viewer=viewer)
    if post.author_id != viewer.user_id and not viewer.admin:
        raise PermissionDenied("only the author or an administrator may delete a post")
    removed = await remove_post(session, post_id=post.id, by=viewer.user_id, now=now)
    if removed is None:
        raise _not_found()
    if removed.author_id != viewer.user_id:
        await announce_moderation(
            session,
            target_type="POST",
            target_id=removed.id,
            post_id=removed.id,
            author_id=removed.author_id,
            action="DELETED",
            admin_id=viewer.user_id,
            reason=ADMIN_DELETE_REASON,
            now=now,
        )


async def announce_moderation(
    session: AsyncSession,
    *,
    target_type: str,
    target_id: uuid.UUID,
    post_id: uuid.UUID,
    author_id: uuid.UUID,
    action: str,
    admin_id: uuid.UUID | None,
    reason: str,
    now: datetime,
) -> None:
    """community.content.moderated: the author is told (notifications) and, for an admin's
    action, identity's audit log records it."""
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.CONTENT_MODERATED,
        contracts.ContentModerated(
            target_type=target_type,
            target_id=target_id,
            post_id=post_id,
            author_id=author_id,
            action=action,
            admin_id=admin_id,
            reason=reason,
            at=now,
        ),
        now=now,
    )


# --- reading -----------------------------------------------------------------------------


async def get_post(
    session: AsyncSession, *, actor: Principal, identity: ProfilesPort, post_id: str
) -> PostView:
    require_role(actor, *USER_ROLES, message="only signed-in users may read posts")
    viewer = Viewer.of(actor)
    post = await visible_post(session, post_id=_post_id(post_id), viewer=viewer)
    return await post_view(session, identity=identity, post=post, viewer=viewer)


@dataclass(frozen=True, slots=True)
class ListQuery:
    board: str = ""  # "" every board
    sort: str = ""  # "" NEWEST
    author_id: str = ""  # "" everyone's
    liked: bool = False  # the caller's liked posts, most recently liked first
    page_size: int = 0
    cursor: str = ""


async def list_posts(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    now: datetime,
    settings: Settings,
    query: ListQuery,
) -> Page[SummaryView]:
    """Live posts (never deleted or hidden ones): of a board or all, of one author, or the
    caller's liked ones; newest or popular first; keyset paged."""
    require_role(actor, *USER_ROLES, message="only signed-in users may read posts")
    viewer = Viewer.of(actor)
    v = Violations()
    board = v.check("board", rules.board_filter, query.board)
    sort = v.check("sort", rules.check_sort, query.sort)
    author_id = v.check("author_id", parse_uuid, query.author_id) if query.author_id else None
    size = v.check("page_size", check_page_size, query.page_size)
    if query.liked and sort is Sort.POPULAR:
        v.add("sort", "liked posts are listed by when you liked them")
    v.raise_if_any("the list parameters are invalid")
    board_name = board.value if board else None
    posts: list[Post]
    if query.liked:
        liked_after = v.check("cursor", decode_cursor, query.cursor)
        v.raise_if_any("the list parameters are invalid")
        liked = await repository.list_liked(
            session,
            user_id=viewer.user_id,
            board=board_name,
            author_id=author_id,
            after=liked_after,
            limit=size + 1,
        )
        liked_page = page_of(liked, size, lambda r: encode_cursor(r[1], r[0].id))
        posts, next_cursor = [p for p, _ in liked_page.items], liked_page.next_cursor
    elif sort is Sort.POPULAR:
        scored_after = v.check("cursor", rules.decode_score_cursor, query.cursor)
        v.raise_if_any("the list parameters are invalid")
        scored = await repository.list_popular(
            session,
            board=board_name,
            author_id=author_id,
            after=scored_after,
            limit=size + 1,
        )
        scored_page = page_of(scored, size, _score_cursor)
        posts, next_cursor = [p for p, _ in scored_page.items], scored_page.next_cursor
    else:
        newest_after = v.check("cursor", decode_cursor, query.cursor)
        v.raise_if_any("the list parameters are invalid")
        newest = await repository.list_newest(
            session, board=board_name, author_id=author_id, after=newest_after, limit=size + 1
        )
        newest_page = page_of(newest, size)
        posts, next_cursor = newest_page.items, newest_page.next_cursor
    items = await summaries(session, identity=identity, posts=posts, viewer=viewer)
    return Page(items=items, next_cursor=next_cursor)


def popular_since(now: datetime) -> datetime:
    """Where the popular window (likes and comments that count) starts."""
    return now - timedelta(days=get_settings().community.popular_days)


async def refresh_recent_scores(session: AsyncSession, *, now: datetime) -> int:
    """The periodic job's work: scores lose what slid out of the popular window."""
    return await repository.refresh_recent_scores(session, since=popular_since(now))


def _score_cursor(row: tuple[Post, float]) -> str:
    post, score = row
    return rules.encode_score_cursor(score, post.created_at, post.id)


async def search_posts(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: ProfilesPort,
    query: str,
    board: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Hit]:
    """Korean-aware full-text search: the query's kiwipiepy terms, each a prefix, all of
    them in the title or body; by relevance (title above body), newest first among equals.
    A query with no searchable term (only particles or punctuation) finds nothing."""
    require_role(actor, *USER_ROLES, message="only signed-in users may search posts")
    viewer = Viewer.of(actor)
    v = Violations()
    text = v.check("query", rules.check_query, query)
    wanted = v.check("board", rules.board_filter, board)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", rules.decode_score_cursor, cursor)
    v.raise_if_any("the search is invalid")
    terms = rules.query_terms(korean.terms(text))
    if not terms:
        return Page(items=[])
    rows = await repository.search(
        session,
        tsquery=rules.prefix_tsquery(terms),
        board=wanted.value if wanted else None,
        after=after,
        limit=size + 1,
    )
    page = page_of(rows, size, _score_cursor)
    views = await summaries(
        session, identity=identity, posts=[p for p, _ in page.items], viewer=viewer
    )
    hits = [
        Hit(
            summary=view,
            title_highlight=rules.mark(view.post.title, terms),
            body_highlight=rules.body_fragment(view.post.body, terms),
            rank=rank,
        )
        for view, (_, rank) in zip(views, page.items, strict=True)
    ]
    return Page(items=hits, next_cursor=page.next_cursor)


# --- likes -------------------------------------------------------------------------------


async def set_post_like(
    session: AsyncSession, *, actor: Principal, now: datetime, post_id: str, liked: bool
) -> LikeState:
    """Like or unlike; idempotent both ways. The first like ever of a user for a post
    (not their own) emits community.post.liked, however often it is toggled after."""
    viewer = await require_writer(session, actor=actor, now=now)
    post = await visible_post(session, post_id=_post_id(post_id), viewer=viewer)
    if post.deleted_at is not None:
        raise _not_found()
    if liked:
        added = await repository.add_like(session, post_id=post.id, user_id=viewer.user_id, now=now)
        if (
            added
            and post.author_id != viewer.user_id
            and await repository.first_like_notice(
                session, post_id=post.id, user_id=viewer.user_id, now=now
            )
        ):
            await outbox.add_event(
                session,
                SCHEMA,
                contracts.POST_LIKED,
                contracts.PostLiked(
                    post_id=post.id,
                    author_id=post.author_id,
                    user_id=viewer.user_id,
                    post_title=post.title,
                    liked_at=now,
                ),
                now=now,
            )
    else:
        await repository.remove_like(
            session, post_id=post.id, user_id=viewer.user_id, since=popular_since(now)
        )
    return LikeState(post.id, liked, await repository.like_count(session, post.id))


# --- restrictions (identity's suspensions) -----------------------------------------------


async def restrict(
    session: AsyncSession, *, user_id: uuid.UUID, until: datetime | None, now: datetime
) -> None:
    """identity suspended the account: no writing until `until` (None: until reinstated)."""
    await repository.restrict(session, user_id=user_id, until=until, now=now)


async def lift_restriction(session: AsyncSession, *, user_id: uuid.UUID) -> None:
    await repository.lift_restriction(session, user_id=user_id)
