"""The CampaignService servicer: protobuf <-> service calls. Each RPC is one transaction.

The advertisers and pets services are reached over gRPC (`channel(...)`) with the caller's
identity forwarded, through the small directory classes below.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import peers, service
from petful.campaigns.models import Campaign, Invitation
from petful.campaigns.rules import ApplicantStatus, CampaignType, Phase, Sort, Tab
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.campaigns.v1 import campaigns_pb2_grpc as pb_grpc
from petful.platform import media
from petful.platform.auth_context import Principal, current_principal, require_principal
from petful.platform.db import transaction
from petful.platform.settings import Settings, get_settings

PHASE_TO_PB: dict[Phase, pb.Phase] = {p: getattr(pb, f"PHASE_{p.value}") for p in Phase}
PHASE_FROM_PB = {v: k for k, v in PHASE_TO_PB.items()}
STATUS_TO_PB: dict[ApplicantStatus, pb.ApplicantStatus] = {
    s: getattr(pb, f"APPLICANT_STATUS_{s.value}") for s in ApplicantStatus
}
TYPE_TO_PB: dict[CampaignType, pb.CampaignType] = {
    t: getattr(pb, f"CAMPAIGN_TYPE_{t.value}") for t in CampaignType
}
TAB_FROM_PB = {
    pb.TAB_UNSPECIFIED: Tab.RECRUITING,
    pb.TAB_RECRUITING: Tab.RECRUITING,
    pb.TAB_APPLIED: Tab.APPLIED,
    pb.TAB_ENDED: Tab.ENDED,
}
SORT_FROM_PB = {
    pb.SORT_UNSPECIFIED: Sort.NEWEST,
    pb.SORT_NEWEST: Sort.NEWEST,
    pb.SORT_DEADLINE: Sort.DEADLINE,
    pb.SORT_POPULAR: Sort.POPULAR,
}


def _species_name(value: int) -> str:
    """A Species enum number (same numbering in campaigns and pets) -> rules.Species value;
    "?" for unknown numbers (fails validation), "" for unspecified."""
    if value == 0:
        return ""
    try:
        return str(pb.Species.Name(value)).removeprefix("SPECIES_")
    except ValueError:
        return "?"


def _ts(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def _dt(message: Any, name: str) -> datetime | None:
    if not message.HasField(name):
        return None
    value: datetime = getattr(message, name).ToDatetime(tzinfo=UTC)
    return value


# --- messages ------------------------------------------------------------------------------


def campaign_to_pb(c: Campaign, images: Mapping[str, media.MediaRecord]) -> pb.Campaign:
    fields = pb.CampaignFields(
        title=c.title,
        product_name=c.product_name,
        product_description=c.product_description,
        image_media_ids=c.image_media_ids,
        objective=c.objective,
        missions=c.missions,
        keywords=c.keywords,
        hashtags=c.hashtags,
        requirements=c.requirements,
        product_url=c.product_url,
        campaign_type=TYPE_TO_PB[c.type_enum],
        target_species=[getattr(pb, f"SPECIES_{s}") for s in c.target_species],
        headcount=c.headcount,
        reward_description=c.reward_description,
        reward_value_krw=c.reward_value_krw,
        recruit_start=_ts(c.recruit_start),
        recruit_end=_ts(c.recruit_end),
        announce_at=_ts(c.announce_at),
        activity_start=_ts(c.activity_start),
        activity_end=_ts(c.activity_end),
        post_retention_days=c.post_retention_days,
    )
    message = pb.Campaign(
        id=str(c.id),
        images=[
            pb.CampaignImage(
                media_id=m,
                url=images[m].url,
                thumbnails={size: f"/media/{key}" for size, key in images[m].thumbnails.items()},
            )
            for m in c.image_media_ids
            if m in images
        ],
        advertiser_user_id=str(c.advertiser_user_id),
        company_name=c.company_name,
        fields=fields,
        phase=PHASE_TO_PB[c.phase_enum],
        phase_reason=c.phase_reason or "",
        applicant_count=c.applicant_count,
        selected_count=c.selected_count,
        created_at=_ts(c.created_at),
        updated_at=_ts(c.updated_at),
    )
    if c.submitted_at is not None:
        message.submitted_at.CopyFrom(_ts(c.submitted_at))
    if c.approved_at is not None:
        message.approved_at.CopyFrom(_ts(c.approved_at))
    return message


def applicant_to_pb(view: service.ApplicantView) -> pb.Applicant:
    a = view.applicant
    message = pb.Applicant(
        id=str(a.id),
        campaign_id=str(a.campaign_id),
        campaign_title=view.campaign_title,
        pet_id=str(a.pet_id),
        pet_name=a.pet_name,
        owner_user_id=str(a.owner_user_id),
        note=a.note,
        status=STATUS_TO_PB[a.status_enum],
        status_reason=a.status_reason or "",
        post_url=a.post_url or "",
        created_at=_ts(a.created_at),
        updated_at=_ts(a.updated_at),
    )
    if a.shipped_at is not None:
        message.shipment.CopyFrom(
            pb.Shipment(
                carrier=a.carrier or "",
                tracking_number=a.tracking_number or "",
                shipped_at=_ts(a.shipped_at),
            )
        )
    if a.checklist:
        checklist = message.checklist
        checklist.status = str(a.checklist.get("status", ""))
        checklist.reason = str(a.checklist.get("reason", ""))
        for entry in a.checklist.get("items", []):
            checklist.items.add(
                name=str(entry["name"]), passed=bool(entry["passed"]), detail=str(entry["detail"])
            )
        if a.checklist.get("checked_at"):
            checklist.checked_at.CopyFrom(_ts(datetime.fromisoformat(a.checklist["checked_at"])))
    if a.likes is not None:
        message.likes = a.likes
    if a.comments is not None:
        message.comments = a.comments
    for s in view.submissions:
        item = message.submissions.add(
            url=s.url, submitted_at=_ts(s.submitted_at), reason=s.reason or ""
        )
        if s.decision:
            item.decision = STATUS_TO_PB[ApplicantStatus(s.decision)]
        if s.decided_at is not None:
            item.decided_at.CopyFrom(_ts(s.decided_at))
    return message


def invitation_to_pb(i: Invitation, c: Campaign) -> pb.Invitation:
    return pb.Invitation(
        id=str(i.id),
        campaign_id=str(i.campaign_id),
        campaign_title=c.title,
        company_name=c.company_name,
        pet_id=str(i.pet_id),
        pet_name=i.pet_name,
        owner_user_id=str(i.owner_user_id),
        message=i.message,
        created_at=_ts(i.created_at),
        recruit_end=_ts(c.recruit_end),
    )


def fields_from_pb(f: pb.CampaignFields) -> service.CampaignInput:
    kind = (
        str(pb.CampaignType.Name(f.campaign_type)).removeprefix("CAMPAIGN_TYPE_")
        if f.campaign_type in TYPE_TO_PB.values()
        else ""
    )
    return service.CampaignInput(
        title=f.title,
        product_name=f.product_name,
        product_description=f.product_description,
        image_media_ids=list(f.image_media_ids),
        objective=f.objective,
        missions=list(f.missions),
        keywords=list(f.keywords),
        hashtags=list(f.hashtags),
        requirements=list(f.requirements),
        product_url=f.product_url,
        campaign_type=kind,
        target_species=[_species_name(s) or "?" for s in f.target_species],
        headcount=f.headcount,
        reward_description=f.reward_description,
        reward_value_krw=f.reward_value_krw,
        recruit_start=_dt(f, "recruit_start"),
        recruit_end=_dt(f, "recruit_end"),
        announce_at=_dt(f, "announce_at"),
        activity_start=_dt(f, "activity_start"),
        activity_end=_dt(f, "activity_end"),
        post_retention_days=f.post_retention_days,
    )


async def _render(session: AsyncSession, c: Campaign) -> pb.Campaign:
    return campaign_to_pb(c, await service.campaign_images(session, [c]))


async def _campaigns(session: AsyncSession, page: service.Page) -> pb.ListCampaignsResponse:
    images = await service.campaign_images(session, page.items)
    return pb.ListCampaignsResponse(
        items=[campaign_to_pb(c, images) for c in page.items], next_cursor=page.next_cursor
    )


def _applicants(page: service.Page) -> pb.ListApplicantsResponse:
    return pb.ListApplicantsResponse(
        items=[applicant_to_pb(v) for v in page.items], next_cursor=page.next_cursor
    )


def report_to_pb(result: service.ReportResult) -> pb.Report:
    r, t = result.report, result.report.totals
    totals = pb.ReportTotals(
        applicants=t.applicants,
        selected=t.selected,
        completed=t.completed,
        no_show=t.no_show,
        posts=t.posts,
        total_cost_krw=t.total_cost_krw,
    )
    if t.likes is not None:
        totals.likes = t.likes
    if t.comments is not None:
        totals.comments = t.comments
    if t.cost_per_engagement_krw is not None:
        totals.cost_per_engagement_krw = t.cost_per_engagement_krw
    message = pb.Report(
        campaign_id=r.campaign_id,
        title=r.title,
        company_name=r.company_name,
        phase=PHASE_TO_PB[r.phase],
        reward_value_krw=r.reward_value_krw,
        totals=totals,
        csv=result.csv,
    )
    for row in r.rows:
        item = message.rows.add(
            applicant_id=row.applicant_id,
            pet_id=row.pet_id,
            pet_name=row.pet_name,
            owner_user_id=row.owner_user_id,
            status=STATUS_TO_PB[row.status],
            post_url=row.post_url,
        )
        if row.likes is not None:
            item.likes = row.likes
        if row.comments is not None:
            item.comments = row.comments
    return message


# --- the servicer --------------------------------------------------------------------------


class CampaignServicer(pb_grpc.CampaignServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: service.Clock,
        advertisers: service.AdvertiserDirectory,
        pets: service.PetDirectory,
        posts: service.PostDirectory,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.advertisers = advertisers
        self.pets = pets
        self.posts = posts

    @property
    def grace_days(self) -> int:
        return self.settings.campaigns_content_grace_days

    # campaigns

    async def CreateCampaign(self, request: pb.CreateCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.create_campaign(
                session,
                actor=actor,
                now=self.clock(),
                data=fields_from_pb(request.fields),
                advertisers=self.advertisers,
                idempotency_key=request.idempotency_key,
            )
            return await _render(session, c)

    async def UpdateCampaign(self, request: pb.UpdateCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.update_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                data=fields_from_pb(request.fields),
            )
            return await _render(session, c)

    async def SubmitCampaign(self, request: pb.SubmitCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.submit_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                advertisers=self.advertisers,
            )
            return await _render(session, c)

    async def CancelCampaign(self, request: pb.CancelCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.cancel_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                reason=request.reason,
            )
            return await _render(session, c)

    async def AddCampaignImage(
        self, request: pb.AddCampaignImageRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.add_campaign_image(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return await _render(session, c)

    async def RemoveCampaignImage(
        self, request: pb.RemoveCampaignImageRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.remove_campaign_image(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                media_id=request.media_id,
            )
            return await _render(session, c)

    async def GetCampaign(self, request: pb.GetCampaignRequest, context: Any) -> pb.Campaign:
        actor = current_principal() or Principal()
        async with transaction(self.settings) as session:
            c = await service.get_campaign(session, actor=actor, campaign_id=request.campaign_id)
            return await _render(session, c)

    async def ListCampaigns(
        self, request: pb.ListCampaignsRequest, context: Any
    ) -> pb.ListCampaignsResponse:
        actor = current_principal() or Principal()
        async with transaction(self.settings) as session:
            page = await service.list_campaigns(
                session,
                actor=actor,
                tab=TAB_FROM_PB.get(request.tab, Tab.RECRUITING),
                query=request.query,
                sort=SORT_FROM_PB.get(request.sort, Sort.NEWEST),
                species=_species_name(request.species),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return await _campaigns(session, page)

    async def ListMyCampaigns(
        self, request: pb.ListMyCampaignsRequest, context: Any
    ) -> pb.ListCampaignsResponse:
        actor = require_principal()
        phase = PHASE_FROM_PB[request.phase].value if request.phase in PHASE_FROM_PB else ""
        if request.phase and not phase:
            phase = "?"
        async with transaction(self.settings) as session:
            page = await service.list_my_campaigns(
                session,
                actor=actor,
                phase=phase,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return await _campaigns(session, page)

    async def ListReviewQueue(
        self, request: pb.ListReviewQueueRequest, context: Any
    ) -> pb.ListCampaignsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.review_queue(
                session, actor=actor, page_size=request.page_size, cursor=request.cursor
            )
            return await _campaigns(session, page)

    async def ApproveCampaign(
        self, request: pb.ApproveCampaignRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.approve_campaign(
                session, actor=actor, now=self.clock(), campaign_id=request.campaign_id
            )
            return await _render(session, c)

    async def RejectCampaign(self, request: pb.RejectCampaignRequest, context: Any) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.reject_campaign(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                reason=request.reason,
            )
            return await _render(session, c)

    # applicants

    async def Apply(self, request: pb.ApplyRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.apply(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                pet_id=request.pet_id,
                note=request.note,
                pets=self.pets,
            )
            return applicant_to_pb(view)

    async def UpdateApplication(
        self, request: pb.UpdateApplicationRequest, context: Any
    ) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.update_application(
                session,
                actor=actor,
                now=self.clock(),
                applicant_id=request.applicant_id,
                note=request.note,
            )
            return applicant_to_pb(view)

    async def CancelApplication(
        self, request: pb.CancelApplicationRequest, context: Any
    ) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.cancel_application(
                session, actor=actor, now=self.clock(), applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def GetApplication(self, request: pb.GetApplicationRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.get_application(
                session, actor=actor, applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def ListMyApplications(
        self, request: pb.ListMyApplicationsRequest, context: Any
    ) -> pb.ListApplicantsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.list_my_applications(
                session,
                actor=actor,
                campaign_id=request.campaign_id,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return _applicants(page)

    async def ListApplicants(
        self, request: pb.ListApplicantsRequest, context: Any
    ) -> pb.ListApplicantsResponse:
        actor = require_principal()
        status = ""
        if request.status:
            name = str(pb.ApplicantStatus.Name(request.status))
            status = name.removeprefix("APPLICANT_STATUS_")
        async with transaction(self.settings) as session:
            page = await service.list_applicants(
                session,
                actor=actor,
                campaign_id=request.campaign_id,
                status=status,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return _applicants(page)

    async def SelectApplicant(
        self, request: pb.SelectApplicantRequest, context: Any
    ) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.select_applicant(
                session, actor=actor, now=self.clock(), applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def UnselectApplicant(
        self, request: pb.UnselectApplicantRequest, context: Any
    ) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.unselect_applicant(
                session, actor=actor, now=self.clock(), applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def ConfirmSelection(
        self, request: pb.ConfirmSelectionRequest, context: Any
    ) -> pb.Campaign:
        actor = require_principal()
        async with transaction(self.settings) as session:
            c = await service.confirm_selection(
                session, actor=actor, now=self.clock(), campaign_id=request.campaign_id
            )
            return await _render(session, c)

    async def ShipApplicant(self, request: pb.ShipApplicantRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.ship_applicant(
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
            view = await service.submit_content(
                session,
                actor=actor,
                now=self.clock(),
                applicant_id=request.applicant_id,
                post_url=request.post_url,
                pets=self.pets,
                posts=self.posts,
                tz=ZoneInfo(self.settings.campaigns_timezone),
                grace_days=self.grace_days,
            )
            return applicant_to_pb(view)

    async def ReviewContent(self, request: pb.ReviewContentRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.review_content(
                session,
                actor=actor,
                now=self.clock(),
                applicant_id=request.applicant_id,
                approve=request.approve,
                reason=request.reason,
            )
            return applicant_to_pb(view)

    # reports, scheduling, other services

    async def InvitePetStar(self, request: pb.InvitePetStarRequest, context: Any) -> pb.Invitation:
        actor = require_principal()
        async with transaction(self.settings) as session:
            invitation = await service.invite(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                pet_id=request.pet_id,
                message=request.message,
                pets=self.pets,
            )
            c = await service.get_campaign(
                session, actor=actor, campaign_id=str(invitation.campaign_id)
            )
            return invitation_to_pb(invitation, c)

    async def ListMyInvitations(
        self, request: pb.ListMyInvitationsRequest, context: Any
    ) -> pb.ListInvitationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rows = await service.my_invitations(session, actor=actor)
            return pb.ListInvitationsResponse(items=[invitation_to_pb(i, c) for i, c in rows])

    async def GetReport(self, request: pb.GetReportRequest, context: Any) -> pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            result = await service.get_report(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                tz=ZoneInfo(self.settings.campaigns_timezone),
            )
            return report_to_pb(result)

    async def AdvanceDue(
        self, request: pb.AdvanceDueRequest, context: Any
    ) -> pb.AdvanceDueResponse:
        actor = require_principal()
        service.require_scheduler(actor)
        now = _dt(request, "now") or self.clock()
        async with transaction(self.settings) as session:
            result = await service.advance_due(
                session,
                now,
                grace_days=self.grace_days,
                batch_size=self.settings.campaigns_advance_batch_size,
            )
        return pb.AdvanceDueResponse(
            campaigns_advanced=result.campaigns, applicants_changed=result.applicants
        )

    async def ListActiveWorkForPet(
        self, request: pb.ListActiveWorkForPetRequest, context: Any
    ) -> pb.ListActiveWorkForPetResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rows = await service.list_active_work_for_pet(
                session, actor=actor, pet_id=request.pet_id
            )
        return pb.ListActiveWorkForPetResponse(
            items=[
                pb.ActiveWork(
                    campaign_id=str(cid), title=title, status=STATUS_TO_PB[ApplicantStatus(status)]
                )
                for cid, title, status in rows
            ]
        )


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: service.Clock | None = None,
    advertisers: service.AdvertiserDirectory | None = None,
    pets: service.PetDirectory | None = None,
    posts: service.PostDirectory | None = None,
) -> None:
    """Add CampaignService to server."""
    settings = settings or get_settings()
    pb_grpc.add_CampaignServiceServicer_to_server(
        CampaignServicer(
            settings,
            clock or service.utc_now,
            advertisers or peers.GrpcAdvertisers(),
            pets or peers.GrpcPets(),
            posts or peers.GrpcPosts(),
        ),
        server,
    )
