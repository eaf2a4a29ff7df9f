"""/api/v1/advertiser (the advertiser's own company profile) and
/api/v1/admin/advertisers (their review by administrators)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Query, Response, UploadFile

from petful.edge import clients
from petful.edge.advertisers.dashboard import Dashboard, campaign_figures
from petful.edge.advertisers.schemas import (
    STATUS_VALUES,
    DecisionReason,
    PetStarPosts,
    Profile,
    ProfileIn,
    ProfileStatus,
)
from petful.edge.auth import AdminUser, AdvertiserUser, ApprovedAdvertiser
from petful.edge.common import Page, PageSize
from petful.edge.uploads import read_upload
from petful.pb.advertisers.v1 import advertisers_pb2 as pb
from petful.pb.pets.v1 import pets_pb2
from petful.platform.settings import get_settings

router = APIRouter(prefix="/api/v1/advertiser", tags=["advertiser"])
admin_router = APIRouter(prefix="/api/v1/admin/advertisers", tags=["admin"])


@router.get("/petstars/{pet_id}/instagram-posts", response_model=PetStarPosts)
async def petstar_posts(pet_id: UUID, user: ApprovedAdvertiser) -> PetStarPosts:
    """A listed PetStar's recent Instagram posts (at most 50, newest first) as the last sync
    carried them, to judge an applicant; 404 for a pet the directory does not list."""
    r = await clients.pets().GetPetStarPosts(pets_pb2.GetPetStarPostsRequest(pet_id=str(pet_id)))
    return PetStarPosts.from_pb(r)


@router.get("/profile", response_model=Profile)
async def get_profile(user: AdvertiserUser) -> Profile:
    """The caller's company profile (404 before the first PUT)."""
    r = await clients.advertisers().GetMyProfile(pb.GetMyProfileRequest())
    return Profile.from_pb(r)


@router.put("/profile", response_model=Profile)
async def put_profile(body: ProfileIn, user: AdvertiserUser) -> Profile:
    """Create or replace the company profile. Editable while DRAFT or REJECTED; an APPROVED
    profile stays APPROVED unless the company name or registration number changes, which
    sends it back to PENDING for review. 409 while PENDING or RESTRICTED."""
    r = await clients.advertisers().UpsertMyProfile(body.to_pb())
    return Profile.from_pb(r)


@router.put("/profile/logo", response_model=Profile)
async def put_logo(
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP or GIF, at most 10 MB")],
    user: AdvertiserUser,
) -> Profile:
    """Upload the company logo (public)."""
    data = await read_upload(file, get_settings().media.max_bytes)
    r = await clients.advertisers().SetLogo(
        pb.SetLogoRequest(data=data, filename=file.filename or "")
    )
    return Profile.from_pb(r)


@router.put("/profile/document", response_model=Profile)
async def put_document(
    file: Annotated[UploadFile, File(description="PDF, JPEG or PNG, at most 10 MB")],
    user: AdvertiserUser,
) -> Profile:
    """Upload the business registration certificate (사업자등록증). Private: only you and
    administrators can read it."""
    data = await read_upload(file, get_settings().media.max_bytes)
    r = await clients.advertisers().SetBusinessDocument(
        pb.SetBusinessDocumentRequest(data=data, filename=file.filename or "")
    )
    return Profile.from_pb(r)


def _document_response(doc: pb.BusinessDocument) -> Response:
    return Response(
        content=doc.data,
        media_type=doc.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{doc.filename}"',
            # Private: never kept by shared caches.
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/profile/document", response_class=Response)
async def get_document(user: AdvertiserUser) -> Response:
    r = await clients.advertisers().GetBusinessDocument(
        pb.GetBusinessDocumentRequest(user_id=user.user_id or "")
    )
    return _document_response(r)


@router.post("/profile/submit", response_model=Profile)
async def submit_profile(user: AdvertiserUser) -> Profile:
    """Send the profile for review: DRAFT or REJECTED -> PENDING."""
    r = await clients.advertisers().SubmitMyProfile(pb.SubmitMyProfileRequest())
    return Profile.from_pb(r)


@router.get("/dashboard", response_model=Dashboard)
async def dashboard(user: ApprovedAdvertiser) -> Dashboard:
    """Only for approved advertisers (403 while awaiting approval or restricted): the
    company, its campaigns by phase, applications and posts waiting for a decision and
    the next seven days' deadlines."""
    r = await clients.advertisers().GetMyProfile(pb.GetMyProfileRequest())
    profile = Profile.from_pb(r)
    figures = await campaign_figures(datetime.now(UTC))
    return Dashboard(
        user_id=profile.user_id,
        company_name=profile.company_name,
        status=profile.status,
        **figures.model_dump(),
    )


@admin_router.get("", response_model=Page[Profile])
async def list_profiles(
    admin: AdminUser,
    status_: Annotated[ProfileStatus | None, Query(alias="status")] = None,
    page_size: PageSize = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Page[Profile]:
    r = await clients.advertisers().ListProfiles(
        pb.ListProfilesRequest(
            status=STATUS_VALUES[status_] if status_ else pb.PROFILE_STATUS_UNSPECIFIED,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[Profile](
        items=[Profile.from_pb(p) for p in r.items], next_cursor=r.next_cursor or None
    )


@admin_router.get("/{user_id}/document", response_class=Response)
async def admin_get_document(user_id: UUID, admin: AdminUser) -> Response:
    """The advertiser's business registration document, to check before approving."""
    r = await clients.advertisers().GetBusinessDocument(
        pb.GetBusinessDocumentRequest(user_id=str(user_id))
    )
    return _document_response(r)


@admin_router.post("/{user_id}/approve", response_model=Profile)
async def approve(user_id: UUID, admin: AdminUser) -> Profile:
    """PENDING -> APPROVED."""
    r = await clients.advertisers().Approve(pb.ApproveRequest(user_id=str(user_id)))
    return Profile.from_pb(r)


@admin_router.post("/{user_id}/reject", response_model=Profile)
async def reject(user_id: UUID, body: DecisionReason, admin: AdminUser) -> Profile:
    """PENDING -> REJECTED with a reason the advertiser sees; they may fix and resubmit."""
    r = await clients.advertisers().Reject(
        pb.RejectRequest(user_id=str(user_id), reason=body.reason)
    )
    return Profile.from_pb(r)


@admin_router.post("/{user_id}/restrict", response_model=Profile)
async def restrict(user_id: UUID, body: DecisionReason, admin: AdminUser) -> Profile:
    """APPROVED -> RESTRICTED: the advertiser loses access to approved-only routes."""
    r = await clients.advertisers().Restrict(
        pb.RestrictRequest(user_id=str(user_id), reason=body.reason)
    )
    return Profile.from_pb(r)


@admin_router.post("/{user_id}/reinstate", response_model=Profile)
async def reinstate(user_id: UUID, admin: AdminUser) -> Profile:
    """RESTRICTED -> APPROVED."""
    r = await clients.advertisers().Reinstate(pb.ReinstateRequest(user_id=str(user_id)))
    return Profile.from_pb(r)
