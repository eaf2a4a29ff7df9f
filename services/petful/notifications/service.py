"""The inbox: writing a notification for an event (the subscribers) and the recipient's own
list, count, read marks and hiding (the API).

Functions are keyword-only, take the caller's session and never commit (the task or RPC
boundary does). Every API call acts on the caller's own rows: another user's notification
is simply not found.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.base import Received
from petful.notifications import (
    catalogue,
    channel_repository,
    channels,
    live,
    push,
    repository,
    rules,
)
from petful.notifications.catalogue import Entry
from petful.notifications.models import Notification
from petful.notifications.peers import ActorsPort
from petful.platform.auth_context import USER_ROLES, Principal, Role, require_role
from petful.platform.db import on_commit
from petful.platform.errors import NotFound, PermissionDenied
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of
from petful.platform.validation import Violations, parse_uuid, uuid_field

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    user_id: uuid.UUID
    id: uuid.UUID
    seq: int


async def deliver(
    session: AsyncSession,
    *,
    entry: Entry,
    event: Received[Any],
    actors: ActorsPort,
    now: datetime,
    send_now: Callable[[], Awaitable[None]] | None = None,
) -> Written | None:
    """The event's notification for the entry's recipient, stored, with its email and push
    deliveries (channels.plan); after commit the recipient's open streams are told and
    `send_now` runs when a delivery is due at once. None when the event is not for this
    entry, there is nobody to tell, or this event already made the row."""
    payload = event.payload
    if not catalogue.applies(entry, payload):
        return None
    user_id = catalogue.recipient_of(entry, payload)
    actor_id = catalogue.actor_of(entry, payload)
    # Nobody is told what they did themselves (an admin moderating their own post).
    if user_id is None or user_id == actor_id:
        return None
    # Asked before taking the recipient's lock: a slow identity must not hold up the
    # recipient's other writers.
    actor = (await actors.nicknames([actor_id]))[actor_id] if actor_id else ""
    await repository.lock_recipient(session, user_id)
    written = None
    if entry.batch_title:
        # A batch joined is not news for email or push: the first one went there.
        written = await _join_batch(session, entry, event, user_id, actor_id, actor)
    if written is None:
        written = await _insert(session, entry, event, user_id, actor_id, actor)
        due = written is not None and await channels.plan(
            session, entry=entry, user_id=user_id, notification_id=written.id, now=now
        )
        if due and send_now is not None:
            on_commit(session, send_now)
    if written is not None:
        on_commit(
            session,
            functools.partial(
                live.announce, written.user_id, notification_id=written.id, seq=written.seq
            ),
        )
    return written


async def _insert(
    session: AsyncSession,
    entry: Entry,
    event: Received[Any],
    user_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    actor: str,
) -> Written | None:
    r = catalogue.render(entry, event.payload, actor=actor)
    row_id = uuid.uuid4()
    seq = await repository.insert_notification(
        session,
        {
            "id": row_id,
            "user_id": user_id,
            "event_id": event.id,
            "type": entry.type,
            "category": entry.category.value,
            "title": r.title,
            "body": r.body,
            "link": r.link,
            "actor_id": actor_id,
            "actor_count": 1,
            "object_type": r.object_type,
            "object_id": r.object_id,
            "created_at": event.occurred_at,
        },
    )
    return None if seq is None else Written(user_id, row_id, seq)


async def _join_batch(
    session: AsyncSession,
    entry: Entry,
    event: Received[Any],
    user_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    actor: str,
) -> Written | None:
    """Fold the event into the recipient's unread row of this type about this object (the
    latest actor names it, the count grows); None when there is no such row."""
    object_id = catalogue.object_id_of(entry, event.payload)
    if object_id is None:
        return None
    row = await repository.open_batch(
        session, user_id=user_id, type_=entry.type, object_id=object_id
    )
    if row is None:
        return None
    count = row.actor_count + 1
    r = catalogue.render(entry, event.payload, actor=actor, actor_count=count)
    seq = await repository.update_batch(
        session,
        row,
        values={
            "title": r.title,
            "body": r.body,
            "actor_id": actor_id,
            "actor_count": count,
            "created_at": max(row.created_at, event.occurred_at),
        },
    )
    return Written(user_id, row.id, seq)


async def forget_user(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    """Every notification of a user who left (or whose records were erased), with their
    deliveries, settings, unsubscribe links and push subscriptions."""
    await channel_repository.forget_user(session, user_id=user_id)
    await push.forget_user(session, user_id=user_id)
    return await repository.delete_for_user(session, user_id=user_id)


# --- the recipient's API --------------------------------------------------------------------------


def user_of(actor: Principal) -> uuid.UUID:
    return require_role(actor, *USER_ROLES, message="only signed-in users have notifications")


def _not_found() -> NotFound:
    return NotFound(
        "notification not found", field_violations=[("notification_id", "no such notification")]
    )


async def list_notifications(
    session: AsyncSession,
    *,
    actor: Principal,
    unread_only: bool = False,
    category: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Notification]:
    """The caller's visible notifications, newest first."""
    user_id = user_of(actor)
    v = Violations()
    cat = v.check("category", rules.category_filter, category)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the list parameters are invalid")
    rows = await repository.list_notifications(
        session,
        user_id=user_id,
        unread_only=unread_only,
        category=cat,
        after=after,
        limit=size + 1,
    )
    return page_of(rows, size)


