"""CampaignService RPCs of a campaign's results (the proto's `GetReport`/`Report` keep their
names; in code they are results) and of the clock-driven steps."""

from __future__ import annotations

from typing import Any

from petful.campaigns.grpc_api.base import ServicerBase
from petful.campaigns.grpc_api.messages import PHASE, STATUS
from petful.campaigns.service import results, schedule
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import from_timestamp


def results_to_pb(rendered: results.RenderedResults) -> pb.Report:
    r, t = rendered.results, rendered.results.totals
    return pb.Report(
        campaign_id=r.campaign_id,
        title=r.title,
        company_name=r.company_name,
        phase=PHASE + r.phase,
        reward_value_krw=r.reward_value_krw,
        totals=pb.ReportTotals(
            applicants=t.applicants,
            selected=t.selected,
            completed=t.completed,
            no_show=t.no_show,
            posts=t.posts,
            likes=t.likes,
            comments=t.comments,
            total_cost_krw=t.total_cost_krw,
            cost_per_engagement_krw=t.cost_per_engagement_krw,
        ),
        rows=[
            pb.ReportRow(
                applicant_id=row.applicant_id,
                pet_id=row.pet_id,
                pet_name=row.pet_name,
                owner_user_id=row.owner_user_id,
                status=STATUS + row.status,
                post_url=row.post_url,
                likes=row.likes,
                comments=row.comments,
            )
            for row in r.rows
        ],
        csv=rendered.csv,
    )


class ResultRpcs(ServicerBase):
    async def GetReport(self, request: pb.GetReportRequest, context: Any) -> pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rendered = await results.get_results(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                tz=self.tz,
            )
            return results_to_pb(rendered)

    async def AdvanceDue(
        self, request: pb.AdvanceDueRequest, context: Any
    ) -> pb.AdvanceDueResponse:
        actor = require_principal()
        schedule.require_scheduler(actor)
        now = from_timestamp(request, "now") or self.clock()
        async with transaction(self.settings) as session:
            result = await schedule.advance_due(
                session,
                now,
                grace_days=self.grace_days,
                batch_size=self.settings.campaigns.advance_batch_size,
            )
        return pb.AdvanceDueResponse(
            campaigns_advanced=result.campaigns, applicants_changed=result.applicants
        )
