"""The MatchingService servicer: protobuf <-> service calls. Each RPC is one transaction.

The campaigns service is called with the caller's identity (forwarded by the client
interceptor), so its ownership rules apply to what matching may show.
"""

from __future__ import annotations

from typing import Any

import grpc

from petful.matching.embeddings import Embedder, get_embedder
from petful.matching.peers import GrpcCampaigns
from petful.matching.rules.scoring import Explanation
from petful.matching.service import ranking
from petful.matching.service.ports import CampaignsPort, Clock, utc_now
from petful.pb.matching.v1 import matching_pb2 as pb
from petful.pb.matching.v1 import matching_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.settings import Settings, get_settings


def _opt(message: Any, name: str) -> int | None:
    return int(getattr(message, name)) if message.HasField(name) else None


def explanation_to_pb(e: Explanation) -> pb.Explanation:
    return pb.Explanation(
        semantic=e.semantic,
        lexical=e.lexical,
        engagement=e.engagement,
        shared_terms=list(e.shared_terms),
    )


def petstar_match_to_pb(m: ranking.PetStarMatch) -> pb.PetStarMatch:
    p = m.petstar
    return pb.PetStarMatch(
        petstar=pb.PetStarSummary(
            pet_id=str(p["pet_id"]),
            owner_user_id=str(p["owner_id"]),
            name=str(p["name"]),
            species=str(p["species"]),
            breed=str(p["breed"]),
            followers_count=int(p["followers_count"]),  # type: ignore[call-overload]
            engagement_rate=float(p["engagement_rate"]),  # type: ignore[arg-type]
            price_krw=int(p["price_krw"]),  # type: ignore[call-overload]
            instagram_username=str(p["instagram_username"]),
        ),
        score=m.score,
        explanation=explanation_to_pb(m.explanation),
    )


def campaign_match_to_pb(m: ranking.CampaignMatch) -> pb.CampaignMatch:
    c = m.campaign
    return pb.CampaignMatch(
        campaign=pb.CampaignSummary(
            campaign_id=str(c["campaign_id"]),
            advertiser_user_id=str(c["advertiser_user_id"]),
            title=str(c["title"]),
            target_species=list(c["target_species"]),  # type: ignore[call-overload]
            reward_value_krw=int(c["reward_value_krw"]),  # type: ignore[call-overload]
            company_name=str(c["company_name"]),
        ),
        pet_id=str(m.pet_id),
        pet_name=m.pet_name,
        score=m.score,
        explanation=explanation_to_pb(m.explanation),
    )


class MatchingServicer(pb_grpc.MatchingServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        campaigns: CampaignsPort,
        embedder: Embedder | None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.campaigns = campaigns
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        # Resolved (not loaded) on first use; the model itself loads on the first embed.
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        return self._embedder

    async def RecommendPetStars(
        self, request: pb.RecommendPetStarsRequest, context: Any
    ) -> pb.RecommendPetStarsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            matches = await ranking.recommend_petstars(
                session,
                actor=actor,
                campaign_id=request.campaign_id,
                limit=request.limit,
                min_followers=_opt(request, "min_followers"),
                max_followers=_opt(request, "max_followers"),
                max_price_krw=_opt(request, "max_price_krw"),
                campaigns=self.campaigns,
                embedder=self.embedder,
                settings=self.settings,
                now=self.clock(),
            )
            return pb.RecommendPetStarsResponse(items=[petstar_match_to_pb(m) for m in matches])

    async def RecommendCampaigns(
        self, request: pb.RecommendCampaignsRequest, context: Any
    ) -> pb.RecommendCampaignsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            matches = await ranking.recommend_campaigns(
                session,
                actor=actor,
                limit=request.limit,
                campaigns=self.campaigns,
                settings=self.settings,
            )
            return pb.RecommendCampaignsResponse(items=[campaign_match_to_pb(m) for m in matches])

    async def SimilarPetStars(
        self, request: pb.SimilarPetStarsRequest, context: Any
    ) -> pb.SimilarPetStarsResponse:
        async with transaction(self.settings) as session:
            matches = await ranking.similar_petstars(
                session, pet_id=request.pet_id, limit=request.limit, settings=self.settings
            )
            return pb.SimilarPetStarsResponse(items=[petstar_match_to_pb(m) for m in matches])


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    campaigns: CampaignsPort | None = None,
    embedder: Embedder | None = None,
) -> None:
    """Add MatchingService to server (the model is not loaded here)."""
    settings = settings or get_settings()
    pb_grpc.add_MatchingServiceServicer_to_server(
        MatchingServicer(settings, clock or utc_now, campaigns or GrpcCampaigns(), embedder),
        server,
    )
