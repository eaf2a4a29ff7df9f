"""CampaignService RPCs of applicants: invitations, applications, and what a pet still owes
(asked by the pets service before it deletes the pet)."""

from __future__ import annotations

from typing import Any

from petful.campaigns.grpc_api.base import ServicerBase, applicant_page
from petful.campaigns.grpc_api.messages import STATUS, applicant_to_pb, invitation_to_pb
from petful.campaigns.service import applicants, campaigns
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name


class ApplicantRpcs(ServicerBase):
    async def InvitePetStar(self, request: pb.InvitePetStarRequest, context: Any) -> pb.Invitation:
        actor = require_principal()
        async with transaction(self.settings) as session:
            invitation = await applicants.invite(
                session,
                actor=actor,
                now=self.clock(),
                campaign_id=request.campaign_id,
                pet_id=request.pet_id,
                message=request.message,
                pets=self.pets,
            )
            c = await campaigns.get_campaign(
                session, actor=actor, campaign_id=str(invitation.campaign_id)
            )
            return invitation_to_pb(invitation, c)

    async def ListMyInvitations(
        self, request: pb.ListMyInvitationsRequest, context: Any
    ) -> pb.ListInvitationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rows = await applicants.my_invitations(session, actor=actor)
            return pb.ListInvitationsResponse(items=[invitation_to_pb(i, c) for i, c in rows])

    async def Apply(self, request: pb.ApplyRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await applicants.apply(
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
            view = await applicants.update_application(
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
            view = await applicants.cancel_application(
                session, actor=actor, now=self.clock(), applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def GetApplication(self, request: pb.GetApplicationRequest, context: Any) -> pb.Applicant:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await applicants.get_application(
                session, actor=actor, applicant_id=request.applicant_id
            )
            return applicant_to_pb(view)

    async def ListMyApplications(
        self, request: pb.ListMyApplicationsRequest, context: Any
    ) -> pb.ListApplicantsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await applicants.list_my_applications(
                session,
                actor=actor,
                campaign_id=request.campaign_id,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return applicant_page(page)

    async def ListApplicants(
        self, request: pb.ListApplicantsRequest, context: Any
    ) -> pb.ListApplicantsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await applicants.list_applicants(
                session,
                actor=actor,
                campaign_id=request.campaign_id,
                status=enum_name(pb.ApplicantStatus, request.status, STATUS),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return applicant_page(page)

    async def ListActiveWorkForPet(
        self, request: pb.ListActiveWorkForPetRequest, context: Any
    ) -> pb.ListActiveWorkForPetResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            rows = await applicants.list_active_work_for_pet(
                session, actor=actor, pet_id=request.pet_id
            )
        return pb.ListActiveWorkForPetResponse(
            items=[
                pb.ActiveWork(campaign_id=str(cid), title=title, status=STATUS + status)
                for cid, title, status in rows
            ]
        )
