"""Bodies of the web push routes. A subscription is sent as the browser's
`PushSubscription.toJSON()` gives it (plus an optional device name)."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field

from petful.edge.common import Body
from petful.pb.notifications.v1 import push_pb2 as pb
from petful.platform.protobuf import from_timestamp

ENDPOINT_MAX = 2048
# The latest instant JavaScript's Date holds, in milliseconds.
JS_TIME_MAX = 8.64e15


class VapidPublicKey(BaseModel):
    public_key: str = Field(
        description="The install's VAPID public key: an uncompressed P-256 point, base64url "
        "without padding; pass it as PushManager.subscribe's `applicationServerKey`",
    )


class PushKeys(Body):
    p256dh: str = Field(
        max_length=200, description="The browser's P-256 public key (65 bytes), base64url"
    )
    auth: str = Field(max_length=100, description="The browser's auth secret (16 bytes)")


class NewPushSubscription(Body):
    """`PushSubscription.toJSON()`, plus the name the user gives this browser."""

    endpoint: str = Field(max_length=ENDPOINT_MAX, examples=["https://fcm.googleapis.com/…"])
    # toJSON() includes it; push services end a subscription with a 404/410 anyway.
    expiration_time: float | None = Field(
        default=None,
        alias="expirationTime",
        ge=0,
        le=JS_TIME_MAX,
        description="Ignored (the push service answers 404/410 when it ends)",
    )
    keys: PushKeys
    device: str = Field(
        default="",
        max_length=100,
        description='A name for this browser; "": one made from the User-Agent',
        examples=["Chrome on Android"],
    )


class PushEndpoint(Body):
    endpoint: str = Field(max_length=ENDPOINT_MAX)


class PushSubscription(BaseModel):
    """One of my browsers (its keys are never shown)."""

    id: str
    endpoint: str
    device: str = Field(examples=["Chrome on Android"])
    created_at: datetime
    last_success_at: datetime | None = Field(description="The last push it accepted")

    @classmethod
    def from_pb(cls, m: pb.PushSubscription) -> PushSubscription:
        return cls(
            id=m.id,
            endpoint=m.endpoint,
            device=m.device,
            created_at=m.created_at.ToDatetime(tzinfo=UTC),
            last_success_at=from_timestamp(m, "last_success_at"),
        )


class PushSubscriptions(BaseModel):
    items: list[PushSubscription]
