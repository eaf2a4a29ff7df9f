"""The NotificationAdminService servicer: the dead letters of the notifications schema,
announcements (broadcast.py) and the delivery statistics.

Events the notification subscribers failed on in every attempt (platform/events.py) are
kept by the platform (platform/dead_letters.py); this shows them to administrators and
sends one again. ADMIN only; each RPC is one transaction.
"""

from __future__ import annotations

import json
from typing import Any

import grpc

from petful.notifications import broadcast, broadcast_rules, peers
from petful.notifications.broadcast_models import Broadcast
from petful.notifications.service import Clock, utc_now
from petful.pb.notifications.v1 import admin_pb2 as pb
from petful.pb.notifications.v1 import admin_pb2_grpc as pb_grpc
from petful.platform import dead_letters
from petful.platform.auth_context import Role, require_principal, require_role
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, from_timestamp, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings

SCHEMA = "notifications"
DENIED = "only administrators may see or retry failed events"


def dead_letter_to_pb(d: dead_letters.DeadLetter) -> pb.DeadLetter:
    return pb.DeadLetter(
        id=str(d.id),
        consumer=d.consumer,
        event_id=str(d.event_id),
        topic=d.topic,
        envelope_json=json.dumps(d.envelope, ensure_ascii=False, sort_keys=True),
        error=d.error,
        attempts=d.attempts,
        first_failed_at=to_timestamp(d.first_failed_at),
        last_failed_at=to_timestamp(d.last_failed_at),
        retried_at=opt_timestamp(d.retried_at),
    )


AUDIENCE = "BROADCAST_AUDIENCE_"
STATUS = "BROADCAST_STATUS_"
CATEGORY = "CATEGORY_"


def broadcast_to_pb(b: Broadcast) -> pb.Broadcast:
    return pb.Broadcast(
        id=str(b.id),
        audience=f"{AUDIENCE}{b.audience}",
        title=b.title,
        body=b.body,
        link=b.link,
        email=b.email,
        created_by=str(b.created_by),
        created_at=to_timestamp(b.created_at),
        status=f"{STATUS}{b.status}",
        recipients=b.recipients,
        written=b.written,
        emails=b.emails,
        finished_at=opt_timestamp(b.finished_at),
        error=b.error,
    )


def _draft(d: pb.BroadcastDraft) -> dict[str, Any]:
    return {
        "audience": enum_name(pb.BroadcastAudience, d.audience, AUDIENCE),
        "title": d.title,
        "body": d.body,
        "link": d.link,
        "email": d.email,
    }


class NotificationAdminServicer(pb_grpc.NotificationAdminServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: Clock = utc_now,
        recipients: peers.RecipientsPort | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.recipients = recipients or peers.GrpcRecipients()

    async def ListDeadLetters(
        self, request: pb.ListDeadLettersRequest, context: Any
    ) -> pb.ListDeadLettersResponse:
        require_role(require_principal(), Role.ADMIN, message=DENIED)
        async with transaction(self.settings) as session:
            page = await dead_letters.list_dead_letters(
                session,
                SCHEMA,
                page_size=request.page_size,
                cursor=request.cursor,
                consumer=request.consumer,
                topic=request.topic,
            )
            return pb.ListDeadLettersResponse(
                items=[dead_letter_to_pb(d) for d in page.items], next_cursor=page.next_cursor
            )

    async def RetryDeadLetter(
        self, request: pb.RetryDeadLetterRequest, context: Any
    ) -> pb.DeadLetter:
        require_role(require_principal(), Role.ADMIN, message=DENIED)
        async with transaction(self.settings) as session:
            dead = await dead_letters.retry(session, SCHEMA, request.dead_letter_id)
            return dead_letter_to_pb(dead)

    # --- announcements ---------------------------------------------------------------------

    async def PreviewBroadcast(
        self, request: pb.PreviewBroadcastRequest, context: Any
    ) -> pb.BroadcastPreview:
        p = await broadcast.preview(
            actor=require_principal(), recipients=self.recipients, **_draft(request.draft)
        )
        return pb.BroadcastPreview(
            recipients=p.recipients,
            type=broadcast_rules.ANNOUNCEMENT,
            category=f"{CATEGORY}{broadcast_rules.CATEGORY.value}",
            title=p.draft.title,
            body=p.draft.body,
            link=p.draft.link,
            email_subject=p.email_subject,
        )

    async def CreateBroadcast(
        self, request: pb.CreateBroadcastRequest, context: Any
    ) -> pb.Broadcast:
        actor = require_principal()
        async with transaction(self.settings) as session:
            b = await broadcast.create(
                session,
                actor=actor,
                now=self.clock(),
                idempotency_key=request.idempotency_key,
                recipients=self.recipients,
                **_draft(request.draft),
            )
            return broadcast_to_pb(b)

    async def ListBroadcasts(
        self, request: pb.ListBroadcastsRequest, context: Any
    ) -> pb.ListBroadcastsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await broadcast.list_broadcasts(
                session, actor=actor, page_size=request.page_size, cursor=request.cursor
            )
            return pb.ListBroadcastsResponse(
                items=[broadcast_to_pb(b) for b in page.items], next_cursor=page.next_cursor
            )

    async def GetBroadcast(self, request: pb.GetBroadcastRequest, context: Any) -> pb.Broadcast:
        actor = require_principal()
        async with transaction(self.settings) as session:
            b = await broadcast.get(session, actor=actor, broadcast_id=request.broadcast_id)
            return broadcast_to_pb(b)

    async def GetDeliveryStats(
        self, request: pb.GetDeliveryStatsRequest, context: Any
    ) -> pb.DeliveryStats:
        actor = require_principal()
        async with transaction(self.settings) as session:
            stats = await broadcast.delivery_stats(
                session, actor=actor, since=from_timestamp(request, "since"), now=self.clock()
            )
            return pb.DeliveryStats(
                since=to_timestamp(stats.since),
                counts=[
                    pb.DeliveryCount(
                        type=c.type,
                        channel=c.channel,
                        sent=c.sent,
                        failed=c.failed,
                        skipped=c.skipped,
                        pending=c.pending,
                        written=c.written,
                        opened=c.opened,
                    )
                    for c in stats.counts
                ],
            )


def register_admin(
    server: grpc.aio.Server, *, settings: Settings | None = None, clock: Clock | None = None
) -> None:
    """Add NotificationAdminService to server (notifications' grpc_api.register calls it)."""
    pb_grpc.add_NotificationAdminServiceServicer_to_server(
        NotificationAdminServicer(settings or get_settings(), clock or utc_now), server
    )
