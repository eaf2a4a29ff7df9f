"""Matching subscribers and tasks: keep the documents fresh, and the reindex backfill.

Every subscriber is idempotent twice over: the inbox dedupes each event, and re-indexing
compares a content hash, so a burst of events for one pet embeds it once (debounced by
content, not by time). `matching.reindex` walks every approved PetStar and recruiting
campaign (plus every row we hold, so vanished ones are dropped); `petful matching reindex`
runs the same walk in the foreground with a progress bar.

Subscriptions use the producers' topic constants (`petful.contracts`); a new campaign
phase or applicant status is picked up from there, never re-listed here.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import campaigns as campaigns_events
from petful.contracts import identity as identity_events
from petful.contracts import matching as matching_events
from petful.contracts import pets as pets_events
from petful.contracts import sns as sns_events
from petful.contracts.base import Received
from petful.matching.embeddings import Embedder, get_embedder
from petful.matching.models import SCHEMA
from petful.matching.peers import GrpcCampaigns, GrpcPets, GrpcSns
from petful.matching.rules.documents import AccountSnapshot, Caption
from petful.matching.rules.scoring import OUTCOMES
from petful.matching.service import indexing
from petful.platform import events
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, bulk_task, celery_app, on_worker_start, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

# Embedding texts holds the CPU: these run on the bulk queue (platform/jobs.py).
REINDEX_TASK = bulk_task("matching.reindex")
TERM_STATS_TASK = bulk_task("matching.refresh_term_stats")
PRINCIPAL = service_principal("matching")


def _now() -> datetime:
    return datetime.now(UTC)


async def _index_pet(
    session: AsyncSession, pet_id: uuid.UUID, *, account: AccountSnapshot | None = None
) -> indexing.Outcome:
    with use_principal(PRINCIPAL):
        outcome = await indexing.index_pet(
            session,
            pet_id=pet_id,
            pets=GrpcPets(),
            sns=GrpcSns(),
            embedder=get_embedder(),
            now=_now(),
            account=account,
        )
    log.info("petstar indexed", pet_id=str(pet_id), outcome=outcome)
    return outcome


async def _index_campaign(session: AsyncSession, campaign_id: uuid.UUID) -> indexing.Outcome:
    with use_principal(PRINCIPAL):
        outcome = await indexing.index_campaign(
            session,
            campaign_id=campaign_id,
            campaigns=GrpcCampaigns(),
            embedder=get_embedder(),
            now=_now(),
        )
    log.info("campaign indexed", campaign_id=str(campaign_id), outcome=outcome)
    return outcome


# --- pets ----------------------------------------------------------------------------------
# The events name what changed; the document needs the whole profile (card, portfolio,
# PetStar status), so _index_pet reads the pet back from pets over gRPC.


@events.subscriber(
    pets_events.PET_UPDATED, schema=SCHEMA, name="matching.index_pet.pets.pet.updated", bulk=True
)
async def on_pet_updated(session: AsyncSession, event: Received[pets_events.PetChanged]) -> None:
    await _index_pet(session, event.payload.pet_id)


@events.subscriber(
    pets_events.PET_INSTAGRAM_LINKED,
    schema=SCHEMA,
    name="matching.index_pet.pets.pet.instagram_linked",
    bulk=True,
)
@events.subscriber(
    pets_events.PET_INSTAGRAM_UNLINKED,
    schema=SCHEMA,
    name="matching.index_pet.pets.pet.instagram_unlinked",
    bulk=True,
)
async def on_pet_instagram_changed(
    session: AsyncSession, event: Received[pets_events.PetInstagramChanged]
) -> None:
    await _index_pet(session, event.payload.pet_id)


@events.subscriber(
    pets_events.PORTFOLIO_UPDATED,
    schema=SCHEMA,
    name="matching.index_pet.pets.portfolio.updated",
    bulk=True,
)
async def on_portfolio_updated(
    session: AsyncSession, event: Received[pets_events.PortfolioUpdated]
) -> None:
    await _index_pet(session, event.payload.pet_id)


# Only approval and revocation change whether a PetStar is searchable.
@events.subscriber(
    pets_events.PETSTAR_APPROVED,
    schema=SCHEMA,
    name="matching.index_pet.pets.petstar.approved",
    bulk=True,
)
@events.subscriber(
    pets_events.PETSTAR_REVOKED,
    schema=SCHEMA,
    name="matching.index_pet.pets.petstar.revoked",
    bulk=True,
)
async def on_petstar_changed(
    session: AsyncSession, event: Received[pets_events.PetStarApplicationChanged]
) -> None:
    await _index_pet(session, event.payload.pet_id)


@events.subscriber(pets_events.PET_DELETED, schema=SCHEMA, name="matching.forget_pet")
async def on_pet_deleted(session: AsyncSession, event: Received[pets_events.PetChanged]) -> None:
    await indexing.forget_pet(session, event.payload.pet_id)


# --- sns: a sync carries the account's figures and captions (no call back to sns) -----------


def account_snapshot(synced: sns_events.AccountSynced) -> AccountSnapshot:
    return AccountSnapshot(
        account_id=str(synced.account_id),
        followers_count=synced.followers_count,
        engagement_rate=synced.engagement_rate,
        # recent_posts is newest first, as the captions of a profile are.
        captions=tuple(Caption(p.posted_at, p.caption) for p in synced.recent_posts if p.caption),
    )


@events.subscriber(
    sns_events.ACCOUNT_SYNCED, schema=SCHEMA, name="matching.index_synced_pet", bulk=True
)
async def on_account_synced(
    session: AsyncSession, event: Received[sns_events.AccountSynced]
) -> None:
    pet_id = await indexing.pet_for_account(session, event.payload.account_id)
    if pet_id is not None:
        # The pet's own card still comes from pets (one gRPC read, as for pet events).
        await _index_pet(session, pet_id, account=account_snapshot(event.payload))


# --- campaigns: every phase, and the outcomes a track record counts --------------------------


async def on_campaign_changed(
    session: AsyncSession, event: Received[campaigns_events.CampaignChanged]
) -> None:
    # The event names the phase only; the text to embed (product, missions, keywords...) is
    # read back from campaigns over gRPC.
    await _index_campaign(session, event.payload.campaign_id)


async def on_applicant_outcome(
    session: AsyncSession, event: Received[campaigns_events.ApplicantChanged]
) -> None:
    await indexing.record_outcome(
        session,
        applicant_id=event.payload.applicant_id,
        pet_id=event.payload.pet_id,
        outcome=event.payload.status,
        now=_now(),
    )


for _phase, _campaign in campaigns_events.CAMPAIGN_BY_PHASE.items():
    events.subscriber(
        _campaign, schema=SCHEMA, name=f"matching.index_campaign.{_phase.lower()}", bulk=True
    )(on_campaign_changed)
for _outcome in OUTCOMES:
    _applicant = campaigns_events.APPLICANT_BY_STATUS[_outcome]
    events.subscriber(_applicant, schema=SCHEMA, name=f"matching.track.{_applicant.name}")(
        on_applicant_outcome
    )


# --- identity: a suspended or withdrawn owner's PetStars leave every recommendation -----------
# Nothing about an owner is kept after withdrawal, so `identity.account.erased` needs no
# subscriber here.


@events.subscriber(
    identity_events.ACCOUNT_SUSPENDED, schema=SCHEMA, name="matching.owner_suspended"
)
async def on_owner_suspended(
    session: AsyncSession, event: Received[identity_events.AccountSuspended]
) -> None:
    await indexing.owner_suspended(
        session, owner_id=event.payload.user_id, until=event.payload.until, at=event.occurred_at
    )


@events.subscriber(
    identity_events.ACCOUNT_REINSTATED, schema=SCHEMA, name="matching.owner_reinstated"
)
async def on_owner_reinstated(
    session: AsyncSession, event: Received[identity_events.AccountReinstated]
) -> None:
    await indexing.owner_reinstated(session, owner_id=event.payload.user_id)


@events.subscriber(
    identity_events.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="matching.owner_withdrawn"
)
async def on_owner_withdrawn(
    session: AsyncSession, event: Received[identity_events.AccountWithdrawn]
) -> None:
    dropped = await indexing.owner_withdrawn(session, owner_id=event.payload.user_id)
    log.info("withdrawn owner forgotten", owner_id=str(event.payload.user_id), dropped=dropped)


# --- backfill ------------------------------------------------------------------------------


@events.subscriber(
    matching_events.REINDEX_REQUESTED, schema=SCHEMA, name="matching.reindex_requested"
)
async def on_reindex_requested(
    session: AsyncSession, event: Received[matching_events.ReindexRequested]
) -> None:
    # After commit of the inbox row: the backfill itself runs as its own (retrying) task.
    celery_app.send_task(REINDEX_TASK, kwargs={"force": event.payload.force})


@dataclass
class ReindexResult:
    petstars: dict[str, int] = field(default_factory=dict)
    campaigns: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    # Approved PetStars counted by the term statistics refresh at the end.
    documents: int = 0


Progress = Callable[[str, int, int], None]
IndexOne = Callable[[AsyncSession, uuid.UUID], Awaitable[indexing.Outcome]]


async def _reindex_each(
    settings: Settings,
    kind: str,
    ids: list[uuid.UUID],
    index_one: IndexOne,
    *,
    failed: list[str],
    progress: Progress | None,
) -> dict[str, int]:
    """Index each id in its own transaction; outcomes counted, failures collected."""
    counts: dict[str, int] = {}
    for i, key in enumerate(ids, 1):
        try:
            async with transaction(settings) as session:
                outcome = await index_one(session, key)
            counts[outcome] = counts.get(outcome, 0) + 1
        except Exception as e:  # one bad document must not stop the backfill
            log.exception("reindex of a document failed", kind=kind, id=str(key))
            failed.append(f"{kind} {key}: {e}")
        if progress is not None:
            progress(kind, i, len(ids))
    return counts


async def reindex(
    settings: Settings | None = None,
    *,
    force: bool = False,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> ReindexResult:
    """(Re)index every approved PetStar and recruiting campaign, one transaction each.
    progress(kind, done, total) is called after each item."""
    settings = settings or get_settings()
    model = embedder or get_embedder(settings)
    result = ReindexResult()
    pets, sns, campaigns = GrpcPets(), GrpcSns(), GrpcCampaigns()

    async def index_pet(session: AsyncSession, pet_id: uuid.UUID) -> indexing.Outcome:
        return await indexing.index_pet(
            session, pet_id=pet_id, pets=pets, sns=sns, embedder=model, now=_now(), force=force
        )

    async def index_campaign(session: AsyncSession, campaign_id: uuid.UUID) -> indexing.Outcome:
        return await indexing.index_campaign(
            session,
            campaign_id=campaign_id,
            campaigns=campaigns,
            embedder=model,
            now=_now(),
            force=force,
        )

    with use_principal(PRINCIPAL):
        async with transaction(settings) as session:
            known_pets = await indexing.known_pet_ids(session)
            known_campaigns = await indexing.known_campaign_ids(session)
        # Rows we hold are walked too, so the ones whose source vanished are dropped.
        pet_ids = list(dict.fromkeys([*await pets.approved_pet_ids(), *known_pets]))
        campaign_ids = list(
            dict.fromkeys([*await campaigns.recruiting_campaign_ids(), *known_campaigns])
        )
        result.petstars = await _reindex_each(
            settings, "petstars", pet_ids, index_pet, failed=result.failed, progress=progress
        )
        result.campaigns = await _reindex_each(
            settings,
            "campaigns",
            campaign_ids,
            index_campaign,
            failed=result.failed,
            progress=progress,
        )
        async with transaction(settings) as session:
            result.documents = await indexing.refresh_term_stats(session)
    return result


async def refresh_term_stats(settings: Settings | None = None) -> int:
    async with transaction(settings or get_settings()) as session:
        return await indexing.refresh_term_stats(session)


@celery_app.task(name=TERM_STATS_TASK)  # type: ignore[untyped-decorator]
def refresh_term_stats_task() -> int:
    return run_async(refresh_term_stats())


beat("matching-term-stats", TERM_STATS_TASK, timedelta(hours=1))


@celery_app.task(name=REINDEX_TASK, bind=True, max_retries=10)  # type: ignore[untyped-decorator]
def reindex_task(self: object, force: bool = False) -> dict[str, object]:
    try:
        result = run_async(reindex(force=force))
        if result.failed:
            raise RuntimeError(f"{len(result.failed)} documents failed: {result.failed[:3]}")
    except Exception as e:
        # The other services may still be starting (e.g. right after `petful up` seeded);
        # a retry skips whatever was indexed already (content hash).
        raise self.retry(exc=e, countdown=15) from e  # type: ignore[attr-defined]
    return {"petstars": result.petstars, "campaigns": result.campaigns, "failed": result.failed}


@on_worker_start
def load_the_model() -> None:
    get_embedder(get_settings()).warm()
