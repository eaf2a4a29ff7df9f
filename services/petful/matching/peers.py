"""The matching service's gRPC adapters for the ports in service.py (pets, campaigns, sns).

Calls carry the current Principal (the client interceptor forwards it): the advertiser's
own identity for RecommendPetStars (so campaigns applies its ownership rules), the owner's
for RecommendCampaigns, and `service_principal("matching")` in tasks.
"""

from __future__ import annotations

import uuid
from datetime import UTC

import grpc

from petful.matching import rules
from petful.pb.campaigns.v1 import campaigns_pb2, campaigns_pb2_grpc
from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.pb.sns.v1 import sns_pb2, sns_pb2_grpc
from petful.platform.errors import NotFound, from_rpc_error
from petful.platform.grpc_client import channel

PAGE_SIZE = 100
MAX_PAGES = 1000


def _enum_name(enum: object, value: int, prefix: str) -> str:
    try:
        return str(enum.Name(value)).removeprefix(prefix)  # type: ignore[attr-defined]
    except ValueError:
        return ""


def _not_found_is_none(e: grpc.RpcError) -> None:
    err = from_rpc_error(e)
    if isinstance(err, NotFound):
        return None
    raise err from None


class GrpcPets:
    def _stub(self) -> pets_pb2_grpc.PetServiceStub:
        return pets_pb2_grpc.PetServiceStub(channel("pets"))

    async def petstar_profile(self, pet_id: uuid.UUID) -> rules.PetProfile | None:
        stub = self._stub()
        try:
            r = await stub.BatchGetPets(pets_pb2.BatchGetPetsRequest(pet_ids=[str(pet_id)]))
        except grpc.RpcError as e:
            raise from_rpc_error(e) from None
        if not r.pets:
            return None
        p = r.pets[0]
        price, intro, personality, history = 0, "", "", ()
        try:
            pf = await stub.GetPortfolio(pets_pb2.GetPortfolioRequest(pet_id=str(pet_id)))
        except grpc.RpcError as e:
            _not_found_is_none(e)
        else:
            price, intro, personality = pf.price_krw, pf.intro, pf.personality
            history = tuple(h.title for h in pf.history)
        return rules.PetProfile(
            pet_id=p.id,
            owner_id=p.owner_user_id,
            name=p.name,
            species=_enum_name(pets_pb2.Species, p.species, "SPECIES_"),
            breed=p.breed,
            personality_tags=tuple(p.personality_tags),
            intro=p.intro,
            petstar_status=_enum_name(pets_pb2.PetStarStatus, p.petstar_status, "PET_STAR_STATUS_"),
            followers_count=p.followers_count,
            engagement_rate=p.engagement_rate,
            price_krw=price,
            portfolio_intro=intro,
            portfolio_personality=personality,
            history_titles=history,
            instagram_account_id=p.instagram_account_id,
            instagram_username=p.instagram_username,
        )

    async def approved_pet_ids(self) -> list[uuid.UUID]:
        stub = self._stub()
        ids: list[uuid.UUID] = []
        cursor = ""
        for _ in range(MAX_PAGES):
            try:
                r = await stub.ListPetStars(
                    pets_pb2.ListPetStarsRequest(page_size=PAGE_SIZE, cursor=cursor)
                )
            except grpc.RpcError as e:
                raise from_rpc_error(e) from None
            ids.extend(uuid.UUID(c.pet.id) for c in r.items)
            cursor = r.next_cursor
            if not cursor:
                break
        return ids


CANCELLED = campaigns_pb2.APPLICANT_STATUS_CANCELLED


class GrpcCampaigns:
    def _stub(self) -> campaigns_pb2_grpc.CampaignServiceStub:
        return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))

    async def campaign(self, campaign_id: uuid.UUID) -> rules.CampaignProfile | None:
        try:
            c = await self._stub().GetCampaign(
                campaigns_pb2.GetCampaignRequest(campaign_id=str(campaign_id))
            )
        except grpc.RpcError as e:
            _not_found_is_none(e)
            return None
        f = c.fields
        return rules.CampaignProfile(
            campaign_id=c.id,
            advertiser_user_id=c.advertiser_user_id,
            title=f.title,
            phase=_enum_name(campaigns_pb2.Phase, c.phase, "PHASE_"),
            product_name=f.product_name,
            product_description=f.product_description,
            objective=f.objective,
            missions=tuple(f.missions),
            keywords=tuple(f.keywords),
            hashtags=tuple(f.hashtags),
            target_species=tuple(
                s
                for s in (
                    _enum_name(campaigns_pb2.Species, v, "SPECIES_") for v in f.target_species
                )
                if s
            ),
            reward_value_krw=f.reward_value_krw,
            company_name=c.company_name,
        )

    async def applied_pet_ids(self, campaign_id: uuid.UUID) -> set[uuid.UUID]:
        stub = self._stub()
        out: set[uuid.UUID] = set()
        cursor = ""
        for _ in range(MAX_PAGES):
            try:
                r = await stub.ListApplicants(
                    campaigns_pb2.ListApplicantsRequest(
                        campaign_id=str(campaign_id), page_size=PAGE_SIZE, cursor=cursor
                    )
                )
            except grpc.RpcError as e:
                raise from_rpc_error(e) from None
            out.update(uuid.UUID(a.pet_id) for a in r.items if a.status != CANCELLED)
            cursor = r.next_cursor
            if not cursor:
                break
        return out

    async def my_applied_campaign_ids(self) -> set[uuid.UUID]:
        stub = self._stub()
        out: set[uuid.UUID] = set()
        cursor = ""
        for _ in range(MAX_PAGES):
            try:
                r = await stub.ListMyApplications(
                    campaigns_pb2.ListMyApplicationsRequest(page_size=PAGE_SIZE, cursor=cursor)
                )
            except grpc.RpcError as e:
                raise from_rpc_error(e) from None
            out.update(uuid.UUID(a.campaign_id) for a in r.items if a.status != CANCELLED)
            cursor = r.next_cursor
            if not cursor:
                break
        return out

    async def recruiting_campaign_ids(self) -> list[uuid.UUID]:
        stub = self._stub()
        ids: list[uuid.UUID] = []
        cursor = ""
        for _ in range(MAX_PAGES):
            try:
                r = await stub.ListCampaigns(
                    campaigns_pb2.ListCampaignsRequest(
                        tab=campaigns_pb2.TAB_RECRUITING, page_size=PAGE_SIZE, cursor=cursor
                    )
                )
            except grpc.RpcError as e:
                raise from_rpc_error(e) from None
            ids.extend(uuid.UUID(c.id) for c in r.items)
            cursor = r.next_cursor
            if not cursor:
                break
        return ids


class GrpcSns:
    async def captions(self, account_id: uuid.UUID) -> list[rules.Caption]:
        stub = sns_pb2_grpc.SnsServiceStub(channel("sns"))
        try:
            m = await stub.GetAccountMetrics(
                sns_pb2.GetAccountMetricsRequest(account_id=str(account_id))
            )
        except grpc.RpcError as e:
            err = from_rpc_error(e)
            if isinstance(err, NotFound):
                return []
            raise err from None
        return [
            rules.Caption(
                posted_at=p.posted_at.ToDatetime(tzinfo=UTC) if p.HasField("posted_at") else None,
                text=p.caption,
            )
            for p in m.recent_posts
            if p.caption
        ]
