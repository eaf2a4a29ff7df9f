"""The inbox and its real-time stream: /api/v1/notifications….

Every route acts on the caller's own notifications (any signed-in account); someone else's
notification is 404. The stream is Server-Sent Events read with fetch() and the bearer
token (a browser's EventSource cannot send one), so the normal sign-in applies; Envoy gives
its path no timeout (charts/petful/files/envoy.yaml). It answers only a request that asks
for it (`Accept: text/event-stream`): any other GET of it is 406 at once, never a
connection held open until the token expires.
"""

from __future__ import annotations

import time
from typing import Annotated

import jwt
from fastapi import APIRouter, Header, Path, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from petful.edge.auth import CurrentUser
from petful.edge.clients import notifications
from petful.edge.common import Page, PageSize
from petful.edge.notifications import reads, stream
from petful.edge.notifications.schemas import (
    Category,
    Notification,
    ReadAll,
    UnreadCount,
    category_value,
)
from petful.edge.problems import PROBLEM_BASE, problem
from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.platform.auth_context import Principal
from petful.platform.settings import get_settings

router = APIRouter(tags=["notifications"])

BASE = "/api/v1/notifications"
# Rows a stream reads per call while catching up (the service's most).
STREAM_PAGE = 100
EVENT_STREAM = "text/event-stream"

NotificationId = Annotated[str, Path(max_length=64, description="the notification's id")]
Cursor = Annotated[str | None, Query(max_length=200)]
LastEventId = Annotated[
    str | None,
    Header(
        alias="Last-Event-ID",
        pattern=r"^\d{1,18}$",
        description="The id (seq) of the last event received: the stream resumes after it",
    ),
]


@router.get(BASE, response_model=Page[Notification])
async def list_notifications(
    user: CurrentUser,
    unread: bool = False,
    category: Category | None = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[Notification]:
    """My notifications, newest first (hidden ones left out): only unread ones with
    `unread=true`, one category with `category`."""
    r = await notifications().ListNotifications(
        pb.ListNotificationsRequest(
            unread_only=unread,
            category=category_value(category) if category else None,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[Notification](
        items=[Notification.from_pb(n) for n in r.items], next_cursor=r.next_cursor or None
    )


@router.get(BASE + "/unread-count", response_model=UnreadCount)
async def unread_count(user: CurrentUser) -> UnreadCount:
    r = await notifications().GetUnreadCount(pb.GetUnreadCountRequest())
    return UnreadCount(count=r.count)


@router.post(BASE + "/read-all", response_model=ReadAll)
async def mark_all_read(user: CurrentUser) -> ReadAll:
    r = await notifications().MarkAllRead(pb.MarkAllReadRequest())
    return ReadAll(marked=r.marked)


@router.post(BASE + "/{notification_id}/read", response_model=Notification)
async def mark_read(notification_id: NotificationId, user: CurrentUser) -> Notification:
    """Read (again: no change, the first read time stays)."""
    r = await notifications().MarkRead(pb.MarkReadRequest(notification_id=notification_id))
    return Notification.from_pb(r)


@router.delete(BASE + "/{notification_id}", status_code=status.HTTP_204_NO_CONTENT)
async def hide(notification_id: NotificationId, user: CurrentUser) -> Response:
    """Hide it: gone from the list, the unread count and the stream."""
    await notifications().HideNotification(
        pb.HideNotificationRequest(notification_id=notification_id)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _token_lifetime(request: Request) -> float:
    """Seconds until the caller's access token expires (CurrentUser verified it)."""
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    claims = jwt.decode(token, options={"verify_signature": False})
    return max(0.0, float(claims["exp"]) - time.time())


def _asks_for_events(request: Request) -> bool:
    accepted = request.headers.get("accept", "").split(",")
    return any(part.split(";")[0].strip() == EVENT_STREAM for part in accepted)


def _render(n: pb.Notification) -> str:
    return Notification.from_pb(n).model_dump_json()


@router.get(
    BASE + "/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {EVENT_STREAM: {}},
            "description": "Events `notification` (id: the seq, data: a Notification) and "
            "`: ping` comments every 15 s. It ends when the access token expires: reconnect "
            "with a fresh one and Last-Event-ID.",
        },
        406: {"description": "The request did not ask for text/event-stream"},
    },
)
async def stream_notifications(
    request: Request, user: CurrentUser, last_event_id: LastEventId = None
) -> Response:
    """My notifications as they arrive (Server-Sent Events; send `Accept:
    text/event-stream`). With Last-Event-ID, first every notification after it, then the
    new ones: nothing missed, nothing twice."""
    if not _asks_for_events(request):
        return problem(
            406,
            "Not acceptable",
            type_=PROBLEM_BASE + "not-acceptable",
            detail=f"This is an event stream: ask for it with 'Accept: {EVENT_STREAM}'.",
        )
    after = int(last_event_id) if last_event_id is not None else None
    # Subscribed before the backlog is read: a row written in between is announced.
    listener = await stream.hub().listen(user.user_id or "")
    try:
        first = await notifications().ListNotificationsAfter(
            pb.ListNotificationsAfterRequest(after_seq=after, limit=STREAM_PAGE)
        )
    except BaseException:
        await listener.close()
        raise
    body = stream.events(
        listener,
        backlog=list(first.items),
        last_sent=first.last_seq if after is None else after,
        fetch=_fetcher(user),
        render=_render,
        page=STREAM_PAGE,
        lifetime=_token_lifetime(request),
        heartbeat=get_settings().notifications.stream_heartbeat_seconds,
    )
    return StreamingResponse(
        body,
        media_type=EVENT_STREAM,
        # No caching or proxy buffering of a live stream.
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _fetcher(user: Principal) -> stream.Fetch:
    # Read with the other streams woken at the same moment (reads.py), not one call each.
    gatherer = reads.gatherer(STREAM_PAGE)

    async def fetch(after: int) -> list[pb.Notification]:
        return await gatherer.after(user.user_id or "", after)

    return fetch
