"""The PetService servicer: each RPC reads its request, runs one service call in one
transaction and renders the reply."""

from __future__ import annotations

from typing import Any

from petful.pb.common.v1 import species_pb2
from petful.pb.pets.v1 import pets_pb2 as pb
from petful.pb.pets.v1 import pets_pb2_grpc as pb_grpc
from petful.pets.grpc_api import messages
from petful.pets.service import admin, directory, instagram, pets, petstar, portfolio
from petful.pets.service.access import Clock
from petful.pets.service.ports import CampaignsPort, SnsPort
from petful.platform.auth_context import current_principal, require_principal
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp
from petful.platform.settings import Settings


class PetServicer(pb_grpc.PetServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        sns: SnsPort,
        campaigns: CampaignsPort,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.sns = sns
        self.campaigns = campaigns

    # --- pets ---

    async def CreatePet(self, request: pb.CreatePetRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await pets.create_pet(
                session, actor=actor, now=self.clock(), data=messages.pet_input(request.pet)
            )
            return messages.pet_to_pb(view)

    async def GetPet(self, request: pb.GetPetRequest, context: Any) -> pb.Pet:
        async with transaction(self.settings) as session:
            view = await pets.get_pet(
                session, actor=current_principal(), now=self.clock(), pet_id=request.pet_id
            )
            return messages.pet_to_pb(view)

    async def ListMyPets(self, request: pb.ListMyPetsRequest, context: Any) -> pb.ListPetsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            views = await pets.list_my_pets(session, actor=actor)
            return pb.ListPetsResponse(pets=[messages.pet_to_pb(v) for v in views])

    async def BatchGetPets(
        self, request: pb.BatchGetPetsRequest, context: Any
    ) -> pb.ListPetsResponse:
        async with transaction(self.settings) as session:
            views = await pets.batch_get_pets(
                session, actor=current_principal(), now=self.clock(), pet_ids=list(request.pet_ids)
            )
            return pb.ListPetsResponse(pets=[messages.pet_to_pb(v) for v in views])

    async def UpdatePet(self, request: pb.UpdatePetRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await pets.update_pet(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                data=messages.pet_input(request.pet),
                fields=list(request.fields),
            )
            return messages.pet_to_pb(view)

    async def DeletePet(self, request: pb.DeletePetRequest, context: Any) -> pb.DeletePetResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await pets.delete_pet(
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
            view = await pets.set_pet_image(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return messages.pet_to_pb(view)

    async def RemovePetImage(self, request: pb.RemovePetImageRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await pets.remove_pet_image(
                session, actor=actor, now=self.clock(), pet_id=request.pet_id
            )
            return messages.pet_to_pb(view)

    async def LinkInstagram(self, request: pb.LinkInstagramRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await instagram.link_instagram(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                account_id=request.account_id,
                sns=self.sns,
            )
            return messages.pet_to_pb(view)

    async def UnlinkInstagram(self, request: pb.UnlinkInstagramRequest, context: Any) -> pb.Pet:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await instagram.unlink_instagram(
                session, actor=actor, now=self.clock(), pet_id=request.pet_id
            )
            return messages.pet_to_pb(view)

    async def ListBreeds(
        self, request: pb.ListBreedsRequest, context: Any
    ) -> pb.ListBreedsResponse:
        breeds = pets.list_breeds(
            enum_name(species_pb2.Species, request.species, messages.SPECIES), request.query
        )
        return pb.ListBreedsResponse(breeds=breeds)

    # --- portfolio and history ---

    async def GetPortfolio(self, request: pb.GetPortfolioRequest, context: Any) -> pb.Portfolio:
        async with transaction(self.settings) as session:
            view = await portfolio.get_portfolio(
                session, actor=current_principal(), now=self.clock(), pet_id=request.pet_id
            )
            return messages.portfolio_to_pb(view)

    async def UpsertPortfolio(
        self, request: pb.UpsertPortfolioRequest, context: Any
    ) -> pb.Portfolio:
        actor = require_principal()
        data = messages.portfolio_input(request)
        async with transaction(self.settings) as session:
            view = await portfolio.upsert_portfolio(
                session, actor=actor, now=self.clock(), pet_id=request.pet_id, data=data
            )
            return messages.portfolio_to_pb(view)

    async def AddHistory(self, request: pb.AddHistoryRequest, context: Any) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await portfolio.add_history(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                data=messages.history_input(request.entry),
            )
            return messages.history_to_pb(view)

    async def UpdateHistory(
        self, request: pb.UpdateHistoryRequest, context: Any
    ) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await portfolio.update_history(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                data=messages.history_input(request.entry),
            )
            return messages.history_to_pb(view)

    async def DeleteHistory(
        self, request: pb.DeleteHistoryRequest, context: Any
    ) -> pb.DeleteHistoryResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await portfolio.delete_history(
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
            view = await portfolio.add_history_image(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return messages.history_to_pb(view)

    async def RemoveHistoryImage(
        self, request: pb.RemoveHistoryImageRequest, context: Any
    ) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await portfolio.remove_history_image(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                media_id=request.media_id,
            )
            return messages.history_to_pb(view)

    async def ReorderHistoryImages(
        self, request: pb.ReorderHistoryImagesRequest, context: Any
    ) -> pb.HistoryEntry:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await portfolio.reorder_history_images(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                history_id=request.history_id,
                media_ids=list(request.media_ids),
            )
            return messages.history_to_pb(view)

    # --- the PetStar workflow ---

    async def ApplyPetStar(self, request: pb.ApplyPetStarRequest, context: Any) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await petstar.apply_petstar(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                idempotency_key=request.idempotency_key,
                settings=self.settings,
            )
            return messages.application_to_pb(view)

    async def CheckEligibility(
        self, request: pb.CheckEligibilityRequest, context: Any
    ) -> pb.EligibilityPreview:
        actor = require_principal()
        async with transaction(self.settings) as session:
            preview = await petstar.check_eligibility(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                sns=self.sns,
                settings=self.settings,
            )
            c = preview.criteria
            return pb.EligibilityPreview(
                metrics=messages.metrics_to_pb(preview.metrics),
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
            view = await petstar.withdraw_application(
                session, actor=actor, now=self.clock(), application_id=request.application_id
            )
            return messages.application_to_pb(view)

    async def GetApplication(
        self, request: pb.GetApplicationRequest, context: Any
    ) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await petstar.get_application(
                session, actor=actor, application_id=request.application_id
            )
            return messages.application_to_pb(view)

    async def ListMyApplications(
        self, request: pb.ListMyApplicationsRequest, context: Any
    ) -> pb.ListApplicationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            views = await petstar.list_my_applications(session, actor=actor)
            return pb.ListApplicationsResponse(
                applications=[messages.application_to_pb(v) for v in views]
            )

    async def ListApplications(
        self, request: pb.ListApplicationsRequest, context: Any
    ) -> pb.ListApplicationsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await admin.admin_list_applications(
                session,
                actor=actor,
                state=enum_name(pb.ApplicationState, request.state, messages.APP_STATE),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return pb.ListApplicationsResponse(
                applications=[messages.application_to_pb(v) for v in page.items],
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
            view = await admin.decide_application(
                session,
                actor=actor,
                now=self.clock(),
                application_id=request.application_id,
                approve=request.decision == pb.DECISION_APPROVE,
                reason=request.reason,
            )
            return messages.application_to_pb(view)

    async def RevokePetStar(self, request: pb.RevokePetStarRequest, context: Any) -> pb.Application:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await admin.revoke_petstar(
                session,
                actor=actor,
                now=self.clock(),
                pet_id=request.pet_id,
                reason=request.reason,
            )
            return messages.application_to_pb(view)

    # --- directory ---

    async def ListPetStars(
        self, request: pb.ListPetStarsRequest, context: Any
    ) -> pb.ListPetStarsResponse:
        data = messages.directory_input(request)
        async with transaction(self.settings) as session:
            page = await directory.list_petstars(session, now=self.clock(), data=data)
            return pb.ListPetStarsResponse(
                items=[messages.card_to_pb(c) for c in page.items], next_cursor=page.next_cursor
            )

    async def GetPetStarPosts(
        self, request: pb.GetPetStarPostsRequest, context: Any
    ) -> pb.PetStarPosts:
        async with transaction(self.settings) as session:
            pet, posts = await instagram.petstar_posts(
                session, now=self.clock(), pet_id=request.pet_id
            )
            return pb.PetStarPosts(
                pet_id=str(pet.id),
                instagram_username=pet.instagram_username,
                synced_at=opt_timestamp(pet.instagram_synced_at),
                items=[
                    pb.PetStarPost(
                        permalink=p.permalink,
                        caption=p.caption,
                        posted_at=to_timestamp(p.posted_at),
                        like_count=p.like_count,
                        comments_count=p.comments_count,
                        paid_partnership=p.paid_partnership,
                    )
                    for p in posts
                ],
            )

    async def BatchGetPetStarCards(
        self, request: pb.BatchGetPetsRequest, context: Any
    ) -> pb.ListPetStarsResponse:
        async with transaction(self.settings) as session:
            cards = await directory.petstar_cards(
                session, now=self.clock(), pet_ids=list(request.pet_ids)
            )
            return pb.ListPetStarsResponse(items=[messages.card_to_pb(c) for c in cards])
