"""Request and response bodies of /api/v1/notifications/settings."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from petful.edge.notifications.schemas import CATEGORY, Category, category_value
from petful.pb.notifications.v1 import settings_pb2 as pb
from petful.pb.notifications.v1.notifications_pb2 import Category as PbCategory
from petful.platform.protobuf import enum_name

Channel = Literal["EMAIL", "PUSH"]
CHANNEL = "NOTIFICATION_CHANNEL_"
HhMm = Field(pattern=r"^\d{2}:\d{2}$", examples=["22:00"], description="HH:MM, Asia/Seoul")


class CategoryChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category
    channel: Channel
    enabled: bool

    def to_pb(self) -> pb.CategoryChannel:
        return pb.CategoryChannel(
            category=category_value(self.category),
            channel=f"{CHANNEL}{self.channel}",
            enabled=self.enabled,
        )


class QuietHours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool
    start: str = HhMm
    end: str = HhMm


class NotificationSettings(BaseModel):
    """Where my notifications go besides the inbox (which always gets them)."""

    channels: list[CategoryChannel] = Field(
        description="Every category with email and push, each on or off"
    )
    quiet_hours: QuietHours = Field(
        description="Pushes and emails wait until it ends (health reminders do not)"
    )
    daily_digest: bool = Field(description="Community emails as one mail a day at 08:00")
    time_zone: str = Field(examples=["Asia/Seoul"])

    @classmethod
    def from_pb(cls, m: pb.NotificationSettings) -> NotificationSettings:
        return cls(
            channels=[
                CategoryChannel(
                    category=enum_name(PbCategory, c.category, CATEGORY),  # type: ignore[arg-type]
                    channel=enum_name(pb.NotificationChannel, c.channel, CHANNEL),  # type: ignore[arg-type]
                    enabled=c.enabled,
                )
                for c in m.channels
            ],
            quiet_hours=QuietHours(
                enabled=m.quiet_hours.enabled, start=m.quiet_hours.start, end=m.quiet_hours.end
            ),
            daily_digest=m.daily_digest,
            time_zone=m.time_zone,
        )


class SettingsChange(BaseModel):
    """What to change; what is left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    channels: list[CategoryChannel] = Field(default_factory=list, max_length=20)
    quiet_hours: QuietHours | None = None
    daily_digest: bool | None = None

    def to_pb(self) -> pb.UpdateSettingsRequest:
        request = pb.UpdateSettingsRequest(channels=[c.to_pb() for c in self.channels])
        if self.quiet_hours is not None:
            request.quiet_hours.CopyFrom(
                pb.QuietHours(
                    enabled=self.quiet_hours.enabled,
                    start=self.quiet_hours.start,
                    end=self.quiet_hours.end,
                )
            )
        if self.daily_digest is not None:
            request.daily_digest = self.daily_digest
        return request
