"""CampaignService RPCs of the campaigns themselves: the advertiser's, the public's and the
admins' review."""

from __future__ import annotations

from typing import Any

from petful.campaigns.grpc_api.base import ServicerBase, render, render_page
from petful.campaigns.grpc_api.messages import PHASE, fields_from_pb, species_name
from petful.campaigns.rules.browsing import MySort, Sort, Tab
from petful.campaigns.service import campaigns, images, my_campaigns
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.auth_context import Principal, current_principal, require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name


# Unspecified (or unknown) tabs and sorts browse the newest recruiting campaigns.
def _tab(number: int) -> Tab:
    name = enum_name(pb.Tab, number, "TAB_")
    return Tab(name) if name in Tab.__members__ else Tab.RECRUITING


def _sort(number: int) -> Sort:
    name = enum_name(pb.Sort, number, "SORT_")
    return Sort(name) if name in Sort.__members__ else Sort.NEWEST


def _my_sort(number: int) -> MySort:
    name = enum_name(pb.MySort, number, "MY_SORT_")
    return MySort(name) if name in MySort.__members__ else MySort.NEWEST


class CampaignRpcs(ServicerBase):
    async def CreateCampaign(self, request: pb.CreateCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await campaigns.create_campaign(
                session,
                actor=actor,
                now=self.clock(),
                data=fields_from_pb(request.fields),
                advertisers=self.advertisers,
                idempotency_key=request.idempotency_key,
            )
            return await render(session, c)

    async def UpdateCampaign(self, request: pb.UpdateCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await campaigns.update_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                data=fields_from_pb(request.fields),
            )
            return await render(session, c)

    async def SubmitCampaign(self, request: pb.SubmitCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await campaigns.submit_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                advertisers=self.advertisers,
            )
            return await render(session, c)

    async def CancelCampaign(self, request: pb.CancelCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await campaigns.cancel_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                reason=request.reason,
            )
            return await render(session, c)

    async def AddCampaignImage(
        self, request: pb.AddCampaignImageRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await images.add_campaign_image(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return await render(session, c)

    async def RemoveCampaignImage(
        self, request: pb.RemoveCampaignImageRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await images.remove_campaign_image(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                media_id=request.media_id,
            )
            return await render(session, c)

    async def GetCampaign(self, request: pb.GetCampaignRequest, context: Any) -> pb.Campaign:
        actor = current_principal() or Principal()
        async with transaction(self.settings) as session:
            c = await campaigns.get_campaign(session, actor=actor, campaign_id=request.campaign_id)
            return await render(session, c)

    async def ListCampaigns(
        self, request: pb.ListCampaignsRequest, context: Any
    ) -> pb.ListCampaignsResponse:
        actor = current_principal() or Principal()
        async with transaction(self.settings) as session:
            page = await campaigns.list_campaigns(
                session,
                actor=actor,
                tab=_tab(request.tab),
                query=request.query,
                sort=_sort(request.sort),
                species=species_name(request.species),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return await render_page(session, page)

    async def ListMyCampaigns(
        self, request: pb.ListMyCampaignsRequest, context: Any
    ) -> pb.ListCampaignsResponse:
        actor = require_principal()
        phases = [enum_name(pb.Phase, p, PHASE) for p in (request.phase, *request.phases) if p]
        async with transaction(self.settings) as session:
            page = await my_campaigns.list_my_campaigns(
                session,
                actor=actor,
                phases=phases,
                query=request.query,
                sort=_my_sort(request.sort),
                archived=request.archived,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return await render_page(session, page)

    async def ArchiveCampaign(
        self, request: pb.ArchiveCampaignRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await my_campaigns.archive_campaign(
                session, actor=actor, now=self.clock(), campaign_id=request.campaign_id
            )
            return await render(session, c)

    async def UnarchiveCampaign(
        self, request: pb.ArchiveCampaignRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await my_campaigns.unarchive_campaign(
                session, actor=actor, campaign_id=request.campaign_id
            )
            return await render(session, c)

    # administration

    async def ListReviewQueue(
        self, request: pb.ListReviewQueueRequest, context: Any
    ) -> pb.ListCampaignsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await campaigns.review_queue(
                session, actor=actor, page_size=request.page_size, cursor=request.cursor
            )
            return await render_page(session, page)

    async def CountCampaignsByPhase(
        self, request: pb.CountCampaignsByPhaseRequest, context: Any
    ) -> pb.CountCampaignsByPhaseResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            counts = await campaigns.count_by_phase(session, actor=actor)
        return pb.CountCampaignsByPhaseResponse(
            items=[pb.PhaseCount(phase=PHASE + phase.value, count=n) for phase, n in counts]
        )

    async def ApproveCampaign(
        self, request: pb.ApproveCampaignRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await campaigns.approve_campaign(
                session, actor=actor, now=self.clock(), campaign_id=request.campaign_id
            )
            return await render(session, c)

    async def RejectCampaign(self, request: pb.RejectCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await campaigns.reject_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                reason=request.reason,
            )
            return await render(session, c)
