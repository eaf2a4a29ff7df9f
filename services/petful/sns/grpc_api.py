"""The SnsService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from petful.pb.sns.v1 import sns_pb2 as pb
from petful.pb.sns.v1 import sns_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.settings import Settings, get_settings
from petful.sns import graph, service
from petful.sns.crypto import TokenBox
from petful.sns.models import Account
from petful.sns.rules import AccountStatus

STATUS_TO_PB = {
    AccountStatus.LINKED: pb.ACCOUNT_STATUS_LINKED,
    AccountStatus.NEEDS_REAUTH: pb.ACCOUNT_STATUS_NEEDS_REAUTH,
    AccountStatus.UNLINKED: pb.ACCOUNT_STATUS_UNLINKED,
}


def _ts(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def account_to_pb(a: Account) -> pb.Account:
    message = pb.Account(
        id=str(a.id),
        owner_user_id=str(a.owner_user_id),
        ig_user_id=a.ig_user_id,
        username=a.username,
        name=a.name,
        biography=a.biography,
        profile_picture_url=a.profile_picture_url,
        followers_count=a.followers_count,
        follows_count=a.follows_count,
        media_count=a.media_count,
        source=a.source,
        status=STATUS_TO_PB[a.status_enum],
        last_sync_error=a.last_sync_error or "",
    )
    if a.last_synced_at is not None:
        message.last_synced_at.CopyFrom(_ts(a.last_synced_at))
    return message


def metrics_to_pb(result: service.AccountMetrics) -> pb.AccountMetrics:
    a, m = result.account, result.metrics
    message = pb.AccountMetrics(
        account_id=str(a.id),
        followers_count=a.followers_count,
        follows_count=a.follows_count,
        media_count=a.media_count,
        engagement_rate=m.engagement_rate,
        avg_likes=m.avg_likes,
        avg_comments=m.avg_comments,
        posts_in_window=m.posts_in_window,
        recent_posts=[
            pb.RecentPost(
                ig_media_id=p.ig_media_id,
                permalink=p.permalink,
                posted_at=_ts(p.posted_at),
                like_count=p.like_count,
                comments_count=p.comments_count,
                caption=p.caption,
            )
            for p in m.window_posts
        ],
        source=a.source,
    )
    if a.last_synced_at is not None:
        message.synced_at.CopyFrom(_ts(a.last_synced_at))
    return message


class SnsServicer(pb_grpc.SnsServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: service.Clock,
        graph_client_factory: graph.GraphClientFactory,
        box: TokenBox,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.graph = graph_client_factory
        self.box = box

    async def LinkAccount(self, request: pb.LinkAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with self.graph(self.settings) as client, transaction(self.settings) as session:
            account = await service.link_account(
                session,
                actor=actor,
                settings=self.settings,
                client=client,
                box=self.box,
                now=self.clock(),
                access_token=request.access_token,
                ig_user_id=request.ig_user_id,
            )
            return account_to_pb(account)

    async def ListMyAccounts(
        self, request: pb.ListMyAccountsRequest, context: Any
    ) -> pb.ListAccountsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            accounts = await service.list_my_accounts(session, actor=actor)
            return pb.ListAccountsResponse(accounts=[account_to_pb(a) for a in accounts])

    async def GetAccount(self, request: pb.GetAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await service.get_account(session, actor=actor, account_id=request.account_id)
            return account_to_pb(account)

    async def UnlinkAccount(self, request: pb.UnlinkAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await service.unlink_account(
                session, actor=actor, now=self.clock(), account_id=request.account_id
            )
            return account_to_pb(account)

    async def SyncAccount(self, request: pb.SyncAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with self.graph(self.settings) as client, transaction(self.settings) as session:
            account = await service.request_sync(
                session,
                actor=actor,
                settings=self.settings,
                client=client,
                box=self.box,
                now=self.clock(),
                account_id=request.account_id,
            )
            return account_to_pb(account)

    async def GetAccountMetrics(
        self, request: pb.GetAccountMetricsRequest, context: Any
    ) -> pb.AccountMetrics:
        actor = require_principal()
        async with transaction(self.settings) as session:
            result = await service.get_metrics(
                session,
                actor=actor,
                settings=self.settings,
                now=self.clock(),
                account_id=request.account_id,
                window_days=request.window_days,
            )
            return metrics_to_pb(result)


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: service.Clock | None = None,
    graph_client_factory: graph.GraphClientFactory | None = None,
) -> None:
    """Add SnsService to server. Refuses to start without token keys in production."""
    settings = settings or get_settings()
    pb_grpc.add_SnsServiceServicer_to_server(
        SnsServicer(
            settings,
            clock or service.utc_now,
            graph_client_factory or graph.default_factory,
            TokenBox.from_settings(settings),
        ),
        server,
    )
