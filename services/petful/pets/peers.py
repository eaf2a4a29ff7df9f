"""The gRPC adapters for the ports in `service/ports.py`.

Calls carry the current Principal (the client interceptor forwards it), so the sns service
applies its own visibility rules to the caller; background tasks call as a service.
Channels come from the current settings at call time (targets may be configured after the
servicer was built, as the test fixtures do).
"""

from __future__ import annotations

import uuid
from datetime import UTC

from petful.pb.campaigns.v1 import campaigns_pb2, campaigns_pb2_grpc
from petful.pb.sns.v1 import sns_pb2, sns_pb2_grpc
from petful.pets import rules
from petful.pets.service.ports import SnsAccount, SnsMetrics
from petful.platform.grpc_client import call, call_or_none, channel


class GrpcSns:
    """The `SnsPort` over the sns service."""

    def _stub(self) -> sns_pb2_grpc.SnsServiceStub:
        return sns_pb2_grpc.SnsServiceStub(channel("sns"))

    async def get_account(self, account_id: uuid.UUID) -> SnsAccount | None:
        request = sns_pb2.GetAccountRequest(account_id=str(account_id))
        a = await call_or_none(self._stub().GetAccount(request))
        if a is None:
            return None
        return SnsAccount(
            id=uuid.UUID(a.id),
            owner_user_id=a.owner_user_id,
            username=a.username,
            linked=a.status == sns_pb2.ACCOUNT_STATUS_LINKED,
        )

    async def get_metrics(self, account_id: uuid.UUID, window_days: int) -> SnsMetrics:
        request = sns_pb2.GetAccountMetricsRequest(
            account_id=str(account_id), window_days=window_days
        )
        m = await call(self._stub().GetAccountMetrics(request))
        posts = [
            rules.Post(posted_at=p.posted_at.ToDatetime(tzinfo=UTC), like_count=p.like_count)
            for p in m.recent_posts
        ]
        return SnsMetrics(
            followers=m.followers_count,
            engagement_rate=m.engagement_rate,
            posts=posts,
            posts_in_window=m.posts_in_window,
            source=m.source,
        )


class GrpcCampaigns:
    """The `CampaignsPort` over the campaigns service."""

    async def active_work(self, pet_id: uuid.UUID) -> list[str]:
        stub = campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))
        request = campaigns_pb2.ListActiveWorkForPetRequest(pet_id=str(pet_id))
        response = await call(stub.ListActiveWorkForPet(request))
        return [c.title for c in response.items]
