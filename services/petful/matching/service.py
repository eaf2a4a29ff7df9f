"""Matching business logic: keep the PetStar and campaign documents fresh, and rank.

Receives a session and never commits (the RPC or task boundary does). Other services are
reached through the small ports below (gRPC adapters in peers.py; fakes in tests).
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from petful.matching import repository, rules, telemetry
from petful.matching.embeddings import Embedder
from petful.matching.models import CampaignDoc, PetStarDoc
from petful.matching.repository import Hit, PetStarFilters
from petful.platform.auth_context import Principal
from petful.platform.errors import InvalidArgument, NotFound, PermissionDenied
from petful.platform.settings import Settings

ADVERTISER_ROLE = "ADVERTISER"
ADMIN_ROLE = "ADMIN"
Clock = Callable[[], datetime]
Outcome = Literal["embedded", "unchanged", "updated", "deleted", "skipped"]


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- ports to other services ----------------------------------------------------------------


class PetsPort(Protocol):
    async def petstar_profile(self, pet_id: uuid.UUID) -> rules.PetProfile | None:
        """The pet with its portfolio and history titles (no captions); None if gone."""

    async def approved_pet_ids(self) -> list[uuid.UUID]:
        """Every approved PetStar (the public directory)."""


class CampaignsPort(Protocol):
    async def campaign(self, campaign_id: uuid.UUID) -> rules.CampaignProfile | None:
        """The campaign as the current caller may see it; None if not found."""

    async def applied_pet_ids(self, campaign_id: uuid.UUID) -> set[uuid.UUID]:
        """Pets with a live application (any status but CANCELLED), as the advertiser."""

    async def my_applied_campaign_ids(self) -> set[uuid.UUID]:
        """Campaigns the calling owner's pets applied to."""

    async def recruiting_campaign_ids(self) -> list[uuid.UUID]: ...


class SnsPort(Protocol):
    async def captions(self, account_id: uuid.UUID) -> list[rules.Caption]:
        """Recent captions, newest first; [] when the account is unknown."""


def weights(settings: Settings) -> rules.Weights:
    return rules.Weights(
        semantic=settings.matching_weight_semantic,
        lexical=settings.matching_weight_lexical,
        engagement=settings.matching_weight_engagement,
    )


