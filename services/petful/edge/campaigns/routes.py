"""Campaigns (체험단): /api/v1/advertiser/campaigns (approved advertisers),
/api/v1/campaigns and /api/v1/campaign-applications (PetStars),
/api/v1/public/campaigns (anyone: the advertisements of approved campaigns) and
/api/v1/admin/campaigns (review and cancellation)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Header, Query, Response, UploadFile

from petful.edge import clients
from petful.edge.auth import AdminUser, ApprovedAdvertiser, CurrentUser, PetOwner
from petful.edge.campaigns.schemas import (
    Applicant,
    ApplicantStatus,
    ApplyIn,
    Campaign,
    CampaignIn,
    ContentIn,
    Invitation,
    InvitationList,
    InviteIn,
    MySort,
    NoteIn,
    Phase,
    PublicCampaign,
    PublicTab,
    Reason,
    Report,
    ShipmentIn,
    Sort,
    Tab,
    applicant_status_value,
    phase_value,
    public_campaign,
)
from petful.edge.common import Page, PageSize
from petful.edge.pets.schemas import PetStarCard, Species, species_value
from petful.edge.uploads import read_upload
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.pets.v1 import pets_pb2
from petful.platform.settings import get_settings

advertiser_router = APIRouter(prefix="/api/v1/advertiser", tags=["campaigns (advertiser)"])
router = APIRouter(prefix="/api/v1", tags=["campaigns"])
admin_router = APIRouter(prefix="/api/v1/admin/campaigns", tags=["admin"])
public_router = APIRouter(prefix="/api/v1/public/campaigns", tags=["campaigns (public)"])

Cursor = Annotated[str | None, Query(max_length=500)]


async def _with_pets(items: list[pb.Applicant]) -> list[Applicant]:
    """Applicants with their PetStar cards (picture, Instagram figures, price), fetched in
    one call to the pets service."""
    ids = sorted({a.pet_id for a in items})
    cards: dict[str, PetStarCard] = {}
    if ids:
        r = await clients.pets().BatchGetPetStarCards(pets_pb2.BatchGetPetsRequest(pet_ids=ids))
        cards = {c.pet.id: PetStarCard.from_pb(c) for c in r.items}
    return [Applicant.from_pb(a, cards.get(a.pet_id)) for a in items]


# --- advertiser ----------------------------------------------------------------------------


@advertiser_router.post("/campaigns", response_model=Campaign, status_code=201)
async def create_campaign(
    body: CampaignIn,
    user: ApprovedAdvertiser,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Campaign:
    """Create a DRAFT campaign. Dates are checked in order; submit it for review next.
    Repeat with the same `Idempotency-Key` header to get the same campaign back."""
    r = await clients.campaigns().CreateCampaign(
        pb.CreateCampaignRequest(fields=body.to_fields(), idempotency_key=idempotency_key or "")
    )
    return Campaign.from_pb(r)


@advertiser_router.get("/campaigns", response_model=Page[Campaign])
async def my_campaigns(
    user: ApprovedAdvertiser,
    phase: Annotated[list[Phase] | None, Query(description="Any of these phases")] = None,
    q: Annotated[
        str, Query(max_length=100, description="Title, product name or keyword (a part)")
    ] = "",
    sort: MySort = "newest",
    archived: Annotated[
        bool, Query(description="The archive instead of the campaigns not archived")
    ] = False,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[Campaign]:
    """The advertiser's campaigns: searched, filtered by phase, sorted (newest, recently
    updated, recruitment deadline or title) and cursor paged. Archived campaigns are listed
    only with `archived=true`, and then only they."""
    r = await clients.campaigns().ListMyCampaigns(
        pb.ListMyCampaignsRequest(
            phases=[phase_value(p) for p in phase or []],
            query=q,
            sort=f"MY_SORT_{sort.upper()}",
            archived=archived,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[Campaign](
        items=[Campaign.from_pb(c) for c in r.items], next_cursor=r.next_cursor or None
    )


@advertiser_router.post("/campaigns/{campaign_id}/archive", response_model=Campaign)
async def archive_campaign(campaign_id: str, user: ApprovedAdvertiser) -> Campaign:
    """Put a completed or cancelled campaign in the archive (409 in other phases)."""
    r = await clients.campaigns().ArchiveCampaign(
        pb.ArchiveCampaignRequest(campaign_id=campaign_id)
    )
    return Campaign.from_pb(r)


@advertiser_router.delete("/campaigns/{campaign_id}/archive", response_model=Campaign)
async def unarchive_campaign(campaign_id: str, user: ApprovedAdvertiser) -> Campaign:
    """Bring an archived campaign back to the list (409 when it is not archived)."""
    r = await clients.campaigns().UnarchiveCampaign(
        pb.ArchiveCampaignRequest(campaign_id=campaign_id)
    )
    return Campaign.from_pb(r)


@advertiser_router.get("/campaigns/{campaign_id}", response_model=Campaign)
async def my_campaign(campaign_id: str, user: ApprovedAdvertiser) -> Campaign:
    r = await clients.campaigns().GetCampaign(pb.GetCampaignRequest(campaign_id=campaign_id))
    return Campaign.from_pb(r)


@advertiser_router.put("/campaigns/{campaign_id}", response_model=Campaign)
async def update_campaign(campaign_id: str, body: CampaignIn, user: ApprovedAdvertiser) -> Campaign:
    """Replace the campaign. DRAFT/REJECTED: anything; RECRUITING: only the description,
    images, requirements, product URL and objective (409 otherwise)."""
    r = await clients.campaigns().UpdateCampaign(
        pb.UpdateCampaignRequest(campaign_id=campaign_id, fields=body.to_fields())
    )
    return Campaign.from_pb(r)


@advertiser_router.post("/campaigns/{campaign_id}/images", response_model=Campaign)
async def add_image(
    campaign_id: str,
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP or GIF, at most 10 MB")],
    user: ApprovedAdvertiser,
) -> Campaign:
    """Add a product image (at most 10) while images may change (DRAFT, REJECTED,
    RECRUITING). Checked by content: 415 wrong type, 413 too large, 422 damaged."""
    data = await read_upload(file, get_settings().media.max_bytes)
    r = await clients.campaigns().AddCampaignImage(
        pb.AddCampaignImageRequest(campaign_id=campaign_id, data=data, filename=file.filename or "")
    )
    return Campaign.from_pb(r)


@advertiser_router.delete("/campaigns/{campaign_id}/images/{media_id}", response_model=Campaign)
async def remove_image(campaign_id: str, media_id: str, user: ApprovedAdvertiser) -> Campaign:
    r = await clients.campaigns().RemoveCampaignImage(
        pb.RemoveCampaignImageRequest(campaign_id=campaign_id, media_id=media_id)
    )
    return Campaign.from_pb(r)


@advertiser_router.post("/campaigns/{campaign_id}/submit", response_model=Campaign)
async def submit_campaign(campaign_id: str, user: ApprovedAdvertiser) -> Campaign:
    """DRAFT or REJECTED -> PENDING_REVIEW; every date must still be in the future."""
    r = await clients.campaigns().SubmitCampaign(pb.SubmitCampaignRequest(campaign_id=campaign_id))
    return Campaign.from_pb(r)


@advertiser_router.post("/campaigns/{campaign_id}/cancel", response_model=Campaign)
async def cancel_own_campaign(campaign_id: str, body: Reason, user: ApprovedAdvertiser) -> Campaign:
    """Cancel before the announcement, with a reason applicants will see."""
    r = await clients.campaigns().CancelCampaign(
        pb.CancelCampaignRequest(campaign_id=campaign_id, reason=body.reason)
    )
    return Campaign.from_pb(r)


@advertiser_router.get("/campaigns/{campaign_id}/applicants", response_model=Page[Applicant])
async def applicants(
    campaign_id: str,
    user: ApprovedAdvertiser,
    status_: Annotated[ApplicantStatus | None, Query(alias="status")] = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[Applicant]:
    """Applicants of your campaign with each pet's card and Instagram figures."""
    r = await clients.campaigns().ListApplicants(
        pb.ListApplicantsRequest(
            campaign_id=campaign_id,
            status=applicant_status_value(status_) if status_ else None,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[Applicant](items=await _with_pets(list(r.items)), next_cursor=r.next_cursor or None)


@advertiser_router.post("/campaigns/{campaign_id}/confirm-selection", response_model=Campaign)
async def confirm_selection(campaign_id: str, user: ApprovedAdvertiser) -> Campaign:
    """Announce the selection now instead of at the announcement date."""
    r = await clients.campaigns().ConfirmSelection(
        pb.ConfirmSelectionRequest(campaign_id=campaign_id)
    )
    return Campaign.from_pb(r)


@advertiser_router.post("/applicants/{applicant_id}/select", response_model=Applicant)
async def select(applicant_id: str, user: ApprovedAdvertiser) -> Applicant:
    """Select while the campaign is SELECTING; never beyond the headcount (409)."""
    r = await clients.campaigns().SelectApplicant(
        pb.SelectApplicantRequest(applicant_id=applicant_id)
    )
    return Applicant.from_pb(r)


@advertiser_router.post("/applicants/{applicant_id}/unselect", response_model=Applicant)
async def unselect(applicant_id: str, user: ApprovedAdvertiser) -> Applicant:
    r = await clients.campaigns().UnselectApplicant(
        pb.UnselectApplicantRequest(applicant_id=applicant_id)
    )
    return Applicant.from_pb(r)


@advertiser_router.post("/applicants/{applicant_id}/shipment", response_model=Applicant)
async def ship(applicant_id: str, body: ShipmentIn, user: ApprovedAdvertiser) -> Applicant:
    """Delivery campaigns: record the carrier and tracking number."""
    r = await clients.campaigns().ShipApplicant(
        pb.ShipApplicantRequest(
            applicant_id=applicant_id, carrier=body.carrier, tracking_number=body.tracking_number
        )
    )
    return Applicant.from_pb(r)


@advertiser_router.post("/applicants/{applicant_id}/approve-content", response_model=Applicant)
async def approve_content(applicant_id: str, user: ApprovedAdvertiser) -> Applicant:
    r = await clients.campaigns().ReviewContent(
        pb.ReviewContentRequest(applicant_id=applicant_id, approve=True)
    )
    return Applicant.from_pb(r)


@advertiser_router.post("/applicants/{applicant_id}/request-revision", response_model=Applicant)
async def request_revision(applicant_id: str, body: Reason, user: ApprovedAdvertiser) -> Applicant:
    r = await clients.campaigns().ReviewContent(
        pb.ReviewContentRequest(applicant_id=applicant_id, approve=False, reason=body.reason)
    )
    return Applicant.from_pb(r)


@advertiser_router.post(
    "/campaigns/{campaign_id}/invitations", response_model=Invitation, status_code=201
)
async def invite(campaign_id: str, body: InviteIn, user: ApprovedAdvertiser) -> Invitation:
    """Invite an approved PetStar (say, a recommended one) to apply while recruiting; the
    owner is notified. Inviting the same pet again returns the first invitation."""
    r = await clients.campaigns().InvitePetStar(
        pb.InvitePetStarRequest(campaign_id=campaign_id, pet_id=body.pet_id, message=body.message)
    )
    return Invitation.from_pb(r)


@advertiser_router.get("/campaigns/{campaign_id}/report", response_model=Report)
async def report(campaign_id: str, user: ApprovedAdvertiser) -> Report:
    """The result report: each selected applicant's post and figures, totals and cost per
    engagement when the posts' figures are known."""
    r = await clients.campaigns().GetReport(pb.GetReportRequest(campaign_id=campaign_id))
    return Report.from_pb(r)


@advertiser_router.get("/campaigns/{campaign_id}/report.csv", response_class=Response)
async def report_csv(campaign_id: str, user: ApprovedAdvertiser) -> Response:
    r = await clients.campaigns().GetReport(pb.GetReportRequest(campaign_id=campaign_id))
    # With a BOM, Excel (the tool advertisers open it in) reads the UTF-8 Korean correctly.
    return Response(
        content=("\ufeff" + r.csv).encode(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="campaign-{campaign_id}.csv"'},
    )


# --- PetStars ------------------------------------------------------------------------------


def _list_request(
    tab: str, q: str | None, sort: str, species: Species | None, page_size: int, cursor: str | None
) -> pb.ListCampaignsRequest:
    return pb.ListCampaignsRequest(
        tab=f"TAB_{tab.upper()}",
        query=q or "",
        sort=f"SORT_{sort.upper()}",
        species=species_value(species) if species else None,
        page_size=page_size,
        cursor=cursor or "",
    )


@router.get("/campaigns", response_model=Page[Campaign])
async def browse(
    user: CurrentUser,
    tab: Tab = "recruiting",
    q: Annotated[str | None, Query(max_length=100)] = None,
    sort: Sort = "newest",
    species: Species | None = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[Campaign]:
    """Recruiting, applied (by your pets) or ended campaigns; search title, brand, product
    and keywords."""
    r = await clients.campaigns().ListCampaigns(
        _list_request(tab, q, sort, species, page_size, cursor)
    )
    return Page[Campaign](
        items=[Campaign.from_pb(c) for c in r.items], next_cursor=r.next_cursor or None
    )


@router.get("/campaigns/{campaign_id}", response_model=Campaign)
async def campaign(campaign_id: str, user: CurrentUser) -> Campaign:
    r = await clients.campaigns().GetCampaign(pb.GetCampaignRequest(campaign_id=campaign_id))
    return Campaign.from_pb(r)


# --- anyone ---------------------------------------------------------------------------------


@public_router.get("", response_model=Page[PublicCampaign])
async def browse_public(
    tab: PublicTab = "recruiting",
    q: Annotated[str | None, Query(max_length=100)] = None,
    sort: Sort = "newest",
    species: Species | None = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[PublicCampaign]:
    """Recruiting or ended campaigns for visitors who have not signed in (no token needed):
    what the advertisement says, nothing of its bookkeeping."""
    r = await clients.campaigns().ListCampaigns(
        _list_request(tab, q, sort, species, page_size, cursor)
    )
    return Page[PublicCampaign](
        items=[public_campaign(c) for c in r.items], next_cursor=r.next_cursor or None
    )


@public_router.get("/{campaign_id}", response_model=PublicCampaign)
async def read_public_campaign(campaign_id: str) -> PublicCampaign:
    """An approved campaign's advertisement; drafts and campaigns in review are 404."""
    r = await clients.campaigns().GetCampaign(pb.GetCampaignRequest(campaign_id=campaign_id))
    return public_campaign(r)


@router.post("/campaigns/{campaign_id}/applications", response_model=Applicant, status_code=201)
async def apply(campaign_id: str, body: ApplyIn, user: PetOwner) -> Applicant:
    """Apply with one of your approved PetStars while the campaign is recruiting."""
    r = await clients.campaigns().Apply(
        pb.ApplyRequest(campaign_id=campaign_id, pet_id=body.pet_id, note=body.note)
    )
    return Applicant.from_pb(r)


@router.get("/me/campaign-applications", response_model=Page[Applicant])
async def my_applications(
    user: PetOwner,
    campaign_id: Annotated[str | None, Query(max_length=64)] = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[Applicant]:
    r = await clients.campaigns().ListMyApplications(
        pb.ListMyApplicationsRequest(
            campaign_id=campaign_id or "", page_size=page_size, cursor=cursor or ""
        )
    )
    return Page[Applicant](
        items=[Applicant.from_pb(a) for a in r.items], next_cursor=r.next_cursor or None
    )


@router.get("/me/campaign-invitations", response_model=InvitationList)
async def my_invitations(user: PetOwner) -> InvitationList:
    """Invitations to your pets for campaigns still recruiting."""
    r = await clients.campaigns().ListMyInvitations(pb.ListMyInvitationsRequest())
    return InvitationList(items=[Invitation.from_pb(i) for i in r.items])


@router.get("/campaign-applications/{applicant_id}", response_model=Applicant)
async def application(applicant_id: str, user: CurrentUser) -> Applicant:
    r = await clients.campaigns().GetApplication(
        pb.GetApplicationRequest(applicant_id=applicant_id)
    )
    return Applicant.from_pb(r)


@router.patch("/campaign-applications/{applicant_id}", response_model=Applicant)
async def edit_note(applicant_id: str, body: NoteIn, user: PetOwner) -> Applicant:
    r = await clients.campaigns().UpdateApplication(
        pb.UpdateApplicationRequest(applicant_id=applicant_id, note=body.note)
    )
    return Applicant.from_pb(r)


@router.post("/campaign-applications/{applicant_id}/cancel", response_model=Applicant)
async def cancel_application(applicant_id: str, user: PetOwner) -> Applicant:
    r = await clients.campaigns().CancelApplication(
        pb.CancelApplicationRequest(applicant_id=applicant_id)
    )
    return Applicant.from_pb(r)


@router.post("/campaign-applications/{applicant_id}/content", response_model=Applicant)
async def submit_content(applicant_id: str, body: ContentIn, user: PetOwner) -> Applicant:
    """Submit (or resubmit after a revision request) the Instagram post."""
    r = await clients.campaigns().SubmitContent(
        pb.SubmitContentRequest(applicant_id=applicant_id, post_url=body.post_url)
    )
    return Applicant.from_pb(r)


# --- admin ---------------------------------------------------------------------------------


@admin_router.get("/review-queue", response_model=Page[Campaign])
async def review_queue(
    admin: AdminUser, page_size: PageSize = 20, cursor: Cursor = None
) -> Page[Campaign]:
    r = await clients.campaigns().ListReviewQueue(
        pb.ListReviewQueueRequest(page_size=page_size, cursor=cursor or "")
    )
    return Page[Campaign](
        items=[Campaign.from_pb(c) for c in r.items], next_cursor=r.next_cursor or None
    )


@admin_router.post("/{campaign_id}/approve", response_model=Campaign)
async def approve(campaign_id: str, admin: AdminUser) -> Campaign:
    """PENDING_REVIEW -> RECRUITING."""
    r = await clients.campaigns().ApproveCampaign(
        pb.ApproveCampaignRequest(campaign_id=campaign_id)
    )
    return Campaign.from_pb(r)


@admin_router.post("/{campaign_id}/reject", response_model=Campaign)
async def reject(campaign_id: str, body: Reason, admin: AdminUser) -> Campaign:
    r = await clients.campaigns().RejectCampaign(
        pb.RejectCampaignRequest(campaign_id=campaign_id, reason=body.reason)
    )
    return Campaign.from_pb(r)


@admin_router.post("/{campaign_id}/cancel", response_model=Campaign)
async def cancel(campaign_id: str, body: Reason, admin: AdminUser) -> Campaign:
    """Cancel at any time before completion, with a reason."""
    r = await clients.campaigns().CancelCampaign(
        pb.CancelCampaignRequest(campaign_id=campaign_id, reason=body.reason)
    )
    return Campaign.from_pb(r)
