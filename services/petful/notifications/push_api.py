"""The PushSubscriptionService servicer: protobuf <-> push calls. Each RPC is one
transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import grpc

from petful.notifications import push
from petful.notifications.push_models import PushSubscription
from petful.pb.notifications.v1 import push_pb2 as pb
from petful.pb.notifications.v1 import push_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def subscription_to_pb(s: PushSubscription) -> pb.PushSubscription:
    return pb.PushSubscription(
        id=str(s.id),
        endpoint=s.endpoint,
        device=s.device,
        created_at=to_timestamp(s.created_at),
        last_success_at=opt_timestamp(s.last_success_at),
    )


class PushSubscriptionServicer(pb_grpc.PushSubscriptionServiceServicer):
    def __init__(self, settings: Settings, keys: push.VapidKeys, clock: Clock) -> None:
        self.settings = settings
        self.keys = keys
        self.policy = push.Policy.from_settings(settings)
        self.clock = clock

    async def GetVapidPublicKey(
        self, request: pb.GetVapidPublicKeyRequest, context: Any
    ) -> pb.GetVapidPublicKeyResponse:
        push.user_of(require_principal())
        return pb.GetVapidPublicKeyResponse(public_key=self.keys.public_key)

    async def Subscribe(
        self, request: pb.SubscribePushRequest, context: Any
    ) -> pb.PushSubscription:
        actor = require_principal()
        async with transaction(self.settings) as session:
            row = await push.subscribe(
                session,
                actor=actor,
                endpoint=request.endpoint,
                p256dh=request.keys.p256dh,
                auth=request.keys.auth,
                device=request.device,
                user_agent=request.user_agent,
                now=self.clock(),
                policy=self.policy,
            )
            return subscription_to_pb(row)

    async def Unsubscribe(
        self, request: pb.UnsubscribePushRequest, context: Any
    ) -> pb.UnsubscribePushResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await push.unsubscribe(session, actor=actor, endpoint=request.endpoint)
            return pb.UnsubscribePushResponse()

    async def ListMySubscriptions(
        self, request: pb.ListMyPushSubscriptionsRequest, context: Any
    ) -> pb.ListMyPushSubscriptionsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rows = await push.list_subscriptions(session, actor=actor)
            return pb.ListMyPushSubscriptionsResponse(items=[subscription_to_pb(r) for r in rows])


def register_push(
    server: grpc.aio.Server, *, settings: Settings | None = None, clock: Clock | None = None
) -> None:
    """Add PushSubscriptionService to server. The VAPID key is read (or, outside
    production, made) here: a service without a usable key does not start."""
    settings = settings or get_settings()
    pb_grpc.add_PushSubscriptionServiceServicer_to_server(
        PushSubscriptionServicer(settings, push.vapid_keys(settings), clock or utc_now), server
    )
