"""The notification service for administrators, under /api/v1/admin/notifications:

- failed events (dead-letters): an event a notification subscriber failed on in every
  attempt is kept (nothing is lost); an admin lists them and sends one again once the cause
  is fixed;
- announcements (broadcasts): preview a draft (who it reaches, how it reads), send it to
  every active account or one role (in the inbox, optionally by mail), follow its progress;
- delivery statistics (stats): per notification type and channel, sent, failed, skipped
  and waiting deliveries, inbox rows written and opened.

ADMIN only (403 for anyone else, checked here and again by the service).
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, Query, status

from petful.edge.auth import AdminUser
from petful.edge.common import Instant, Page, PageSize
from petful.edge.notifications.admin_schemas import (
    Broadcast,
    BroadcastDraft,
    BroadcastPreview,
    DeadLetter,
    DeliveryStats,
)
from petful.pb.notifications.v1 import admin_pb2 as pb
from petful.pb.notifications.v1 import admin_pb2_grpc as pb_grpc
from petful.platform.grpc_client import channel
from petful.platform.protobuf import to_timestamp

router = APIRouter(prefix="/api/v1/admin/notifications", tags=["admin"])

Cursor = Annotated[str | None, Query(max_length=200)]
Filter = Annotated[str | None, Query(max_length=200)]


def notification_admin() -> pb_grpc.NotificationAdminServiceStub:
    return pb_grpc.NotificationAdminServiceStub(channel("notifications"))


@router.get("/dead-letters", response_model=Page[DeadLetter])
async def list_dead_letters(
    admin: AdminUser,
    consumer: Filter = None,
    topic: Filter = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[DeadLetter]:
    """Events a notification subscriber failed on in every attempt, latest failure first;
    only one subscriber's with `consumer`, one topic's with `topic`."""
    r = await notification_admin().ListDeadLetters(
        pb.ListDeadLettersRequest(
            page_size=page_size, cursor=cursor or "", consumer=consumer or "", topic=topic or ""
        )
    )
    return Page[DeadLetter](
        items=[DeadLetter.from_pb(d) for d in r.items], next_cursor=r.next_cursor or None
    )


@router.post("/dead-letters/{dead_letter_id}/retry", response_model=DeadLetter)
async def retry_dead_letter(dead_letter_id: UUID, admin: AdminUser) -> DeadLetter:
    """Send the event to its subscriber again (with fresh attempts); `retried_at` is set.
    Retrying again is allowed and has no second effect. 404 for an unknown id; 503 while
    the event queue is unreachable (nothing changes)."""
    r = await notification_admin().RetryDeadLetter(
        pb.RetryDeadLetterRequest(dead_letter_id=str(dead_letter_id))
    )
    return DeadLetter.from_pb(r)


# --- announcements ---------------------------------------------------------------------------


@router.post("/broadcasts/preview", response_model=BroadcastPreview)
async def preview_broadcast(body: BroadcastDraft, admin: AdminUser) -> BroadcastPreview:
    """How many active accounts the draft reaches now and how it will read; sends nothing.
    422 naming the fields that break the rules."""
    r = await notification_admin().PreviewBroadcast(pb.PreviewBroadcastRequest(draft=body.to_pb()))
    return BroadcastPreview.from_pb(r)


@router.post("/broadcasts", response_model=Broadcast, status_code=status.HTTP_201_CREATED)
async def create_broadcast(
    body: BroadcastDraft,
    admin: AdminUser,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Broadcast:
    """Send an announcement: stored QUEUED, then written to every recipient's inbox in the
    background (follow it with GET /broadcasts/{id}); mails go out at the platform's mail
    rate, after each recipient's quiet hours. With an `Idempotency-Key`, sending the same
    key again answers with the first broadcast instead of sending another. Recorded in the
    audit log (`notification.broadcast`)."""
    r = await notification_admin().CreateBroadcast(
        pb.CreateBroadcastRequest(draft=body.to_pb(), idempotency_key=idempotency_key or "")
    )
    return Broadcast.from_pb(r)


@router.get("/broadcasts", response_model=Page[Broadcast])
async def list_broadcasts(
    admin: AdminUser, page_size: PageSize = 20, cursor: Cursor = None
) -> Page[Broadcast]:
    """Announcements, newest first, with their progress."""
    r = await notification_admin().ListBroadcasts(
        pb.ListBroadcastsRequest(page_size=page_size, cursor=cursor or "")
    )
    return Page[Broadcast](
        items=[Broadcast.from_pb(b) for b in r.items], next_cursor=r.next_cursor or None
    )


@router.get("/broadcasts/{broadcast_id}", response_model=Broadcast)
async def get_broadcast(broadcast_id: UUID, admin: AdminUser) -> Broadcast:
    """One announcement and its progress. 404 for an unknown id."""
    r = await notification_admin().GetBroadcast(
        pb.GetBroadcastRequest(broadcast_id=str(broadcast_id))
    )
    return Broadcast.from_pb(r)


# --- delivery statistics ---------------------------------------------------------------------


@router.get("/stats", response_model=DeliveryStats)
async def delivery_stats(
    admin: AdminUser,
    since: Annotated[
        Instant | None,
        Query(description="Count what was made from this instant (default: 30 days ago)"),
    ] = None,
) -> DeliveryStats:
    """Per notification type and channel: email and push deliveries sent, failed, skipped
    and still waiting; in-app rows written and opened (read). 422 for a `since` in the
    future."""
    request = pb.GetDeliveryStatsRequest()
    if since is not None:
        request.since.CopyFrom(to_timestamp(since))
    return DeliveryStats.from_pb(await notification_admin().GetDeliveryStats(request))
