"""Ranking: PetStars for an advertiser's campaign, campaigns for an owner's PetStars, and
PetStars like a PetStar. Candidates come from the hybrid search (HNSW + keywords, under the
hard filters); the hybrid score in rules.scoring orders them and explains each.

Receives a session and never commits (the RPC boundary does).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.matching import repository, telemetry
from petful.matching.embeddings import Embedder
from petful.matching.models import PetStarDoc
from petful.matching.repository import Hit, PetStarFilters
from petful.matching.rules import scoring
from petful.matching.rules.checks import check_limit, check_price, check_range
from petful.matching.rules.documents import APPROVED
from petful.matching.service.indexing import store_campaign
from petful.matching.service.ports import CampaignsPort
from petful.platform.auth_context import Principal, Role, caller_id, is_admin, require_role
from petful.platform.errors import NotFound
from petful.platform.settings import Settings
from petful.platform.validation import Violations, parse_uuid

# The terms of a stored document a query uses (its most telling first).
QUERY_TERMS = 64


@dataclass(frozen=True)
class PetStarMatch:
    petstar: dict[str, object]
    score: float
    explanation: scoring.Explanation


@dataclass(frozen=True)
class CampaignMatch:
    campaign: dict[str, object]
    pet_id: uuid.UUID
    pet_name: str
    score: float
    explanation: scoring.Explanation


@dataclass(frozen=True)
class TermContext:
    lexical_terms: list[str]
    idf_of: dict[str, float] | None


def weights(settings: Settings) -> scoring.Weights:
    return scoring.Weights(
        semantic=settings.matching.weight_semantic,
        lexical=settings.matching.weight_lexical,
        engagement=settings.matching.weight_engagement,
    )


async def _term_context(session: AsyncSession, query_terms: Sequence[str]) -> TermContext:
    """Which query terms get a keyword search leg, and every term's IDF (for the lexical
    score and the shared-term order). Before the first stats refresh every term counts."""
    df, n_docs = await repository.term_stats(session, query_terms)
    if n_docs == 0:
        return TermContext(scoring.lexical_leg_terms(query_terms, {}, 0), None)
    idf_of = scoring.idf({t: df.get(t, 0) for t in query_terms}, n_docs)
    return TermContext(scoring.lexical_leg_terms(query_terms, df, n_docs), idf_of)


async def _rank_petstars(
    session: AsyncSession,
    hits: Sequence[Hit],
    *,
    query_terms: Sequence[str],
    term_context: TermContext,
    wanted: scoring.FollowerRange | None,
    settings: Settings,
    limit: int,
) -> list[PetStarMatch]:
    telemetry.CANDIDATES.observe(len(hits))
    tracks = await repository.tracks(session, [h.row["pet_id"] for h in hits])
    w = weights(settings)
    out: list[PetStarMatch] = []
    for h in hits:
        r = h.row
        quality = scoring.engagement_quality(
            r["engagement_rate"],
            r["followers_count"],
            tracks.get(r["pet_id"], scoring.Track()),
            wanted,
        )
        score, exp = scoring.explain(
            cosine_distance=h.distance,
            engagement=quality,
            query_terms=query_terms,
            doc_terms=h.terms,
            weights=w,
            idf_of=term_context.idf_of,
        )
        summary = {key: value for key, value in r.items() if key != "terms"}
        out.append(PetStarMatch(summary, round(score, 4), exp))
    out.sort(key=lambda m: (-m.score, str(m.petstar["pet_id"])))
    return out[:limit]


def _ef_search(filters: PetStarFilters, settings: Settings) -> int:
    filtered = bool(
        filters.species
        or filters.min_followers is not None
        or filters.max_followers is not None
        or filters.max_price_krw is not None
        or filters.exclude_pet_ids
    )
    return settings.matching.ef_search_filtered if filtered else settings.matching.ef_search


async def recommend_petstars(
    session: AsyncSession,
    *,
    actor: Principal,
    campaign_id: str,
    limit: int,
    min_followers: int | None,
    max_followers: int | None,
    max_price_krw: int | None,
    campaigns: CampaignsPort,
    embedder: Embedder,
    settings: Settings,
    now: datetime,
) -> list[PetStarMatch]:
    """Top PetStars for one of the caller's campaigns; anyone else's is NOT_FOUND."""
    user_id = require_role(
        actor, Role.ADVERTISER, Role.ADMIN, message="only advertisers get PetStar recommendations"
    )
    v = Violations()
    cid = v.check("campaign_id", parse_uuid, campaign_id)
    size = v.check("limit", check_limit, limit)
    v.check("max_followers", check_range, min_followers, max_followers)
    v.check("max_price_krw", check_price, max_price_krw)
    v.raise_if_any("the recommendation request has invalid fields")
    profile = await campaigns.campaign(cid)
    if profile is None or (profile.advertiser_user_id != str(user_id) and not is_admin(actor)):
        raise NotFound("campaign not found")
    existing = await repository.get_campaign(session, cid)
    # Fresh text from the campaigns service: embedded now if the stored vector is stale.
    _, vector, query_terms = await store_campaign(
        session, profile, embedder=embedder, now=now, existing=existing
    )
    exclude = await campaigns.applied_pet_ids(cid)
    filters = PetStarFilters(
        species=profile.target_species,
        min_followers=min_followers,
        max_followers=max_followers,
        max_price_krw=max_price_krw,
        exclude_pet_ids=sorted(exclude),
    )
    term_context = await _term_context(session, query_terms)
    hits = await repository.search_petstars(
        session,
        vector=vector,
        lexical_terms=term_context.lexical_terms,
        filters=filters,
        k=max(settings.matching.candidates, size),
        ef_search=max(_ef_search(filters, settings), size),
    )
    wanted = (
        scoring.FollowerRange(min_followers, max_followers)
        if min_followers is not None or max_followers is not None
        else None
    )
    return await _rank_petstars(
        session,
        hits,
        query_terms=query_terms,
        term_context=term_context,
        wanted=wanted,
        settings=settings,
        limit=size,
    )


async def similar_petstars(
    session: AsyncSession, *, pet_id: str, limit: int, settings: Settings
) -> list[PetStarMatch]:
    """PetStars like an approved PetStar (public)."""
    v = Violations()
    pid = v.check("pet_id", parse_uuid, pet_id)
    size = v.check("limit", check_limit, limit)
    v.raise_if_any("the request has invalid fields")
    row = await repository.get_petstar(session, pid)
    if row is None or row.petstar_status != APPROVED or row.embedding is None:
        raise NotFound("no such PetStar")
    query_terms = list(row.terms[:QUERY_TERMS])
    term_context = await _term_context(session, query_terms)
    hits = await repository.search_petstars(
        session,
        vector=[float(x) for x in row.embedding],
        lexical_terms=term_context.lexical_terms,
        filters=PetStarFilters(exclude_pet_ids=[pid]),
        k=max(settings.matching.candidates, size),
        ef_search=max(settings.matching.ef_search, size),
    )
    return await _rank_petstars(
        session,
        hits,
        query_terms=query_terms,
        term_context=term_context,
        wanted=None,
        settings=settings,
        limit=size,
    )


async def recommend_campaigns(
    session: AsyncSession,
    *,
    actor: Principal,
    limit: int,
    campaigns: CampaignsPort,
    settings: Settings,
) -> list[CampaignMatch]:
    """Recruiting campaigns for the caller's approved PetStars, best pet per campaign;
    campaigns the owner's pets already applied to are left out."""
    owner = caller_id(actor)
    v = Violations()
    size = v.check("limit", check_limit, limit)
    v.raise_if_any("the request has invalid fields")
    pets: list[PetStarDoc] = [
        p for p in await repository.petstars_of_owner(session, owner) if p.embedding is not None
    ]
    if not pets:
        return []
    applied = await campaigns.my_applied_campaign_ids()
    w = weights(settings)
    tracks = await repository.tracks(session, [p.pet_id for p in pets])
    best: dict[uuid.UUID, CampaignMatch] = {}
    for pet in pets:
        quality = scoring.engagement_quality(
            pet.engagement_rate, pet.followers_count, tracks.get(pet.pet_id, scoring.Track())
        )
        query_terms = list(pet.terms[:QUERY_TERMS])
        hits = await repository.search_campaigns(
            session,
            vector=[float(x) for x in pet.embedding],  # type: ignore[union-attr]
            lexical_terms=query_terms[:16],
            species=pet.species,
            exclude_campaign_ids=sorted(applied),
            k=max(settings.matching.candidates // 2, size),
            ef_search=max(settings.matching.ef_search, size),
        )
        for h in hits:
            score, exp = scoring.explain(
                cosine_distance=h.distance,
                engagement=quality,
                query_terms=h.terms,
                doc_terms=query_terms,
                weights=w,
            )
            cid = h.row["campaign_id"]
            match = CampaignMatch(
                {key: value for key, value in h.row.items() if key != "terms"},
                pet.pet_id,
                pet.name,
                round(score, 4),
                exp,
            )
            if cid not in best or best[cid].score < match.score:
                best[cid] = match
    ranked = sorted(best.values(), key=lambda m: (-m.score, str(m.campaign["campaign_id"])))
    return ranked[:size]
