"""/api/v1/pets (an owner's pets, portfolio, history and PetStar application),
/api/v1/petstars and /api/v1/breeds (public), and /api/v1/admin/petstar-applications."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, File, Header, Query, Response, UploadFile, status

from petful.edge import clients
from petful.edge.auth import AdminUser, CurrentUser, PetOwner
from petful.edge.common import Followers, Krw, Page, PageSize
from petful.edge.pets.schemas import (
    Application,
    ApplicationList,
    ApplicationState,
    Breeds,
    DirectorySort,
    EligibilityPreview,
    HistoryEntry,
    HistoryIn,
    ImageOrderIn,
    InstagramLinkIn,
    Owner,
    Pet,
    PetIn,
    PetList,
    PetPatch,
    PetStarCard,
    Portfolio,
    PortfolioIn,
    Reason,
    Species,
    sort_value,
    species_value,
    state_value,
)
from petful.edge.uploads import read_upload
from petful.pb.identity.v1 import admin_pb2
from petful.pb.pets.v1 import pets_pb2 as pb
from petful.platform.grpc_client import call_or_none
from petful.platform.settings import get_settings

router = APIRouter(prefix="/api/v1/pets", tags=["pets"])
petstars_router = APIRouter(prefix="/api/v1/petstars", tags=["petstars"])
breeds_router = APIRouter(prefix="/api/v1/breeds", tags=["pets"])
applications_router = APIRouter(prefix="/api/v1", tags=["petstars"])
admin_router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

PetId = Annotated[str, "pet id"]
UploadField = Annotated[UploadFile, File(description="JPEG, PNG, WebP or GIF, at most 10 MB")]


async def _file_bytes(file: UploadFile) -> bytes:
    return await read_upload(file, get_settings().media.max_bytes)


# --- pets ----------------------------------------------------------------------------------


@router.post("", response_model=Pet, status_code=status.HTTP_201_CREATED)
async def create_pet(body: PetIn, user: PetOwner) -> Pet:
    """Add a pet. Names are unique per owner (409)."""
    r = await clients.pets().CreatePet(pb.CreatePetRequest(pet=body.to_fields()))
    return Pet.from_pb(r)


@router.get("", response_model=PetList)
async def list_my_pets(user: CurrentUser) -> PetList:
    r = await clients.pets().ListMyPets(pb.ListMyPetsRequest())
    return PetList(items=[Pet.from_pb(p) for p in r.pets])


@router.get("/{pet_id}", response_model=Pet)
async def get_pet(pet_id: PetId, user: CurrentUser) -> Pet:
    """Your own pet, or any approved PetStar; other pets are 404."""
    r = await clients.pets().GetPet(pb.GetPetRequest(pet_id=pet_id))
    return Pet.from_pb(r)


@router.patch("/{pet_id}", response_model=Pet)
async def update_pet(pet_id: PetId, body: PetPatch, user: CurrentUser) -> Pet:
    r = await clients.pets().UpdatePet(body.to_request(pet_id))
    return Pet.from_pb(r)


@router.delete("/{pet_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_pet(pet_id: PetId, user: CurrentUser) -> Response:
    """Delete a pet with its portfolio, history and images. 409 naming the campaigns while
    the pet has unfinished campaign work."""
    await clients.pets().DeletePet(pb.DeletePetRequest(pet_id=pet_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/{pet_id}/image", response_model=Pet)
async def set_pet_image(pet_id: PetId, file: UploadField, user: CurrentUser) -> Pet:
    """Upload the profile image: checked by content (415 wrong type, 413 too large, 422
    damaged or too many pixels), metadata stripped, re-encoded; thumbnails follow."""
    data = await _file_bytes(file)
    r = await clients.pets().SetPetImage(
        pb.SetPetImageRequest(pet_id=pet_id, data=data, filename=file.filename or "")
    )
    return Pet.from_pb(r)


@router.delete("/{pet_id}/image", response_model=Pet)
async def remove_pet_image(pet_id: PetId, user: CurrentUser) -> Pet:
    r = await clients.pets().RemovePetImage(pb.RemovePetImageRequest(pet_id=pet_id))
    return Pet.from_pb(r)


@router.put("/{pet_id}/instagram", response_model=Pet)
async def link_instagram(pet_id: PetId, body: InstagramLinkIn, user: CurrentUser) -> Pet:
    """Link one of your connected Instagram accounts (see /api/v1/sns/accounts)."""
    r = await clients.pets().LinkInstagram(
        pb.LinkInstagramRequest(pet_id=pet_id, account_id=body.account_id)
    )
    return Pet.from_pb(r)


@router.delete("/{pet_id}/instagram", response_model=Pet)
async def unlink_instagram(pet_id: PetId, user: CurrentUser) -> Pet:
    r = await clients.pets().UnlinkInstagram(pb.UnlinkInstagramRequest(pet_id=pet_id))
    return Pet.from_pb(r)


# --- portfolio and history -----------------------------------------------------------------


@router.get("/{pet_id}/portfolio", response_model=Portfolio)
async def get_portfolio(pet_id: PetId, user: CurrentUser) -> Portfolio:
    """Your pet's portfolio (draft or published), or an approved PetStar's published one."""
    r = await clients.pets().GetPortfolio(pb.GetPortfolioRequest(pet_id=pet_id))
    return Portfolio.from_pb(r)


@router.put("/{pet_id}/portfolio", response_model=Portfolio)
async def put_portfolio(pet_id: PetId, body: PortfolioIn, user: CurrentUser) -> Portfolio:
    """Create or replace the portfolio; `published: false` keeps it a draft."""
    r = await clients.pets().UpsertPortfolio(body.to_request(pet_id))
    return Portfolio.from_pb(r)


@router.post("/{pet_id}/history", response_model=HistoryEntry, status_code=status.HTTP_201_CREATED)
async def add_history(pet_id: PetId, body: HistoryIn, user: CurrentUser) -> HistoryEntry:
    r = await clients.pets().AddHistory(pb.AddHistoryRequest(pet_id=pet_id, entry=body.to_fields()))
    return HistoryEntry.from_pb(r)


@router.put("/{pet_id}/history/{history_id}", response_model=HistoryEntry)
async def update_history(
    pet_id: PetId, history_id: str, body: HistoryIn, user: CurrentUser
) -> HistoryEntry:
    r = await clients.pets().UpdateHistory(
        pb.UpdateHistoryRequest(pet_id=pet_id, history_id=history_id, entry=body.to_fields())
    )
    return HistoryEntry.from_pb(r)


@router.delete("/{pet_id}/history/{history_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_history(pet_id: PetId, history_id: str, user: CurrentUser) -> Response:
    await clients.pets().DeleteHistory(
        pb.DeleteHistoryRequest(pet_id=pet_id, history_id=history_id)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{pet_id}/history/{history_id}/images",
    response_model=HistoryEntry,
    status_code=status.HTTP_201_CREATED,
)
async def add_history_image(
    pet_id: PetId, history_id: str, file: UploadField, user: CurrentUser
) -> HistoryEntry:
    """Add an image to a history entry (at most 10 per entry)."""
    data = await _file_bytes(file)
    r = await clients.pets().AddHistoryImage(
        pb.AddHistoryImageRequest(
            pet_id=pet_id, history_id=history_id, data=data, filename=file.filename or ""
        )
    )
    return HistoryEntry.from_pb(r)


@router.delete("/{pet_id}/history/{history_id}/images/{media_id}", response_model=HistoryEntry)
async def remove_history_image(
    pet_id: PetId, history_id: str, media_id: str, user: CurrentUser
) -> HistoryEntry:
    r = await clients.pets().RemoveHistoryImage(
        pb.RemoveHistoryImageRequest(pet_id=pet_id, history_id=history_id, media_id=media_id)
    )
    return HistoryEntry.from_pb(r)


@router.put("/{pet_id}/history/{history_id}/images/order", response_model=HistoryEntry)
async def reorder_history_images(
    pet_id: PetId, history_id: str, body: ImageOrderIn, user: CurrentUser
) -> HistoryEntry:
    """Put the entry's images in a new order (the first is its cover): `media_ids` names
    each of the entry's images exactly once."""
    r = await clients.pets().ReorderHistoryImages(
        pb.ReorderHistoryImagesRequest(
            pet_id=pet_id, history_id=history_id, media_ids=body.media_ids
        )
    )
    return HistoryEntry.from_pb(r)