def _parse_id(field: str, raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise InvalidArgument(
            f"{field} is not a valid id", field_violations=[(field, "is not a valid id")]
        ) from None


def _limit(limit: int) -> int:
    try:
        return rules.check_limit(limit)
    except ValueError as e:
        raise InvalidArgument("invalid limit", field_violations=[("limit", str(e))]) from None


async def _embed_one(embedder: Embedder, text: str) -> list[float]:
    # CPU-bound: off the event loop.
    with telemetry.EMBED_SECONDS.time():
        vectors = await asyncio.to_thread(embedder.embed, [text])
    return vectors[0]


# --- indexing --------------------------------------------------------------------------------


def _pet_values(p: rules.PetProfile, now: datetime) -> dict[str, object]:
    return {
        "pet_id": uuid.UUID(p.pet_id),
        "owner_id": uuid.UUID(p.owner_id),
        "name": p.name,
        "species": p.species,
        "breed": p.breed,
        "followers_count": p.followers_count,
        "engagement_rate": p.engagement_rate,
        "price_krw": p.price_krw,
        "petstar_status": p.petstar_status,
        "instagram_account_id": uuid.UUID(p.instagram_account_id)
        if p.instagram_account_id
        else None,
        "instagram_username": p.instagram_username,
        "updated_at": now,
    }


async def index_pet(
    session: AsyncSession,
    *,
    pet_id: uuid.UUID,
    pets: PetsPort,
    sns: SnsPort,
    embedder: Embedder,
    now: datetime,
    force: bool = False,
) -> Outcome:
    """Bring one PetStar's row up to date (see _index_pet); counted by outcome."""
    outcome = await _index_pet(
        session, pet_id=pet_id, pets=pets, sns=sns, embedder=embedder, now=now, force=force
    )
    telemetry.INDEXED.labels("petstar", outcome).inc()
    return outcome


async def _index_pet(
    session: AsyncSession,
    *,
    pet_id: uuid.UUID,
    pets: PetsPort,
    sns: SnsPort,
    embedder: Embedder,
    now: datetime,
    force: bool = False,
) -> Outcome:
    """Bring one PetStar's row up to date. Idempotent: an unchanged text is not re-embedded
    (content hash), only its figures are refreshed."""
    profile = await pets.petstar_profile(pet_id)
    existing = await repository.get_petstar(session, pet_id)
    if profile is None:
        return "deleted" if await repository.delete_petstar(session, pet_id) else "skipped"
    values = _pet_values(profile, now)
    if profile.petstar_status != rules.APPROVED:
        if existing is None:
            return "skipped"
        # Revoked (or re-applying): stays out of every search, keeps its vector.
        await repository.upsert_petstar(session, values, weighted_terms=None)
        return "updated"
    if profile.instagram_account_id:
        captions = await sns.captions(uuid.UUID(profile.instagram_account_id))
        profile = dataclasses.replace(profile, captions=tuple(captions))
    doc = rules.pet_document(profile, model=embedder.name)
    if (
        not force
        and existing is not None
        and existing.content_hash == doc.content_hash
        and existing.embedding is not None
    ):
        await repository.upsert_petstar(session, values, weighted_terms=None)
        return "unchanged"
    values |= {
        "embedding": await _embed_one(embedder, doc.text),
        "terms": doc.top_terms(),
        "content_hash": doc.content_hash,
        "model": embedder.name,
        "embedded_at": now,
    }
    await repository.upsert_petstar(session, values, weighted_terms=doc.weighted_terms)
    return "embedded"


async def pet_for_account(session: AsyncSession, account_id: uuid.UUID) -> uuid.UUID | None:
    return await repository.petstar_for_account(session, account_id)


async def forget_pet(session: AsyncSession, pet_id: uuid.UUID) -> bool:
    return await repository.delete_petstar(session, pet_id)


def _campaign_values(c: rules.CampaignProfile, now: datetime) -> dict[str, object]:
    return {
        "campaign_id": uuid.UUID(c.campaign_id),
        "advertiser_user_id": uuid.UUID(c.advertiser_user_id),
        "title": c.title,
        "company_name": c.company_name,
        "phase": c.phase,
        "target_species": list(c.target_species),
        "reward_value_krw": c.reward_value_krw,
        "updated_at": now,
    }


async def store_campaign(
    session: AsyncSession,
    profile: rules.CampaignProfile,
    *,
    embedder: Embedder,
    now: datetime,
    existing: CampaignDoc | None,
    force: bool = False,
) -> tuple[Outcome, list[float], list[str]]:
    """Upsert a campaign's row; (outcome, vector, query terms)."""
    doc = rules.campaign_document(profile, model=embedder.name)
    values = _campaign_values(profile, now)
    query_terms = doc.all_terms
    if (
        not force
        and existing is not None
        and existing.content_hash == doc.content_hash
        and existing.embedding is not None
    ):
        await repository.upsert_campaign(session, values, weighted_terms=None)
        return "unchanged", [float(x) for x in existing.embedding], list(existing.query_terms)
    vector = await _embed_one(embedder, doc.text)
    values |= {
        "embedding": vector,
        "terms": doc.top_terms(),
        "query_terms": query_terms,
        "content_hash": doc.content_hash,
        "model": embedder.name,
        "embedded_at": now,
    }
    await repository.upsert_campaign(session, values, weighted_terms=doc.weighted_terms)
    return "embedded", vector, query_terms


async def index_campaign(
    session: AsyncSession,
    *,
    campaign_id: uuid.UUID,
    campaigns: CampaignsPort,
    embedder: Embedder,
    now: datetime,
    force: bool = False,
) -> Outcome:
    profile = await campaigns.campaign(campaign_id)
    if profile is None:
        deleted = await repository.delete_campaign(session, campaign_id)
        outcome: Outcome = "deleted" if deleted else "skipped"
    else:
        existing = await repository.get_campaign(session, campaign_id)
        outcome, _, _ = await store_campaign(
            session, profile, embedder=embedder, now=now, existing=existing, force=force
        )
    telemetry.INDEXED.labels("campaign", outcome).inc()
    return outcome


async def record_outcome(
    session: AsyncSession,
    *,
    applicant_id: uuid.UUID,
    pet_id: uuid.UUID,
    outcome: str,
    now: datetime,
) -> None:
    await repository.record_outcome(
        session, applicant_id=applicant_id, pet_id=pet_id, outcome=outcome, now=now
    )


# --- ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetStarMatch:
    petstar: dict[str, object]
    score: float
    explanation: rules.Explanation


@dataclass(frozen=True)
class CampaignMatch:
    campaign: dict[str, object]
    pet_id: uuid.UUID
    pet_name: str
    score: float
    explanation: rules.Explanation


@dataclass(frozen=True)
class TermContext:
    lexical_terms: list[str]
    idf_of: dict[str, float] | None


async def _term_context(session: AsyncSession, query_terms: Sequence[str]) -> TermContext:
    """Which query terms get a keyword search leg, and every term's IDF (for the lexical
    score and the shared-term order). Before the first stats refresh every term counts."""
    df, n_docs = await repository.term_stats(session, query_terms)
    if n_docs == 0:
        return TermContext(rules.lexical_leg_terms(query_terms, {}, 0), None)
    idf_of = rules.idf({t: df.get(t, 0) for t in query_terms}, n_docs)
    return TermContext(rules.lexical_leg_terms(query_terms, df, n_docs), idf_of)


async def refresh_term_stats(session: AsyncSession) -> int:
    return await repository.refresh_term_stats(session)


async def _rank_petstars(
    session: AsyncSession,
    hits: Sequence[Hit],
    *,
    query_terms: Sequence[str],
    terms: TermContext,
    wanted: rules.FollowerRange | None,
    settings: Settings,
    limit: int,
) -> list[PetStarMatch]:
    telemetry.CANDIDATES.observe(len(hits))
    tracks = await repository.tracks(session, [h.row["pet_id"] for h in hits])
    w = weights(settings)
    out: list[PetStarMatch] = []
    for h in hits:
        r = h.row
        quality = rules.engagement_quality(
            r["engagement_rate"],
            r["followers_count"],
            tracks.get(r["pet_id"], rules.Track()),
            wanted,
        )
        score, exp = rules.explain(
            cosine_distance=h.distance,
            engagement=quality,
            query_terms=query_terms,
            doc_terms=h.terms,
            weights=w,
            idf_of=terms.idf_of,
        )
        summary = {k: v for k, v in r.items() if k != "terms"}
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
    return settings.matching_ef_search_filtered if filtered else settings.matching_ef_search


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
    if not actor.is_authenticated:
        raise NotFound("campaign not found")
    if not actor.has_role(ADVERTISER_ROLE, ADMIN_ROLE):
        raise PermissionDenied("only advertisers get PetStar recommendations")
    cid = _parse_id("campaign_id", campaign_id)
    size = _limit(limit)
    try:
        rules.check_range(min_followers, max_followers)
    except ValueError as e:
        raise InvalidArgument(
            "invalid follower range", field_violations=[("max_followers", str(e))]
        ) from None
    if max_price_krw is not None and max_price_krw < 0:
        raise InvalidArgument(
            "invalid price", field_violations=[("max_price_krw", "must not be negative")]
        )
    profile = await campaigns.campaign(cid)
    if profile is None or (
        profile.advertiser_user_id != actor.user_id and not actor.has_role(ADMIN_ROLE)
    ):
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
    terms = await _term_context(session, query_terms)
    hits = await repository.search_petstars(
        session,
        vector=vector,
        lexical_terms=terms.lexical_terms,
        filters=filters,
        k=max(settings.matching_candidates, size),
        ef_search=max(_ef_search(filters, settings), size),
    )
    wanted = (
        rules.FollowerRange(min_followers, max_followers)
        if min_followers is not None or max_followers is not None
        else None
    )
    return await _rank_petstars(
        session,
        hits,
        query_terms=query_terms,
        terms=terms,
        wanted=wanted,
        settings=settings,
        limit=size,
    )


async def similar_petstars(
    session: AsyncSession, *, pet_id: str, limit: int, settings: Settings
) -> list[PetStarMatch]:
    """PetStars like an approved PetStar (public)."""
    pid = _parse_id("pet_id", pet_id)
    size = _limit(limit)
    row = await repository.get_petstar(session, pid)
    if row is None or row.petstar_status != rules.APPROVED or row.embedding is None:
        raise NotFound("no such PetStar")
    query_terms = list(row.terms[:64])
    terms = await _term_context(session, query_terms)
    hits = await repository.search_petstars(
        session,
        vector=[float(x) for x in row.embedding],
        lexical_terms=terms.lexical_terms,
        filters=PetStarFilters(exclude_pet_ids=[pid]),
        k=max(settings.matching_candidates, size),
        ef_search=max(settings.matching_ef_search, size),
    )
    return await _rank_petstars(
        session,
        hits,
        query_terms=query_terms,
        terms=terms,
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
    if not actor.is_authenticated:
        raise PermissionDenied("sign in to get recommendations")
    size = _limit(limit)
    try:
        owner = uuid.UUID(actor.user_id or "")
    except ValueError:
        return []
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
        quality = rules.engagement_quality(
            pet.engagement_rate, pet.followers_count, tracks.get(pet.pet_id, rules.Track())
        )
        query_terms = list(pet.terms[:64])
        hits = await repository.search_campaigns(
            session,
            vector=[float(x) for x in pet.embedding],  # type: ignore[union-attr]
            lexical_terms=query_terms[:16],
            species=pet.species,
            exclude_campaign_ids=sorted(applied),
            k=max(settings.matching_candidates // 2, size),
            ef_search=max(settings.matching_ef_search, size),
        )
        for h in hits:
            score, exp = rules.explain(
                cosine_distance=h.distance,
                engagement=quality,
                query_terms=h.terms,
                doc_terms=query_terms,
                weights=w,
            )
            cid = h.row["campaign_id"]
            match = CampaignMatch(
                {k: v for k, v in h.row.items() if k != "terms"},
                pet.pet_id,
                pet.name,
                round(score, 4),
                exp,
            )
            if cid not in best or best[cid].score < match.score:
                best[cid] = match
    ranked = sorted(best.values(), key=lambda m: (-m.score, str(m.campaign["campaign_id"])))
    return ranked[:size]


# --- backfill --------------------------------------------------------------------------------


async def known_pet_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.all_petstar_ids(session)


async def known_campaign_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.all_campaign_ids(session)


async def owner_suspended(
    session: AsyncSession, *, owner_id: str, until: str, at: datetime
) -> None:
    """identity suspended an owner: their PetStars leave every recommendation."""
    end = datetime.fromisoformat(until) if until else None
    await repository.set_suspended(session, uuid.UUID(owner_id), until=end, at=at)


async def owner_unsuspended(session: AsyncSession, *, owner_id: str) -> None:
    await repository.clear_suspended(session, uuid.UUID(owner_id))
