"""Response bodies of the notification routes (the stream's `data:` is a `Notification`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.platform.protobuf import enum_name, from_timestamp

Category = Literal["CAMPAIGNS", "COMMUNITY", "HEALTH", "ACCOUNT"]
CATEGORY = "CATEGORY_"


def category_value(name: str) -> str:
    return f"{CATEGORY}{name}"


class Notification(BaseModel):
    """One notification. Clients show times relative to now ("방금 전", "5분 전")."""

    id: str
    seq: int = Field(description="Increases per user; the stream's event id")
    type: str = Field(examples=["POST_LIKED"])
    category: Category
    title: str = Field(examples=["콩이맘님 외 4명이 회원님의 글을 좋아합니다"])
    body: str
    link: str = Field(description="A path of the web app", examples=["/community/posts/<id>"])
    actor_id: str | None = Field(description="Who did it (the latest of a batch)")
    actor_count: int = Field(description="How many people a batched notification stands for")
    object_type: str = Field(examples=["POST"])
    object_id: str | None
    created_at: datetime
    read_at: datetime | None = Field(description="null while unread")

    @classmethod
    def from_pb(cls, m: pb.Notification) -> Notification:
        return cls(
            id=m.id,
            seq=m.seq,
            type=m.type,
            category=enum_name(pb.Category, m.category, CATEGORY),  # type: ignore[arg-type]
            title=m.title,
            body=m.body,
            link=m.link,
            actor_id=m.actor_id or None,
            actor_count=m.actor_count,
            object_type=m.object_type,
            object_id=m.object_id or None,
            created_at=m.created_at.ToDatetime(tzinfo=UTC),
            read_at=from_timestamp(m, "read_at"),
        )


class UnreadCount(BaseModel):
    count: int


class ReadAll(BaseModel):
    marked: int = Field(description="How many were unread")
