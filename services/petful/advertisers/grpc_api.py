"""The AdvertiserService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc
from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers.models import Profile
from petful.advertisers.rules import Action
from petful.advertisers.service import admin, files, profiles
from petful.pb.advertisers.v1 import advertisers_pb2 as pb
from petful.pb.advertisers.v1 import advertisers_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings

# The generated enum names values PROFILE_STATUS_<name>; the service uses the bare names.
# Messages take the full name, requests are read with `enum_name`.
STATUS = "PROFILE_STATUS_"


def profile_to_pb(p: Profile, logo_url: str = "") -> pb.Profile:
    return pb.Profile(
        user_id=str(p.user_id),
        company_name=p.company_name,
        business_registration_number=p.business_registration_number,
        representative_name=p.representative_name,
        phone=p.phone,
        website=p.website,
        contact_email=p.contact_email,
        description=p.description,
        logo_media_id=p.logo_media_id,
        business_document_media_id=p.business_document_media_id,
        logo_url=logo_url,
        status=STATUS + p.status,
        status_reason=p.status_reason or "",
        created_at=to_timestamp(p.created_at),
        updated_at=to_timestamp(p.updated_at),
        submitted_at=opt_timestamp(p.submitted_at),
        decided_at=opt_timestamp(p.decided_at),
    )


async def _render(session: AsyncSession, profile: Profile) -> pb.Profile:
    logos = await files.logo_urls(session, [profile])
    return profile_to_pb(profile, logos.get(str(profile.user_id), ""))


class AdvertiserServicer(pb_grpc.AdvertiserServiceServicer):
    def __init__(self, settings: Settings, clock: profiles.Clock) -> None:
        self.settings = settings
        self.clock = clock

    async def GetMyProfile(self, request: pb.GetMyProfileRequest, context: Any) -> pb.Profile:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return await _render(session, await profiles.get_my_profile(session, actor=actor))

    async def UpsertMyProfile(self, request: pb.UpsertMyProfileRequest, context: Any) -> pb.Profile:
        actor = require_principal()
        data = profiles.ProfileInput(
            company_name=request.company_name,
            business_registration_number=request.business_registration_number,
            representative_name=request.representative_name,
            phone=request.phone,
            contact_email=request.contact_email,
            website=request.website,
            description=request.description,
        )
        async with transaction(self.settings) as session:
            profile = await profiles.upsert_my_profile(
                session, actor=actor, now=self.clock(), data=data
            )
            return await _render(session, profile)

    async def SubmitMyProfile(self, request: pb.SubmitMyProfileRequest, context: Any) -> pb.Profile:
        actor = require_principal()
        async with transaction(self.settings) as session:
            profile = await profiles.submit_my_profile(session, actor=actor, now=self.clock())
            return await _render(session, profile)

    async def SetLogo(self, request: pb.SetLogoRequest, context: Any) -> pb.Profile:
        actor = require_principal()
        async with transaction(self.settings) as session:
            profile = await files.set_logo(
                session,
                actor=actor,
                now=self.clock(),
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return await _render(session, profile)

    async def SetBusinessDocument(
        self, request: pb.SetBusinessDocumentRequest, context: Any
    ) -> pb.Profile:
        actor = require_principal()
        async with transaction(self.settings) as session:
            profile = await files.set_business_document(
                session,
                actor=actor,
                now=self.clock(),
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return await _render(session, profile)

    async def GetBusinessDocument(
        self, request: pb.GetBusinessDocumentRequest, context: Any
    ) -> pb.BusinessDocument:
        actor = require_principal()
        async with transaction(self.settings) as session:
            doc = await files.get_business_document(
                session, actor=actor, user_id=request.user_id, settings=self.settings
            )
            return pb.BusinessDocument(
                content_type=doc.content_type, data=doc.data, filename=doc.filename
            )

    async def GetApproval(self, request: pb.GetApprovalRequest, context: Any) -> pb.Approval:
        actor = require_principal()
        async with transaction(self.settings) as session:
            profile = await profiles.get_approval(session, actor=actor, user_id=request.user_id)
            if profile is None:
                return pb.Approval(user_id=request.user_id, has_profile=False)
            return pb.Approval(
                user_id=str(profile.user_id),
                has_profile=True,
                status=STATUS + profile.status,
                company_name=profile.company_name,
                status_reason=profile.status_reason or "",
            )

    async def ListProfiles(
        self, request: pb.ListProfilesRequest, context: Any
    ) -> pb.ListProfilesResponse:
        actor = require_principal()
        status = enum_name(pb.ProfileStatus, request.status, STATUS)
        async with transaction(self.settings) as session:
            page = await admin.admin_list_profiles(
                session,
                actor=actor,
                status=status,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            logos = await files.logo_urls(session, page.items)
            return pb.ListProfilesResponse(
                items=[profile_to_pb(p, logos.get(str(p.user_id), "")) for p in page.items],
                next_cursor=page.next_cursor,
            )

    async def _decide(self, user_id: str, action: Action, reason: str = "") -> pb.Profile:
        actor = require_principal()
        async with transaction(self.settings) as session:
            profile = await admin.admin_decide(
                session,
                actor=actor,
                now=self.clock(),
                user_id=user_id,
                action=action,
                reason=reason,
            )
            return await _render(session, profile)

    async def Approve(self, request: pb.ApproveRequest, context: Any) -> pb.Profile:
        return await self._decide(request.user_id, Action.APPROVE)

    async def Reject(self, request: pb.RejectRequest, context: Any) -> pb.Profile:
        return await self._decide(request.user_id, Action.REJECT, request.reason)

    async def Restrict(self, request: pb.RestrictRequest, context: Any) -> pb.Profile:
        return await self._decide(request.user_id, Action.RESTRICT, request.reason)

    async def Reinstate(self, request: pb.ReinstateRequest, context: Any) -> pb.Profile:
        return await self._decide(request.user_id, Action.REINSTATE)


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: profiles.Clock | None = None,
) -> None:
    """Add AdvertiserService to server."""
    settings = settings or get_settings()
    pb_grpc.add_AdvertiserServiceServicer_to_server(
        AdvertiserServicer(settings, clock or profiles.utc_now), server
    )
