"""CampaignService RPCs of selection, shipping and content."""

from __future__ import annotations

from typing import Any

from petful.campaigns.grpc_api.base import ServicerBase, render
from petful.campaigns.grpc_api.messages import applicant_to_pb
from petful.campaigns.service import content
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction


class ContentRpcs(ServicerBase):
    async def SelectApplicant(
        self, request: pb.SelectApplicantRequest, context: Any
    ) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await content.select_applicant(
                session, actor=actor, now=self.clock(), applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def UnselectApplicant(
        self, request: pb.UnselectApplicantRequest, context: Any
    ) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await content.unselect_applicant(
                session, actor=actor, now=self.clock(), applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def ConfirmSelection(
        self, request: pb.ConfirmSelectionRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await content.confirm_selection(
                session, actor=actor, now=self.clock(), campaign_id=request.campaign_id
            )
            return await render(session, c)

    async def ShipApplicant(self, request: pb.ShipApplicantRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await content.ship_applicant(
                session,
                actor=actor,
                now=self.clock(),
                applicant_id=request.applicant_id,
                carrier=request.carrier,
                tracking_number=request.tracking_number,
            )
            return applicant_to_pb(view)

    async def SubmitContent(self, request: pb.SubmitContentRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await content.submit_content(
                session,
                actor=actor,
                now=self.clock(),
                applicant_id=request.applicant_id,
                post_url=request.post_url,
                pets=self.pets,
                posts=self.posts,
                tz=self.tz,
                grace_days=self.grace_days,
            )
            return applicant_to_pb(view)

    async def ReviewContent(self, request: pb.ReviewContentRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await content.review_content(
                session,
                actor=actor,
                now=self.clock(),
                applicant_id=request.applicant_id,
                approve=request.approve,
                reason=request.reason,
            )
            return applicant_to_pb(view)