# --- the PetStar application ---------------------------------------------------------------


@router.get("/{pet_id}/petstar-eligibility", response_model=EligibilityPreview)
async def petstar_eligibility(pet_id: PetId, user: CurrentUser) -> EligibilityPreview:
    """The PetStar criteria against the linked Instagram account's current figures, before
    applying. Failing them does not stop an application: admins review it with the numbers."""
    r = await clients.pets().CheckEligibility(pb.CheckEligibilityRequest(pet_id=pet_id))
    return EligibilityPreview.from_pb(r)


@router.post(
    "/{pet_id}/petstar-application",
    response_model=Application,
    status_code=status.HTTP_201_CREATED,
)
async def apply_petstar(
    pet_id: PetId,
    user: CurrentUser,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Application:
    """Apply for PetStar status. Needs a published portfolio and a linked Instagram account.
    The SNS figures are fetched next; an application that misses the criteria goes to the
    admins flagged, with the numbers. Repeat with the same `Idempotency-Key` header to get
    the same application back."""
    r = await clients.pets().ApplyPetStar(
        pb.ApplyPetStarRequest(pet_id=pet_id, idempotency_key=idempotency_key or "")
    )
    return Application.from_pb(r)


@applications_router.get("/me/petstar-applications", response_model=ApplicationList)
async def my_applications(user: CurrentUser) -> ApplicationList:
    r = await clients.pets().ListMyApplications(pb.ListMyApplicationsRequest())
    return ApplicationList(items=[Application.from_pb(a) for a in r.applications])


@applications_router.get("/petstar-applications/{application_id}", response_model=Application)
async def get_application(application_id: str, user: CurrentUser) -> Application:
    r = await clients.pets().GetApplication(pb.GetApplicationRequest(application_id=application_id))
    return Application.from_pb(r)


@applications_router.post(
    "/petstar-applications/{application_id}/withdraw", response_model=Application
)
async def withdraw_application(application_id: str, user: CurrentUser) -> Application:
    """Withdraw while not yet decided."""
    r = await clients.pets().WithdrawApplication(
        pb.WithdrawApplicationRequest(application_id=application_id)
    )
    return Application.from_pb(r)


# --- public: directory and breeds ----------------------------------------------------------


@petstars_router.get("", response_model=Page[PetStarCard])
async def list_petstars(
    species: Annotated[list[Species] | None, Query(max_length=7)] = None,
    min_followers: Followers | None = None,
    max_followers: Followers | None = None,
    min_price_krw: Krw | None = None,
    max_price_krw: Krw | None = None,
    q: Annotated[str | None, Query(max_length=50, description="keyword")] = None,
    sort: DirectorySort = "newest",
    page_size: PageSize = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[PetStarCard]:
    """Approved PetStars with a published portfolio."""
    request = pb.ListPetStarsRequest(
        species=[species_value(s) for s in species or []],
        keyword=q or "",
        sort=sort_value(sort),
        page_size=page_size,
        cursor=cursor or "",
    )
    for name, value in (
        ("min_followers", min_followers),
        ("max_followers", max_followers),
        ("min_price_krw", min_price_krw),
        ("max_price_krw", max_price_krw),
    ):
        if value is not None:
            setattr(request, name, value)
    r = await clients.pets().ListPetStars(request)
    return Page[PetStarCard](
        items=[PetStarCard.from_pb(c) for c in r.items], next_cursor=r.next_cursor or None
    )


@petstars_router.get("/{pet_id}", response_model=Pet)
async def get_petstar(pet_id: PetId) -> Pet:
    """An approved PetStar's card (public: read as an anonymous caller)."""
    r = await clients.pets().GetPet(pb.GetPetRequest(pet_id=pet_id))
    return Pet.from_pb(r)


@petstars_router.get("/{pet_id}/portfolio", response_model=Portfolio)
async def get_petstar_portfolio(pet_id: PetId) -> Portfolio:
    """An approved PetStar's published portfolio (public)."""
    r = await clients.pets().GetPortfolio(pb.GetPortfolioRequest(pet_id=pet_id))
    return Portfolio.from_pb(r)


@breeds_router.get("", response_model=Breeds)
async def list_breeds(
    species: Species | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> Breeds:
    """Breed suggestions for a species; breed stays free text."""
    r = await clients.pets().ListBreeds(
        pb.ListBreedsRequest(species=species_value(species) if species else None, query=q or "")
    )
    return Breeds(items=list(r.breeds))


# --- admin ---------------------------------------------------------------------------------


@admin_router.get("/petstar-applications", response_model=ApplicationList)
async def admin_list_applications(
    admin: AdminUser,
    state: ApplicationState | None = None,
    page_size: PageSize = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> ApplicationList:
    """The review queue, oldest first, with the pet, its SNS figures and the owner."""
    r = await clients.pets().ListApplications(
        pb.ListApplicationsRequest(
            state=state_value(state) if state else None, page_size=page_size, cursor=cursor or ""
        )
    )
    owners = await _owners({a.owner_user_id for a in r.applications})
    items = [Application.from_pb(a) for a in r.applications]
    for item in items:
        item.owner = owners.get(item.owner_user_id)
    return ApplicationList(items=items, next_cursor=r.next_cursor or None)


async def _owners(ids: set[str]) -> dict[str, Owner]:
    """Owner contact details from identity, fetched concurrently (a page holds <= 100).

    An account that is gone has no owner entry: its application stays reviewable.
    """

    async def one(user_id: str) -> Owner | None:
        u = await call_or_none(
            clients.identity_admin().GetUser(admin_pb2.GetUserRequest(user_id=user_id))
        )
        if u is None:
            return None
        return Owner(id=u.id, email=u.email, name=u.name, nickname=u.nickname, phone=u.phone)

    found = await asyncio.gather(*(one(i) for i in sorted(ids)))
    return {o.id: o for o in found if o is not None}


@admin_router.post("/petstar-applications/{application_id}/approve", response_model=Application)
async def approve_application(application_id: str, admin: AdminUser) -> Application:
    r = await clients.pets().DecideApplication(
        pb.DecideApplicationRequest(application_id=application_id, decision=pb.DECISION_APPROVE)
    )
    return Application.from_pb(r)


@admin_router.post("/petstar-applications/{application_id}/reject", response_model=Application)
async def reject_application(application_id: str, body: Reason, admin: AdminUser) -> Application:
    r = await clients.pets().DecideApplication(
        pb.DecideApplicationRequest(
            application_id=application_id, decision=pb.DECISION_REJECT, reason=body.reason
        )
    )
    return Application.from_pb(r)


@admin_router.post("/pets/{pet_id}/revoke-petstar", response_model=Application)
async def revoke_petstar(pet_id: PetId, body: Reason, admin: AdminUser) -> Application:
    r = await clients.pets().RevokePetStar(
        pb.RevokePetStarRequest(pet_id=pet_id, reason=body.reason)
    )
    return Application.from_pb(r)
