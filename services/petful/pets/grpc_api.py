"""The PetService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from petful.pb.pets.v1 import pets_pb2 as pb
from petful.pb.pets.v1 import pets_pb2_grpc as pb_grpc
from petful.pets import peers, service
from petful.pets.models import Application, Pet, Portfolio
from petful.pets.repository import ImageRow
from petful.pets.rules import (
    AppState,
    ContactPreference,
    DirectorySort,
    PetStarStatus,
    Sex,
    Species,
)
from petful.platform.auth_context import current_principal, require_principal
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument
from petful.platform.settings import Settings, get_settings

# Enum names, which the generated messages accept, by domain value, and back from numbers.
SPECIES_TO_PB = {s: f"SPECIES_{s.value}" for s in Species}
SPECIES_FROM_PB = {pb.Species.Value(v): k.value for k, v in SPECIES_TO_PB.items()}
SEX_TO_PB = {s: f"SEX_{s.value}" for s in Sex}
SEX_FROM_PB = {pb.Sex.Value(v): k.value for k, v in SEX_TO_PB.items()}
PETSTAR_TO_PB = {s: f"PET_STAR_STATUS_{s.value}" for s in PetStarStatus}
STATE_TO_PB = {s: f"APPLICATION_STATE_{s.value}" for s in AppState}
STATE_FROM_PB = {pb.ApplicationState.Value(v): k.value for k, v in STATE_TO_PB.items()}
CONTACT_TO_PB = {c: f"CONTACT_PREFERENCE_{c.value}" for c in ContactPreference}
CONTACT_FROM_PB = {pb.ContactPreference.Value(v): k.value for k, v in CONTACT_TO_PB.items()}
SORT_FROM_PB = {pb.PetStarSort.Value(f"PET_STAR_SORT_{s.value}"): s.value for s in DirectorySort}


def _enum_in(table: dict[int, str], value: int) -> str:
    """Unspecified is empty (the service applies its default or says it is required); an
    unknown number becomes '?' so validation names the field."""
    if value == 0:
        return ""
    return table.get(value, "?")


def _ts(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def image_to_pb(row: ImageRow | None) -> pb.Image | None:
    if row is None:
        return None
    return pb.Image(
        media_id=str(row.media_id),
        url=f"/media/{row.key}",
        thumbnails={size: f"/media/{key}" for size, key in row.thumbnails.items()},
        width=row.width,
        height=row.height,
    )


def pet_to_pb(view: service.PetView) -> pb.Pet:
    p: Pet = view.pet
    message = pb.Pet(
        id=str(p.id),
        owner_user_id=str(p.owner_id),
        name=p.name,
        species=SPECIES_TO_PB[Species(p.species)],
        breed=p.breed,
        sex=SEX_TO_PB[Sex(p.sex)],
        neutered=p.neutered,
        birth_date=p.birth_date.isoformat() if p.birth_date else "",
        personality_tags=list(p.personality_tags),
        intro=p.intro,
        instagram_account_id=str(p.instagram_account_id) if p.instagram_account_id else "",
        instagram_username=p.instagram_username,
        petstar_status=PETSTAR_TO_PB[p.petstar_enum],
        followers_count=p.followers_count,
        engagement_rate=p.engagement_rate,
        created_at=_ts(p.created_at),
        updated_at=_ts(p.updated_at),
    )
    if p.approx_age_months is not None:
        message.approx_age_months = p.approx_age_months
    if p.weight_kg is not None:
        message.weight_kg = float(p.weight_kg)
    image = image_to_pb(view.image)
    if image is not None:
        message.image.CopyFrom(image)
    return message


def history_to_pb(view: service.HistoryView) -> pb.HistoryEntry:
    e = view.entry
    return pb.HistoryEntry(
        id=str(e.id),
        pet_id=str(e.pet_id),
        title=e.title,
        start_date=e.start_date.isoformat(),
        end_date=e.end_date.isoformat(),
        description=e.description,
        images=[i for i in (image_to_pb(row) for row in view.images) if i is not None],
        created_at=_ts(e.created_at),
        updated_at=_ts(e.updated_at),
    )


def portfolio_to_pb(view: service.PortfolioView) -> pb.Portfolio:
    f: Portfolio = view.portfolio
    message = pb.Portfolio(
        pet_id=str(f.pet_id),
        intro=f.intro,
        personality=f.personality,
        price_krw=f.price_krw,
        contact_preference=CONTACT_TO_PB[ContactPreference(f.contact_preference)],
        published=f.published,
        history=[history_to_pb(h) for h in view.history],
        created_at=_ts(f.created_at),
        updated_at=_ts(f.updated_at),
    )
    if f.published_at is not None:
        message.published_at.CopyFrom(_ts(f.published_at))
    return message


def metrics_to_pb(m: dict[str, Any]) -> pb.MetricsSnapshot:
    return pb.MetricsSnapshot(
        followers_count=int(m.get("followers_count", 0)),
        engagement_rate=float(m.get("engagement_rate", 0.0)),
        qualifying_posts=int(m.get("qualifying_posts", 0)),
        posts_in_window=int(m.get("posts_in_window", 0)),
        window_days=int(m.get("window_days", 0)),
        source=str(m.get("source", "")),
        measured_at=_ts(datetime.fromisoformat(m["measured_at"])),
    )


def application_to_pb(view: service.ApplicationView) -> pb.Application:
    a: Application = view.application
    message = pb.Application(
        id=str(a.id),
        pet_id=str(a.pet_id),
        owner_user_id=str(a.owner_id),
        instagram_account_id=str(a.instagram_account_id),
        state=STATE_TO_PB[a.state_enum],
        reason=a.reason,
        flagged=a.flagged,
        verification_error=a.verification_error,
        submitted_at=_ts(a.submitted_at),
        updated_at=_ts(a.updated_at),
    )
    if a.metrics:
        message.metrics.CopyFrom(metrics_to_pb(a.metrics))
    if a.eligible is not None:
        message.eligibility.CopyFrom(
            pb.Eligibility(eligible=a.eligible, reasons=list(a.eligibility_reasons))
        )
    if a.decided_at is not None:
        message.decided_at.CopyFrom(_ts(a.decided_at))
    if view.pet is not None:
        message.pet.CopyFrom(pet_to_pb(view.pet))
    return message


def _pet_input(m: pb.PetFields) -> service.PetInput:
    return service.PetInput(
        name=m.name,
        species=_enum_in(SPECIES_FROM_PB, m.species),
        breed=m.breed,
        sex=_enum_in(SEX_FROM_PB, m.sex),
        neutered=m.neutered,
        birth_date=m.birth_date,
        approx_age_months=m.approx_age_months if m.HasField("approx_age_months") else None,
        weight_kg=m.weight_kg if m.HasField("weight_kg") else None,
        personality_tags=list(m.personality_tags),
        intro=m.intro,
    )


def _history_input(m: pb.HistoryFields) -> service.HistoryInput:
    return service.HistoryInput(
        title=m.title, start_date=m.start_date, end_date=m.end_date, description=m.description
    )


def _opt(message: Any, name: str) -> int | None:
    return int(getattr(message, name)) if message.HasField(name) else None


def card_to_pb(card: service.DirectoryCard) -> pb.PetStarCard:
    pet = card.pet.pet
    item = pb.PetStarCard(
        pet=pet_to_pb(card.pet),
        followers_count=pet.followers_count,
        engagement_rate=pet.engagement_rate,
        price_krw=card.portfolio.price_krw,
        portfolio_intro=card.portfolio.intro,
    )
    if pet.petstar_since is not None:
        item.approved_at.CopyFrom(_ts(pet.petstar_since))
    return item


class PetServicer(pb_grpc.PetServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: service.Clock,
        sns: service.Sns,
        campaigns: service.Campaigns,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.sns = sns
        self.campaigns = campaigns

    # --- pets ---

    async def CreatePet(self, request: pb.CreatePetRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.create_pet(
                session, actor=actor, now=self.clock(), data=_pet_input(request.pet)
            )
            return pet_to_pb(view)

    async def GetPet(self, request: pb.GetPetRequest, context: Any) -> pb.Pet:
        async with transaction(self.settings) as session:
            view = await service.get_pet(session, actor=current_principal(), pet_id=request.pet_id)
            return pet_to_pb(view)

    async def ListMyPets(self, request: pb.ListMyPetsRequest, context: Any) -> pb.ListPetsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            views = await service.list_my_pets(session, actor=actor)
            return pb.ListPetsResponse(pets=[pet_to_pb(v) for v in views])

    async def BatchGetPets(
        self, request: pb.BatchGetPetsRequest, context: Any
    ) -> pb.ListPetsResponse:
        async with transaction(self.settings) as session:
            views = await service.batch_get_pets(
                session, actor=current_principal(), pet_ids=list(request.pet_ids)
            )
            return pb.ListPetsResponse(pets=[pet_to_pb(v) for v in views])

    async def UpdatePet(self, request: pb.UpdatePetRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.update_pet(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                data=_pet_input(request.pet),
                fields=list(request.fields),
            )
            return pet_to_pb(view)

    async def DeletePet(self, request: pb.DeletePetRequest, context: Any) -> pb.DeletePetResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete_pet(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                campaigns=self.campaigns,
            )
            return pb.DeletePetResponse()

    async def SetPetImage(self, request: pb.SetPetImageRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.set_pet_image(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return pet_to_pb(view)

    async def RemovePetImage(self, request: pb.RemovePetImageRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.remove_pet_image(
                session, actor=actor, now=self.clock(), pet_id=request.pet_id
            )
            return pet_to_pb(view)

    async def LinkInstagram(self, request: pb.LinkInstagramRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.link_instagram(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                account_id=request.account_id,
                sns=self.sns,
            )
            return pet_to_pb(view)

    async def UnlinkInstagram(self, request: pb.UnlinkInstagramRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.unlink_instagram(
                session, actor=actor, now=self.clock(), pet_id=request.pet_id
            )
            return pet_to_pb(view)

    async def ListBreeds(
        self, request: pb.ListBreedsRequest, context: Any
    ) -> pb.ListBreedsResponse:
        breeds = service.list_breeds(_enum_in(SPECIES_FROM_PB, request.species), request.query)
        return pb.ListBreedsResponse(breeds=breeds)

    # --- portfolio and history ---

    async def GetPortfolio(self, request: pb.GetPortfolioRequest, context: Any) -> pb.Portfolio:
        async with transaction(self.settings) as session:
            view = await service.get_portfolio(
                session, actor=current_principal(), pet_id=request.pet_id
            )
            return portfolio_to_pb(view)

    async def UpsertPortfolio(
        self, request: pb.UpsertPortfolioRequest, context: Any
    ) -> pb.Portfolio:
        actor = require_principal()
        data = service.PortfolioInput(
            intro=request.intro,
            personality=request.personality,
            price_krw=request.price_krw,
            contact_preference=_enum_in(CONTACT_FROM_PB, request.contact_preference),
            published=request.published,
        )
        async with transaction(self.settings) as session:
            view = await service.upsert_portfolio(
                session, actor=actor, now=self.clock(), pet_id=request.pet_id, data=data
            )
            return portfolio_to_pb(view)

    async def AddHistory(self, request: pb.AddHistoryRequest, context: Any) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.add_history(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                data=_history_input(request.entry),
            )
            return history_to_pb(view)

    async def UpdateHistory(
        self, request: pb.UpdateHistoryRequest, context: Any
    ) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.update_history(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                data=_history_input(request.entry),
            )
            return history_to_pb(view)

    async def DeleteHistory(
        self, request: pb.DeleteHistoryRequest, context: Any
    ) -> pb.DeleteHistoryResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete_history(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
            )
            return pb.DeleteHistoryResponse()

    async def AddHistoryImage(
        self, request: pb.AddHistoryImageRequest, context: Any
    ) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.add_history_image(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return history_to_pb(view)

    async def RemoveHistoryImage(
        self, request: pb.RemoveHistoryImageRequest, context: Any
    ) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.remove_history_image(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                media_id=request.media_id,
            )
            return history_to_pb(view)

    # --- the PetStar workflow ---

    async def ApplyPetStar(self, request: pb.ApplyPetStarRequest, context: Any) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.apply_petstar(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                idempotency_key=request.idempotency_key,
                settings=self.settings,
            )
            return application_to_pb(view)

    async def CheckEligibility(
        self, request: pb.CheckEligibilityRequest, context: Any
    ) -> pb.EligibilityPreview:
        actor = require_principal()
        async with transaction(self.settings) as session:
            preview = await service.check_eligibility(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                sns=self.sns,
                settings=self.settings,
            )
            c = preview.criteria
            return pb.EligibilityPreview(
                metrics=metrics_to_pb(preview.metrics),
                eligibility=pb.Eligibility(
                    eligible=preview.result.eligible, reasons=list(preview.result.reasons)
                ),
                min_followers=c.min_followers,
                min_qualifying_posts=c.min_qualifying_posts,
                min_likes=c.min_likes,
                window_days=c.window_days,
            )

    async def WithdrawApplication(
        self, request: pb.WithdrawApplicationRequest, context: Any
    ) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.withdraw_application(
                session, actor=actor, now=self.clock(), application_id=request.application_id
            )
            return application_to_pb(view)

    async def GetApplication(
        self, request: pb.GetApplicationRequest, context: Any
    ) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.get_application(
                session, actor=actor, application_id=request.application_id
            )
            return application_to_pb(view)

    async def ListMyApplications(
        self, request: pb.ListMyApplicationsRequest, context: Any
    ) -> pb.ListApplicationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            views = await service.list_my_applications(session, actor=actor)
            return pb.ListApplicationsResponse(applications=[application_to_pb(v) for v in views])

    async def ListApplications(
        self, request: pb.ListApplicationsRequest, context: Any
    ) -> pb.ListApplicationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.admin_list_applications(
                session,
                actor=actor,
                state=_enum_in(STATE_FROM_PB, request.state),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return pb.ListApplicationsResponse(
                applications=[application_to_pb(v) for v in page.items],
                next_cursor=page.next_cursor,
            )

    async def DecideApplication(
        self, request: pb.DecideApplicationRequest, context: Any
    ) -> pb.Application:
        actor = require_principal()
        if request.decision not in (pb.DECISION_APPROVE, pb.DECISION_REJECT):
            raise InvalidArgument(
                "decision is invalid", field_violations=[("decision", "must be APPROVE or REJECT")]
            )
        async with transaction(self.settings) as session:
            view = await service.decide_application(
                session,
                actor=actor,
                now=self.clock(),
                application_id=request.application_id,
                approve=request.decision == pb.DECISION_APPROVE,
                reason=request.reason,
            )
            return application_to_pb(view)

    async def RevokePetStar(self, request: pb.RevokePetStarRequest, context: Any) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await service.revoke_petstar(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                reason=request.reason,
            )
            return application_to_pb(view)

    # --- directory ---

    async def ListPetStars(
        self, request: pb.ListPetStarsRequest, context: Any
    ) -> pb.ListPetStarsResponse:
        data = service.DirectoryInput(
            species=[_enum_in(SPECIES_FROM_PB, s) or "?" for s in request.species],
            min_followers=_opt(request, "min_followers"),
            max_followers=_opt(request, "max_followers"),
            min_price=_opt(request, "min_price_krw"),
            max_price=_opt(request, "max_price_krw"),
            keyword=request.keyword,
            sort=_enum_in(SORT_FROM_PB, request.sort),
            page_size=request.page_size,
            cursor=request.cursor,
        )
        async with transaction(self.settings) as session:
            page = await service.list_petstars(session, data=data)
            return pb.ListPetStarsResponse(
                items=[card_to_pb(c) for c in page.items], next_cursor=page.next_cursor
            )

    async def BatchGetPetStarCards(
        self, request: pb.BatchGetPetsRequest, context: Any
    ) -> pb.ListPetStarsResponse:
        async with transaction(self.settings) as session:
            cards = await service.petstar_cards(session, pet_ids=list(request.pet_ids))
            return pb.ListPetStarsResponse(items=[card_to_pb(c) for c in cards])


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: service.Clock | None = None,
    sns: service.Sns | None = None,
    campaigns: service.Campaigns | None = None,
) -> None:
    """Add PetService to server."""
    settings = settings or get_settings()
    pb_grpc.add_PetServiceServicer_to_server(
        PetServicer(
            settings,
            clock or service.utc_now,
            sns or peers.GrpcSns(),
            campaigns or peers.GrpcCampaigns(),
        ),
        server,
    )
