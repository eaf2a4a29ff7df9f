"""Bodies of the notification admin routes (dead letters, announcements, delivery
statistics), and their protobuf mapping."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body
from petful.edge.notifications.schemas import CATEGORY, Category
from petful.pb.notifications.v1 import admin_pb2 as pb
from petful.pb.notifications.v1.notifications_pb2 import Category as PbCategory
from petful.platform.protobuf import enum_name, from_timestamp


class DeadLetter(BaseModel):
    """An event a notification subscriber failed to handle in every attempt (retried with
    backoff first), kept whole so it can be sent again."""

    id: str
    consumer: str = Field(
        description="The subscriber that failed", examples=["notifications.post_liked"]
    )
    event_id: str
    topic: str = Field(examples=["community.post.liked"])
    envelope: dict[str, Any] = Field(
        description="The event as it travels: id, topic, source, payload, occurred_at, headers"
    )
    error: str = Field(
        description="The last failure: exception type and message (at most 500 characters)",
        examples=["OperationalError: connection refused"],
    )
    attempts: int = Field(description="Every attempt made, retries included")
    first_failed_at: datetime
    last_failed_at: datetime
    retried_at: datetime | None = Field(
        description="When it was sent again; null until then, and again once that retry "
        "failed through its attempts too"
    )

    @classmethod
    def from_pb(cls, m: pb.DeadLetter) -> DeadLetter:
        return cls(
            id=m.id,
            consumer=m.consumer,
            event_id=m.event_id,
            topic=m.topic,
            envelope=json.loads(m.envelope_json or "{}"),
            error=m.error,
            attempts=m.attempts,
            first_failed_at=m.first_failed_at.ToDatetime(tzinfo=UTC),
            last_failed_at=m.last_failed_at.ToDatetime(tzinfo=UTC),
            retried_at=from_timestamp(m, "retried_at"),
        )


# --- announcements ---------------------------------------------------------------------------

Audience = Literal["ALL", "USER", "ADVERTISER", "ADMIN"]
AUDIENCE = "BROADCAST_AUDIENCE_"
BroadcastStatus = Literal["QUEUED", "SENDING", "DONE", "FAILED"]
STATUS = "BROADCAST_STATUS_"


class BroadcastDraft(Body):
    """An announcement to every active account or one role: in the inbox of each (type
    ANNOUNCEMENT, category ACCOUNT) and, with `email`, by mail to those whose account mail is
    on. The service checks the exact rules; the bounds here only keep requests small."""

    audience: Audience = Field(description="Every active account, or those of one role")
    title: str = Field(
        max_length=500, examples=["서비스 점검 안내"], description="1-100 characters"
    )
    body: str = Field(
        max_length=5000,
        examples=["3월 10일 02:00-04:00에 점검이 있어요."],
        description="1-1000 characters; line breaks are kept",
    )
    link: str = Field(
        default="",
        max_length=1000,
        examples=["/notifications"],
        description='The web app\'s page it opens, a path starting with "/" (default '
        "/notifications)",
    )
    email: bool = Field(default=False, description="Also by mail (after quiet hours)")

    def to_pb(self) -> pb.BroadcastDraft:
        return pb.BroadcastDraft(
            audience=f"{AUDIENCE}{self.audience}",
            title=self.title,
            body=self.body,
            link=self.link,
            email=self.email,
        )


class BroadcastPreview(BaseModel):
    """How many accounts a draft reaches now, and the notification as it will read."""

    recipients: int = Field(description="Active accounts of the audience now")
    type: str = Field(examples=["ANNOUNCEMENT"])
    category: Category
    title: str
    body: str
    link: str
    email_subject: str | None = Field(description="The mail's subject; null without email")

    @classmethod
    def from_pb(cls, m: pb.BroadcastPreview) -> BroadcastPreview:
        return cls(
            recipients=m.recipients,
            type=m.type,
            category=enum_name(PbCategory, m.category, CATEGORY),  # type: ignore[arg-type]
            title=m.title,
            body=m.body,
            link=m.link,
            email_subject=m.email_subject or None,
        )


class Broadcast(BaseModel):
    """An announcement and the progress of its fan-out."""

    id: str
    audience: Audience
    title: str
    body: str
    link: str
    email: bool
    created_by: str = Field(description="The admin who sent it")
    created_at: datetime
    status: BroadcastStatus = Field(
        description="QUEUED, then SENDING while inbox rows are written, DONE (mails may still "
        "wait for quiet hours), or FAILED after its retries"
    )
    recipients: int = Field(description="Active accounts of the audience when it was created")
    written: int = Field(description="Inbox rows written so far")
    emails: int = Field(description="Mails planned so far (account mail on)")
    finished_at: datetime | None
    error: str | None = Field(description="Why it failed; null otherwise")

    @classmethod
    def from_pb(cls, m: pb.Broadcast) -> Broadcast:
        return cls(
            id=m.id,
            audience=enum_name(pb.BroadcastAudience, m.audience, AUDIENCE),  # type: ignore[arg-type]
            title=m.title,
            body=m.body,
            link=m.link,
            email=m.email,
            created_by=m.created_by,
            created_at=m.created_at.ToDatetime(tzinfo=UTC),
            status=enum_name(pb.BroadcastStatus, m.status, STATUS),  # type: ignore[arg-type]
            recipients=m.recipients,
            written=m.written,
            emails=m.emails,
            finished_at=from_timestamp(m, "finished_at"),
            error=m.error or None,
        )


# --- delivery statistics -----------------------------------------------------------------------


class DeliveryCount(BaseModel):
    """One notification type on one channel."""

    type: str = Field(examples=["ANNOUNCEMENT"])
    channel: Literal["IN_APP", "EMAIL", "PUSH"]
    sent: int = Field(description="EMAIL/PUSH: delivered")
    failed: int = Field(description="EMAIL/PUSH: every attempt failed")
    skipped: int = Field(description="EMAIL/PUSH: turned off, account gone, or no device")
    pending: int = Field(description="EMAIL/PUSH: waiting (quiet hours, digest, a retry)")
    written: int = Field(description="IN_APP: inbox rows written")
    opened: int = Field(description="IN_APP: of those, read by their recipient")


class DeliveryStats(BaseModel):
    since: datetime = Field(description="The window's start")
    counts: list[DeliveryCount]

    @classmethod
    def from_pb(cls, m: pb.DeliveryStats) -> DeliveryStats:
        return cls(
            since=m.since.ToDatetime(tzinfo=UTC),
            counts=[
                DeliveryCount(
                    type=c.type,
                    channel=c.channel,  # type: ignore[arg-type]
                    sent=c.sent,
                    failed=c.failed,
                    skipped=c.skipped,
                    pending=c.pending,
                    written=c.written,
                    opened=c.opened,
                )
                for c in m.counts
            ],
        )
