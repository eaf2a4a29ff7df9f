"""My notification settings (/api/v1/notifications/settings) and the unsubscribe links in
mails (/api/v1/public/unsubscribe/{token}).

An unsubscribe link works without signing in (the token is the proof). The link in a mail
opens the web app's page (/unsubscribe/{token}), which reads the category with GET and
acts only on the button's POST, since mail scanners open links; mail apps' one-click
unsubscribe (RFC 8058, the List-Unsubscribe header) POSTs here directly.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from petful.edge.auth import CurrentUser
from petful.edge.notifications.schemas import CATEGORY, Category
from petful.edge.notifications.settings_schemas import NotificationSettings, SettingsChange
from petful.pb.notifications.v1 import settings_pb2 as pb
from petful.pb.notifications.v1 import settings_pb2_grpc as pb_grpc
from petful.pb.notifications.v1.notifications_pb2 import Category as PbCategory
from petful.platform.grpc_client import channel
from petful.platform.protobuf import enum_name

router = APIRouter(tags=["notifications"])

SETTINGS_PATH = "/api/v1/notifications/settings"
UNSUBSCRIBE_PATH = "/api/v1/public/unsubscribe/{token}"
Token = Annotated[str, Path(max_length=100, description="the link's secret")]


class UnsubscribeLink(BaseModel):
    category: Category


def settings_stub() -> pb_grpc.NotificationSettingsServiceStub:
    return pb_grpc.NotificationSettingsServiceStub(channel("notifications"))


@router.get(SETTINGS_PATH, response_model=NotificationSettings)
async def get_notification_settings(user: CurrentUser) -> NotificationSettings:
    r = await settings_stub().GetSettings(pb.GetSettingsRequest())
    return NotificationSettings.from_pb(r)


@router.patch(SETTINGS_PATH, response_model=NotificationSettings)
async def update_notification_settings(
    body: SettingsChange, user: CurrentUser
) -> NotificationSettings:
    """Change what the body names (channels listed, quiet hours, digest); the rest stays."""
    r = await settings_stub().UpdateSettings(body.to_pb())
    return NotificationSettings.from_pb(r)


def _link(r: pb.UnsubscribeResponse) -> UnsubscribeLink:
    return UnsubscribeLink(category=enum_name(PbCategory, r.category, CATEGORY))  # type: ignore[arg-type]


@router.get(UNSUBSCRIBE_PATH, response_model=UnsubscribeLink)
async def describe_unsubscribe_link(token: Token) -> UnsubscribeLink:
    """Which category's mail the link stops (no sign-in). 404 for an unknown link."""
    return _link(await settings_stub().DescribeUnsubscribe(pb.UnsubscribeRequest(token=token)))


@router.post(UNSUBSCRIBE_PATH, response_model=UnsubscribeLink)
async def unsubscribe(token: Token) -> UnsubscribeLink:
    """Stop the link's category by email (no sign-in; again: no change). 404 when unknown."""
    return _link(await settings_stub().Unsubscribe(pb.UnsubscribeRequest(token=token)))
