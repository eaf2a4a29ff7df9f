"""The NotificationService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.notifications import admin_api, push_api, service, settings_api
from petful.notifications.models import Notification
from petful.notifications.service import Clock, utc_now
from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.pb.notifications.v1 import notifications_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings

CATEGORY = "CATEGORY_"


def notification_to_pb(n: Notification) -> pb.Notification:
    return pb.Notification(
        id=str(n.id),
        seq=n.seq,
        type=n.type,
        category=f"{CATEGORY}{n.category}",
        title=n.title,
        body=n.body,
        link=n.link,
        actor_id=str(n.actor_id) if n.actor_id else "",
        actor_count=n.actor_count,
        object_type=n.object_type,
        object_id=str(n.object_id) if n.object_id else "",
        created_at=to_timestamp(n.created_at),
        read_at=opt_timestamp(n.read_at),
    )


class NotificationServicer(pb_grpc.NotificationServiceServicer):
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock

    async def ListNotifications(
        self, request: pb.ListNotificationsRequest, context: Any
    ) -> pb.ListNotificationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.list_notifications(
                session,
                actor=actor,
                unread_only=request.unread_only,
                category=enum_name(pb.Category, request.category, CATEGORY),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return pb.ListNotificationsResponse(
                items=[notification_to_pb(n) for n in page.items], next_cursor=page.next_cursor
            )

    async def ListNotificationsAfter(
        self, request: pb.ListNotificationsAfterRequest, context: Any
    ) -> pb.ListNotificationsAfterResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rows, last = await service.list_after(
                session,
                actor=actor,
                after_seq=request.after_seq if request.HasField("after_seq") else None,
                limit=request.limit,
            )
            return pb.ListNotificationsAfterResponse(
                items=[notification_to_pb(n) for n in rows], last_seq=last
            )

    async def ReadStreams(
        self, request: pb.ReadStreamsRequest, context: Any
    ) -> pb.ReadStreamsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            pages = await service.read_streams(
                session,
                actor=actor,
                positions=[(p.user_id, p.after_seq) for p in request.positions],
                limit=request.limit,
            )
            return pb.ReadStreamsResponse(
                pages=[pb.StreamPage(items=[notification_to_pb(n) for n in page]) for page in pages]
            )

    async def GetUnreadCount(
        self, request: pb.GetUnreadCountRequest, context: Any
    ) -> pb.GetUnreadCountResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return pb.GetUnreadCountResponse(count=await service.unread_count(session, actor=actor))

    async def MarkRead(self, request: pb.MarkReadRequest, context: Any) -> pb.Notification:
        actor = require_principal()
        async with transaction(self.settings) as session:
            n = await service.mark_read(
                session, actor=actor, notification_id=request.notification_id, now=self.clock()
            )
            return notification_to_pb(n)

    async def MarkAllRead(
        self, request: pb.MarkAllReadRequest, context: Any
    ) -> pb.MarkAllReadResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            marked = await service.mark_all_read(session, actor=actor, now=self.clock())
            return pb.MarkAllReadResponse(marked=marked)

    async def HideNotification(
        self, request: pb.HideNotificationRequest, context: Any
    ) -> pb.HideNotificationResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.hide(
                session, actor=actor, notification_id=request.notification_id, now=self.clock()
            )
            return pb.HideNotificationResponse()


def register(
    server: grpc.aio.Server, *, settings: Settings | None = None, clock: Clock | None = None
) -> None:
    """Add NotificationService to server (health, reflection and diagnostics come with
    every server, see platform/grpc_server.py)."""
    pb_grpc.add_NotificationServiceServicer_to_server(
        NotificationServicer(settings or get_settings(), clock or utc_now), server
    )
    admin_api.register_admin(server, settings=settings, clock=clock)
    settings_api.register_settings(server, settings=settings, clock=clock)
    push_api.register_push(server, settings=settings, clock=clock)
