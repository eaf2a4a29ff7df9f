"""Response bodies of the matching routes: recommendations with their explanation.

Every result carries `score` (0..1, the weighted sum of the components) and
`explanation`: the semantic similarity, the lexical (keyword) match and the engagement
quality, each 0..1, and the terms both texts share."""

from __future__ import annotations

from pydantic import BaseModel, Field

from petful.pb.matching.v1 import matching_pb2 as pb


class Explanation(BaseModel):
    semantic: float = Field(description="Cosine similarity of the two texts' embeddings.")
    lexical: float = Field(description="How much of the campaign's wording the profile shares.")
    engagement: float = Field(
        description="Engagement rate, follower tier fit and past completion (no-shows lower it)."
    )
    shared_terms: list[str]

    @classmethod
    def from_pb(cls, e: pb.Explanation) -> Explanation:
        return cls(
            semantic=e.semantic,
            lexical=e.lexical,
            engagement=e.engagement,
            shared_terms=list(e.shared_terms),
        )


class PetStarSummary(BaseModel):
    pet_id: str
    owner_user_id: str
    name: str
    species: str
    breed: str
    followers_count: int
    engagement_rate: float
    price_krw: int
    instagram_username: str

    @classmethod
    def from_pb(cls, p: pb.PetStarSummary) -> PetStarSummary:
        return cls(
            pet_id=p.pet_id,
            owner_user_id=p.owner_user_id,
            name=p.name,
            species=p.species,
            breed=p.breed,
            followers_count=p.followers_count,
            engagement_rate=p.engagement_rate,
            price_krw=p.price_krw,
            instagram_username=p.instagram_username,
        )


class PetStarMatch(BaseModel):
    petstar: PetStarSummary
    score: float
    explanation: Explanation

    @classmethod
    def from_pb(cls, m: pb.PetStarMatch) -> PetStarMatch:
        return cls(
            petstar=PetStarSummary.from_pb(m.petstar),
            score=m.score,
            explanation=Explanation.from_pb(m.explanation),
        )


class PetStarMatches(BaseModel):
    items: list[PetStarMatch]


class CampaignSummary(BaseModel):
    campaign_id: str
    advertiser_user_id: str
    title: str
    company_name: str
    target_species: list[str]
    reward_value_krw: int

    @classmethod
    def from_pb(cls, c: pb.CampaignSummary) -> CampaignSummary:
        return cls(
            campaign_id=c.campaign_id,
            advertiser_user_id=c.advertiser_user_id,
            title=c.title,
            company_name=c.company_name,
            target_species=list(c.target_species),
            reward_value_krw=c.reward_value_krw,
        )


class CampaignMatch(BaseModel):
    campaign: CampaignSummary
    pet_id: str = Field(description="The caller's PetStar this campaign fits best.")
    pet_name: str
    score: float
    explanation: Explanation

    @classmethod
    def from_pb(cls, m: pb.CampaignMatch) -> CampaignMatch:
        return cls(
            campaign=CampaignSummary.from_pb(m.campaign),
            pet_id=m.pet_id,
            pet_name=m.pet_name,
            score=m.score,
            explanation=Explanation.from_pb(m.explanation),
        )


class CampaignMatches(BaseModel):
    items: list[CampaignMatch]
