"""Recommendations (matching service): PetStars for an advertiser's campaign, campaigns for
the signed-in PetStar owner, and similar PetStars (public)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from petful.edge import clients
from petful.edge.auth import ApprovedAdvertiser, CurrentUser
from petful.edge.common import Followers, Krw
from petful.edge.matching.schemas import (
    CampaignMatch,
    CampaignMatches,
    PetStarMatch,
    PetStarMatches,
)
from petful.pb.matching.v1 import matching_pb2 as pb

router = APIRouter(prefix="/api/v1", tags=["matching"])

Limit = Annotated[int, Query(ge=1, le=50, description="How many results (at most 50).")]


@router.get("/campaigns/{campaign_id}/recommendations", response_model=PetStarMatches)
async def recommend_petstars(
    campaign_id: str,
    user: ApprovedAdvertiser,
    limit: Limit = 10,
    min_followers: Followers | None = None,
    max_followers: Followers | None = None,
    max_price_krw: Krw | None = None,
) -> PetStarMatches:
    """The best-fitting approved PetStars for one of your campaigns (its target species,
    pets that already applied left out), each with its score and why. Another advertiser's
    campaign is 404."""
    request = pb.RecommendPetStarsRequest(campaign_id=campaign_id, limit=limit)
    if min_followers is not None:
        request.min_followers = min_followers
    if max_followers is not None:
        request.max_followers = max_followers
    if max_price_krw is not None:
        request.max_price_krw = max_price_krw
    r = await clients.matching().RecommendPetStars(request)
    return PetStarMatches(items=[PetStarMatch.from_pb(m) for m in r.items])


@router.get("/me/recommended-campaigns", response_model=CampaignMatches)
async def recommended_campaigns(user: CurrentUser, limit: Limit = 10) -> CampaignMatches:
    """Recruiting campaigns that fit your approved PetStars (campaigns you applied to are
    left out), each with the pet it fits best."""
    r = await clients.matching().RecommendCampaigns(pb.RecommendCampaignsRequest(limit=limit))
    return CampaignMatches(items=[CampaignMatch.from_pb(m) for m in r.items])


@router.get("/petstars/{pet_id}/similar", response_model=PetStarMatches)
async def similar_petstars(pet_id: str, limit: Limit = 10) -> PetStarMatches:
    """Approved PetStars similar to this one (public)."""
    r = await clients.matching().SimilarPetStars(
        pb.SimilarPetStarsRequest(pet_id=pet_id, limit=limit)
    )
    return PetStarMatches(items=[PetStarMatch.from_pb(m) for m in r.items])
