"""Keeping the index fresh: one row per PetStar and per campaign, embedded only when its
text changed (content hash), plus the facts ranking reads (track records, suspensions).

Receives a session and never commits (the task or RPC boundary does).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Literal, ParamSpec

from sqlalchemy.ext.asyncio import AsyncSession

from petful.matching import repository, telemetry
from petful.matching.embeddings import Embedder
from petful.matching.models import CampaignDoc
from petful.matching.rules.documents import (
    APPROVED,
    AccountSnapshot,
    CampaignProfile,
    PetProfile,
    campaign_document,
    pet_document,
    with_account,
)
from petful.matching.service.ports import CampaignsPort, PetsPort, SnsPort

Outcome = Literal["embedded", "unchanged", "updated", "deleted", "skipped"]
P = ParamSpec("P")


def _counted(
    kind: str,
) -> Callable[[Callable[P, Awaitable[Outcome]]], Callable[P, Awaitable[Outcome]]]:
    """Count each call's outcome in telemetry (`petful_matching_indexed_total`)."""

    def wrap(index: Callable[P, Awaitable[Outcome]]) -> Callable[P, Awaitable[Outcome]]:
        @functools.wraps(index)
        async def counted(*args: P.args, **kwargs: P.kwargs) -> Outcome:
            outcome = await index(*args, **kwargs)
            telemetry.INDEXED.labels(kind, outcome).inc()
            return outcome

        return counted

    return wrap


async def _embed_one(embedder: Embedder, text: str) -> list[float]:
    # CPU-bound: off the event loop.
    with telemetry.EMBED_SECONDS.time():
        vectors = await asyncio.to_thread(embedder.embed, [text])
    return vectors[0]


# --- PetStars --------------------------------------------------------------------------------


def _pet_values(p: PetProfile, now: datetime) -> dict[str, object]:
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


@_counted("petstar")
async def index_pet(
    session: AsyncSession,
    *,
    pet_id: uuid.UUID,
    pets: PetsPort,
    sns: SnsPort,
    embedder: Embedder,
    now: datetime,
    force: bool = False,
    account: AccountSnapshot | None = None,
) -> Outcome:
    """Bring one PetStar's row up to date. Idempotent: an unchanged text is not re-embedded
    (content hash), only its figures are refreshed.

    account is the pet's Instagram account as a sync just read it (the event carries its
    figures and captions, so sns is not called back); without it, sns is asked for the
    captions and the figures are the pets service's copy.
    """
    profile = await pets.petstar_profile(pet_id)
    existing = await repository.get_petstar(session, pet_id)
    if profile is None:
        return "deleted" if await repository.delete_petstar(session, pet_id) else "skipped"
    # A pet relinked to another account since that sync keeps its own figures.
    if account is not None and account.account_id != profile.instagram_account_id:
        account = None
    if account is not None:
        profile = with_account(profile, account)
    values = _pet_values(profile, now)
    if profile.petstar_status != APPROVED:
        if existing is None:
            return "skipped"
        # Revoked (or re-applying): stays out of every search, keeps its vector.
        await repository.upsert_petstar(session, values, weighted_terms=None)
        return "updated"
    if profile.instagram_account_id and account is None:
        captions = await sns.captions(uuid.UUID(profile.instagram_account_id))
        profile = dataclasses.replace(profile, captions=tuple(captions))
    doc = pet_document(profile, model=embedder.name)
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


# --- campaigns -------------------------------------------------------------------------------


def _campaign_values(c: CampaignProfile, now: datetime) -> dict[str, object]:
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
    profile: CampaignProfile,
    *,
    embedder: Embedder,
    now: datetime,
    existing: CampaignDoc | None,
    force: bool = False,
) -> tuple[Outcome, list[float], list[str]]:
    """Upsert a campaign's row; (outcome, vector, query terms)."""
    doc = campaign_document(profile, model=embedder.name)
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


@_counted("campaign")
async def index_campaign(
    session: AsyncSession,
    *,
    campaign_id: uuid.UUID,
    campaigns: CampaignsPort,
    embedder: Embedder,
    now: datetime,
    force: bool = False,
) -> Outcome:
    """Bring one campaign's row up to date (every phase is kept: searches filter on it)."""
    profile = await campaigns.campaign(campaign_id)
    if profile is None:
        return "deleted" if await repository.delete_campaign(session, campaign_id) else "skipped"
    existing = await repository.get_campaign(session, campaign_id)
    outcome, _, _ = await store_campaign(
        session, profile, embedder=embedder, now=now, existing=existing, force=force
    )
    return outcome


# --- what ranking reads besides the documents ------------------------------------------------


async def record_outcome(
    session: AsyncSession,
    *,
    applicant_id: uuid.UUID,
    pet_id: uuid.UUID,
    outcome: str,
    now: datetime,
) -> None:
    """A finished application (COMPLETED or NO_SHOW), once per applicant."""
    await repository.record_outcome(
        session, applicant_id=applicant_id, pet_id=pet_id, outcome=outcome, now=now
    )


async def owner_suspended(
    session: AsyncSession, *, owner_id: uuid.UUID, until: datetime | None, at: datetime
) -> None:
    """identity suspended an owner: their PetStars leave every recommendation (until the
    suspension ends, or for good when until is None)."""
    await repository.set_suspended(session, owner_id, until=until, at=at)


async def owner_reinstated(session: AsyncSession, *, owner_id: uuid.UUID) -> None:
    await repository.clear_suspended(session, owner_id)


async def owner_withdrawn(session: AsyncSession, *, owner_id: uuid.UUID) -> int:
    """identity says the owner left: their pets leave every recommendation at once, without
    waiting for the pets service's delete events (which then find nothing), and the record
    of their suspension, if any, goes. Returns the number of documents dropped."""
    pet_ids = await repository.pet_ids_of_owner(session, owner_id)
    for pet_id in pet_ids:
        await repository.delete_petstar(session, pet_id)
    await repository.clear_suspended(session, owner_id)
    return len(pet_ids)


async def refresh_term_stats(session: AsyncSession) -> int:
    return await repository.refresh_term_stats(session)


# --- backfill --------------------------------------------------------------------------------


async def known_pet_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.all_petstar_ids(session)


async def known_campaign_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.all_campaign_ids(session)