async def list_after(
    session: AsyncSession, *, actor: Principal, after_seq: int | None, limit: int = 0
) -> tuple[list[Notification], int]:
    """(the caller's visible rows with seq > after_seq, oldest first; their newest seq).
    Without after_seq only the newest seq: a stream that starts now."""
    user_id = user_of(actor)
    v = Violations()
    size = v.check("limit", rules.after_limit, limit)
    after = v.check("after_seq", rules.after_seq, after_seq) if after_seq is not None else None
    v.raise_if_any("the stream position is invalid")
    last = await repository.last_seq(session, user_id=user_id)
    if after is None:
        return [], last
    rows = await repository.list_after(session, user_id=user_id, after_seq=after, limit=size)
    return rows, last


# The one caller that reads many users' rows at once: the edge, for the streams it holds.
STREAM_READER = "service:edge"


async def read_streams(
    session: AsyncSession, *, actor: Principal, positions: list[tuple[str, int]], limit: int = 0
) -> list[list[Notification]]:
    """For each (user id, after_seq) the user's visible rows after it, oldest first, in the
    order of positions. For the edge only (it already speaks for every user it serves)."""
    if actor.user_id != STREAM_READER or not actor.has_role(Role.SERVICE):
        raise PermissionDenied("only the edge reads many users' streams")
    v = Violations()
    size = v.check("limit", rules.after_limit, limit)
    v.check("positions", rules.stream_positions, len(positions))
    parsed = [
        (
            v.check(f"positions[{i}].user_id", parse_uuid, user_id),
            v.check(f"positions[{i}].after_seq", rules.after_seq, after),
        )
        for i, (user_id, after) in enumerate(positions)
    ]
    v.raise_if_any("the stream positions are invalid")
    return await repository.list_after_many(session, parsed, limit=size)


async def unread_count(session: AsyncSession, *, actor: Principal) -> int:
    return await repository.unread_count(session, user_id=user_of(actor))


async def _own(session: AsyncSession, actor: Principal, notification_id: str) -> Notification:
    user_id = user_of(actor)
    nid = uuid_field("notification_id", notification_id)
    row = await repository.get_visible(session, nid, user_id=user_id)
    if row is None:
        raise _not_found()
    return row


async def mark_read(
    session: AsyncSession, *, actor: Principal, notification_id: str, now: datetime
) -> Notification:
    """Read since now, or since it was first read."""
    row = await _own(session, actor, notification_id)
    if row.read_at is None:
        row.read_at = now
        await repository.flush(session)
    return row


async def mark_all_read(session: AsyncSession, *, actor: Principal, now: datetime) -> int:
    return await repository.mark_all_read(session, user_id=user_of(actor), now=now)


async def hide(
    session: AsyncSession, *, actor: Principal, notification_id: str, now: datetime
) -> None:
    """Gone from the list, the count and the stream; hiding it again is not found."""
    row = await _own(session, actor, notification_id)
    row.hidden_at = now
    await repository.flush(session)
