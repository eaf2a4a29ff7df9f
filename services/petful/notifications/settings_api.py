"""The NotificationSettingsService servicer: protobuf <-> preferences. Each RPC is one
transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.notifications import preferences
from petful.notifications.service import Clock, utc_now
from petful.notifications.wording import SEOUL
from petful.pb.notifications.v1 import settings_pb2 as pb
from petful.pb.notifications.v1 import settings_pb2_grpc as pb_grpc
from petful.pb.notifications.v1.notifications_pb2 import Category as PbCategory
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name
from petful.platform.settings import Settings, get_settings

CATEGORY = "CATEGORY_"
CHANNEL = "NOTIFICATION_CHANNEL_"


def _hh_mm(t: Any) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def settings_to_pb(view: preferences.View) -> pb.NotificationSettings:
    return pb.NotificationSettings(
        channels=[
            pb.CategoryChannel(
                category=f"{CATEGORY}{category}", channel=f"{CHANNEL}{channel}", enabled=on
            )
            for category, by_channel in view.channels.items()
            for channel, on in by_channel.items()
        ],
        quiet_hours=pb.QuietHours(
            enabled=view.quiet_enabled,
            start=_hh_mm(view.quiet_start),
            end=_hh_mm(view.quiet_end),
        ),
        daily_digest=view.daily_digest,
        time_zone=str(SEOUL),
    )


def change_of(request: pb.UpdateSettingsRequest) -> preferences.Change:
    quiet = request.quiet_hours if request.HasField("quiet_hours") else None
    return preferences.Change(
        channels=tuple(
            (
                enum_name(PbCategory, c.category, CATEGORY),
                enum_name(pb.NotificationChannel, c.channel, CHANNEL),
                c.enabled,
            )
            for c in request.channels
        ),
        quiet_enabled=quiet.enabled if quiet is not None else None,
        quiet_start=(quiet.start or None) if quiet is not None else None,
        quiet_end=(quiet.end or None) if quiet is not None else None,
        daily_digest=request.daily_digest if request.HasField("daily_digest") else None,
    )


class NotificationSettingsServicer(pb_grpc.NotificationSettingsServiceServicer):
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock

    async def GetSettings(
        self, request: pb.GetSettingsRequest, context: Any
    ) -> pb.NotificationSettings:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return settings_to_pb(await preferences.get(session, actor=actor))

    async def UpdateSettings(
        self, request: pb.UpdateSettingsRequest, context: Any
    ) -> pb.NotificationSettings:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await preferences.update(
                session, actor=actor, change=change_of(request), now=self.clock()
            )
            return settings_to_pb(view)

    async def DescribeUnsubscribe(
        self, request: pb.UnsubscribeRequest, context: Any
    ) -> pb.UnsubscribeResponse:
        async with transaction(self.settings) as session:
            category = await preferences.link_category(session, token=request.token)
            return pb.UnsubscribeResponse(category=f"{CATEGORY}{category}")

    async def Unsubscribe(
        self, request: pb.UnsubscribeRequest, context: Any
    ) -> pb.UnsubscribeResponse:
        async with transaction(self.settings) as session:
            category = await preferences.unsubscribe(session, token=request.token, now=self.clock())
            return pb.UnsubscribeResponse(category=f"{CATEGORY}{category}")


def register_settings(
    server: grpc.aio.Server, *, settings: Settings | None = None, clock: Clock | None = None
) -> None:
    pb_grpc.add_NotificationSettingsServiceServicer_to_server(
        NotificationSettingsServicer(settings or get_settings(), clock or utc_now), server
    )
