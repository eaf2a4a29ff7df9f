"""Web push: /api/v1/notifications/push/….

The web app asks for the VAPID key, subscribes the browser with PushManager, then PUTs
the subscription here; a browser that subscribes again (each visit, or after a sign-in as
someone else) updates its row. Every route acts on the caller's own browsers (any
signed-in account); another user's endpoint is 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Header, Query, Response, status

from petful.edge.auth import CurrentUser
from petful.edge.notifications.push_schemas import (
    ENDPOINT_MAX,
    NewPushSubscription,
    PushEndpoint,
    PushSubscription,
    PushSubscriptions,
    VapidPublicKey,
)
from petful.pb.notifications.v1 import push_pb2 as pb
from petful.pb.notifications.v1 import push_pb2_grpc as pb_grpc
from petful.platform.grpc_client import channel

router = APIRouter(tags=["notifications"])

BASE = "/api/v1/notifications/push"
# The User-Agent passed on to name the browser; longer ones are cut.
USER_AGENT_MAX = 512


def push() -> pb_grpc.PushSubscriptionServiceStub:
    return pb_grpc.PushSubscriptionServiceStub(channel("notifications"))


@router.get(BASE + "/key", response_model=VapidPublicKey)
async def vapid_public_key(user: CurrentUser) -> VapidPublicKey:
    r = await push().GetVapidPublicKey(pb.GetVapidPublicKeyRequest())
    return VapidPublicKey(public_key=r.public_key)


@router.put(BASE + "/subscriptions", response_model=PushSubscription)
async def subscribe(
    body: NewPushSubscription,
    user: CurrentUser,
    user_agent: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> PushSubscription:
    """Push my notifications to this browser (create or update by endpoint). 422 names
    `endpoint` (an https URL of a public host), `keys.p256dh`, `keys.auth` or `device`."""
    r = await push().Subscribe(
        pb.SubscribePushRequest(
            endpoint=body.endpoint,
            keys=pb.PushKeys(p256dh=body.keys.p256dh, auth=body.keys.auth),
            device=body.device,
            user_agent=(user_agent or "")[:USER_AGENT_MAX],
        )
    )
    return PushSubscription.from_pb(r)


@router.delete(BASE + "/subscriptions", status_code=status.HTTP_204_NO_CONTENT)
async def unsubscribe(
    user: CurrentUser,
    endpoint: Annotated[str | None, Query(max_length=ENDPOINT_MAX)] = None,
    body: Annotated[PushEndpoint | None, Body()] = None,
) -> Response:
    """Stop pushing to one of my browsers: its endpoint in the body (`{"endpoint": …}`) or
    the query. 404 when none of mine has it."""
    chosen = endpoint if endpoint is not None else (body.endpoint if body else "")
    await push().Unsubscribe(pb.UnsubscribePushRequest(endpoint=chosen))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(BASE + "/subscriptions", response_model=PushSubscriptions)
async def my_subscriptions(user: CurrentUser) -> PushSubscriptions:
    """My browsers, the most recently subscribed first."""
    r = await push().ListMySubscriptions(pb.ListMyPushSubscriptionsRequest())
    return PushSubscriptions(items=[PushSubscription.from_pb(s) for s in r.items])
