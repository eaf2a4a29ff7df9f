"""The matching service's gRPC adapters for the ports in service/ports.py.

Calls carry the current Principal (the client interceptor forwards it): the advertiser's
own identity for RecommendPetStars (so campaigns applies its ownership rules), the owner's
for RecommendCampaigns, and `service_principal("matching")` in tasks. A failed call raises
the DomainError it stands for (`call`); lookups of something that may be gone use
`call_or_none`.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from petful.matching.rules.documents import CampaignProfile, Caption, PetProfile
from petful.pb.campaigns.v1 import campaigns_pb2, campaigns_pb2_grpc
from petful.pb.common.v1 import species_pb2
from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.pb.sns.v1 import sns_pb2, sns_pb2_grpc
from petful.platform.grpc_client import call, call_or_none, channel
from petful.platform.paging import PAGE_SIZE_MAX
from petful.platform.protobuf import enum_name, from_timestamp

T = TypeVar("T")
# A runaway guard for the directory walks (100 items a page: 100,000 items).
MAX_PAGES = 1000
CANCELLED = campaigns_pb2.APPLICANT_STATUS_CANCELLED


async def every_page(fetch: Callable[[str], Awaitable[tuple[list[T], str]]]) -> list[T]:
    """Walk a cursor-paged list: fetch(cursor) -> (items, next cursor or "")."""
    out: list[T] = []
    cursor = ""
    for _ in range(MAX_PAGES):
        items, cursor = await fetch(cursor)
        out.extend(items)
        if not cursor:
            break
    return out


class GrpcPets:
    def _stub(self) -> pets_pb2_grpc.PetServiceStub:
        return pets_pb2_grpc.PetServiceStub(channel("pets"))

    async def petstar_profile(self, pet_id: uuid.UUID) -> PetProfile | None:
        stub = self._stub()
        r = await call(stub.BatchGetPets(pets_pb2.BatchGetPetsRequest(pet_ids=[str(pet_id)])))
        if not r.pets:
            return None
        p = r.pets[0]
        # A pet without a portfolio (yet) is indexed from its card alone.
        pf = await call_or_none(stub.GetPortfolio(pets_pb2.GetPortfolioRequest(pet_id=str(pet_id))))
        return PetProfile(
            pet_id=p.id,
            owner_id=p.owner_user_id,
            name=p.name,
            species=enum_name(species_pb2.Species, p.species, "SPECIES_"),
            breed=p.breed,
            personality_tags=tuple(p.personality_tags),
            intro=p.intro,
            petstar_status=enum_name(pets_pb2.PetStarStatus, p.petstar_status, "PET_STAR_STATUS_"),
            followers_count=p.followers_count,
            engagement_rate=p.engagement_rate,
            price_krw=pf.price_krw if pf else 0,
            portfolio_intro=pf.intro if pf else "",
            portfolio_personality=pf.personality if pf else "",
            history_titles=tuple(h.title for h in pf.history) if pf else (),
            instagram_account_id=p.instagram_account_id,
            instagram_username=p.instagram_username,
        )

    async def approved_pet_ids(self) -> list[uuid.UUID]:
        stub = self._stub()

        async def page(cursor: str) -> tuple[list[uuid.UUID], str]:
            request = pets_pb2.ListPetStarsRequest(page_size=PAGE_SIZE_MAX, cursor=cursor)
            r = await call(stub.ListPetStars(request))
            return [uuid.UUID(c.pet.id) for c in r.items], r.next_cursor

        return await every_page(page)


class GrpcCampaigns:
    def _stub(self) -> campaigns_pb2_grpc.CampaignServiceStub:
        return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))

    async def campaign(self, campaign_id: uuid.UUID) -> CampaignProfile | None:
        request = campaigns_pb2.GetCampaignRequest(campaign_id=str(campaign_id))
        c = await call_or_none(self._stub().GetCampaign(request))
        if c is None:
            return None
        f = c.fields
        species = (enum_name(species_pb2.Species, v, "SPECIES_") for v in f.target_species)
        return CampaignProfile(
            campaign_id=c.id,
            advertiser_user_id=c.advertiser_user_id,
            title=f.title,
            phase=enum_name(campaigns_pb2.Phase, c.phase, "PHASE_"),
            product_name=f.product_name,
            product_description=f.product_description,
            objective=f.objective,
            missions=tuple(f.missions),
            keywords=tuple(f.keywords),
            hashtags=tuple(f.hashtags),
            target_species=tuple(s for s in species if s),
            reward_value_krw=f.reward_value_krw,
            company_name=c.company_name,
        )

    async def applied_pet_ids(self, campaign_id: uuid.UUID) -> set[uuid.UUID]:
        stub = self._stub()

        async def page(cursor: str) -> tuple[list[uuid.UUID], str]:
            request = campaigns_pb2.ListApplicantsRequest(
                campaign_id=str(campaign_id), page_size=PAGE_SIZE_MAX, cursor=cursor
            )
            r = await call(stub.ListApplicants(request))
            return [uuid.UUID(a.pet_id) for a in r.items if a.status != CANCELLED], r.next_cursor

        return set(await every_page(page))

    async def my_applied_campaign_ids(self) -> set[uuid.UUID]:
        stub = self._stub()

        async def page(cursor: str) -> tuple[list[uuid.UUID], str]:
            request = campaigns_pb2.ListMyApplicationsRequest(
                page_size=PAGE_SIZE_MAX, cursor=cursor
            )
            r = await call(stub.ListMyApplications(request))
            ids = [uuid.UUID(a.campaign_id) for a in r.items if a.status != CANCELLED]
            return ids, r.next_cursor

        return set(await every_page(page))

    async def recruiting_campaign_ids(self) -> list[uuid.UUID]:
        stub = self._stub()

        async def page(cursor: str) -> tuple[list[uuid.UUID], str]:
            request = campaigns_pb2.ListCampaignsRequest(
                tab=campaigns_pb2.TAB_RECRUITING, page_size=PAGE_SIZE_MAX, cursor=cursor
            )
            r = await call(stub.ListCampaigns(request))
            return [uuid.UUID(c.id) for c in r.items], r.next_cursor

        return await every_page(page)


class GrpcSns:
    async def captions(self, account_id: uuid.UUID) -> list[Caption]:
        stub = sns_pb2_grpc.SnsServiceStub(channel("sns"))
        request = sns_pb2.GetAccountMetricsRequest(account_id=str(account_id))
        m = await call_or_none(stub.GetAccountMetrics(request))
        if m is None:
            return []
        return [
            Caption(posted_at=from_timestamp(p, "posted_at"), text=p.caption)
            for p in m.recent_posts
            if p.caption
        ]
