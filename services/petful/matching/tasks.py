"""Matching subscribers and tasks: keep the documents fresh, and the reindex backfill.

Every subscriber is idempotent twice over: the inbox dedupes each event, and re-indexing
compares a content hash, so a burst of events for one pet embeds it once (debounced by
content, not by time). `matching.reindex` walks every approved PetStar and recruiting
campaign (plus every row we hold, so vanished ones are dropped); `petful matching reindex`
runs the same walk in the foreground with a progress bar.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.matching import rules, service
from petful.matching.embeddings import Embedder, get_embedder
from petful.matching.models import SCHEMA
from petful.matching.peers import GrpcCampaigns, GrpcPets, GrpcSns
from petful.platform import events
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, on_worker_start, run_async
from petful.platform.logging import get_logger
from petful.platform.outbox import Event
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

REINDEX_TASK = "matching.reindex"
TERM_STATS_TASK = "matching.refresh_term_stats"
PRINCIPAL = service_principal("matching")

PET_TOPICS = (
    "pets.petstar.approved",
    "pets.petstar.revoked",
    "pets.portfolio.updated",
    "pets.pet.updated",
    "pets.pet.instagram_linked",
    "pets.pet.instagram_unlinked",
)
CAMPAIGN_PHASES = (
    "draft",
    "pending_review",
    "rejected",
    "recruiting",
    "selecting",
    "announced",
    "in_progress",
    "reviewing",
    "completed",
    "cancelled",
)
OUTCOME_TOPICS = {
    "campaigns.applicant.completed": "COMPLETED",
    "campaigns.applicant.no_show": "NO_SHOW",
}


def _now() -> datetime:
    return datetime.now(UTC)


async def _index_pet(session: AsyncSession, pet_id: uuid.UUID) -> service.Outcome:
    with use_principal(PRINCIPAL):
        outcome = await service.index_pet(
            session,
            pet_id=pet_id,
            pets=GrpcPets(),
            sns=GrpcSns(),
            embedder=get_embedder(),
            now=_now(),
        )
    log.info("petstar indexed", pet_id=str(pet_id), outcome=outcome)
    return outcome


async def _index_campaign(session: AsyncSession, campaign_id: uuid.UUID) -> service.Outcome:
    with use_principal(PRINCIPAL):
        outcome = await service.index_campaign(
            session,
            campaign_id=campaign_id,
            campaigns=GrpcCampaigns(),
            embedder=get_embedder(),
            now=_now(),
        )
    log.info("campaign indexed", campaign_id=str(campaign_id), outcome=outcome)
    return outcome


async def on_pet_event(session: AsyncSession, event: Event) -> None:
    await _index_pet(session, uuid.UUID(str(event.payload["pet_id"])))


async def on_pet_deleted(session: AsyncSession, event: Event) -> None:
    await service.forget_pet(session, uuid.UUID(str(event.payload["pet_id"])))


async def on_campaign_event(session: AsyncSession, event: Event) -> None:
    await _index_campaign(session, uuid.UUID(str(event.payload["campaign_id"])))


async def on_account_synced(session: AsyncSession, event: Event) -> None:
    pet_id = await service.pet_for_account(session, uuid.UUID(str(event.payload["account_id"])))
    if pet_id is not None:
        await _index_pet(session, pet_id)


async def on_applicant_outcome(session: AsyncSession, event: Event) -> None:
    await service.record_outcome(
        session,
        applicant_id=uuid.UUID(str(event.payload["applicant_id"])),
        pet_id=uuid.UUID(str(event.payload["pet_id"])),
        outcome=OUTCOME_TOPICS[event.topic],
        now=_now(),
    )


for _topic in PET_TOPICS:
    events.subscriber(_topic, schema=SCHEMA, name=f"matching.index_pet.{_topic}")(on_pet_event)
events.subscriber("pets.pet.deleted", schema=SCHEMA, name="matching.forget_pet")(on_pet_deleted)
for _phase in CAMPAIGN_PHASES:
    events.subscriber(
        f"campaigns.campaign.{_phase}", schema=SCHEMA, name=f"matching.index_campaign.{_phase}"
    )(on_campaign_event)
events.subscriber("sns.account.synced", schema=SCHEMA, name="matching.index_synced_pet")(
    on_account_synced
)


async def on_reindex_requested(session: AsyncSession, event: Event) -> None:
    # After commit of the inbox row: the backfill itself runs as its own (retrying) task.
    celery_app.send_task(REINDEX_TASK, kwargs={"force": bool(event.payload.get("force"))})


events.subscriber(rules.REINDEX_REQUESTED_TOPIC, schema=SCHEMA, name="matching.reindex_requested")(
    on_reindex_requested
)
for _topic in OUTCOME_TOPICS:
    events.subscriber(_topic, schema=SCHEMA, name=f"matching.track.{_topic}")(on_applicant_outcome)


# --- backfill ------------------------------------------------------------------------------


@dataclass
class ReindexResult:
    petstars: dict[str, int] = field(default_factory=dict)
    campaigns: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    # Approved PetStars counted by the term statistics refresh at the end.
    documents: int = 0


Progress = Callable[[str, int, int], None]


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
    embedder = embedder or get_embedder(settings)
    result = ReindexResult()
    pets, sns, campaigns = GrpcPets(), GrpcSns(), GrpcCampaigns()
    with use_principal(PRINCIPAL):
        async with transaction(settings) as session:
            known_pets = await service.known_pet_ids(session)
            known_campaigns = await service.known_campaign_ids(session)
        pet_ids = list(dict.fromkeys([*await pets.approved_pet_ids(), *known_pets]))
        campaign_ids = list(
            dict.fromkeys([*await campaigns.recruiting_campaign_ids(), *known_campaigns])
        )
        for i, pid in enumerate(pet_ids, 1):
            try:
                async with transaction(settings) as session:
                    outcome = await service.index_pet(
                        session,
                        pet_id=pid,
                        pets=pets,
                        sns=sns,
                        embedder=embedder,
                        now=_now(),
                        force=force,
                    )
                result.petstars[outcome] = result.petstars.get(outcome, 0) + 1
            except Exception as e:  # one bad pet must not stop the backfill
                log.exception("reindex of a petstar failed", pet_id=str(pid))
                result.failed.append(f"pet {pid}: {e}")
            if progress is not None:
                progress("petstars", i, len(pet_ids))
        for i, cid in enumerate(campaign_ids, 1):
            try:
                async with transaction(settings) as session:
                    outcome = await service.index_campaign(
                        session,
                        campaign_id=cid,
                        campaigns=campaigns,
                        embedder=embedder,
                        now=_now(),
                        force=force,
                    )
                result.campaigns[outcome] = result.campaigns.get(outcome, 0) + 1
            except Exception as e:
                log.exception("reindex of a campaign failed", campaign_id=str(cid))
                result.failed.append(f"campaign {cid}: {e}")
            if progress is not None:
                progress("campaigns", i, len(campaign_ids))
        async with transaction(settings) as session:
            result.documents = await service.refresh_term_stats(session)
    return result


async def refresh_term_stats(settings: Settings | None = None) -> int:
    async with transaction(settings or get_settings()) as session:
        return await service.refresh_term_stats(session)


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


@events.subscriber("identity.account_suspended", schema=SCHEMA, name="matching.owner_suspended")
async def on_owner_suspended(session: AsyncSession, event: Event) -> None:
    await service.owner_suspended(
        session,
        owner_id=str(event.payload["user_id"]),
        until=str(event.payload.get("until") or ""),
        at=event.occurred_at,
    )


@events.subscriber("identity.account_unsuspended", schema=SCHEMA, name="matching.owner_unsuspended")
async def on_owner_unsuspended(session: AsyncSession, event: Event) -> None:
    await service.owner_unsuspended(session, owner_id=str(event.payload["user_id"]))


@on_worker_start
def load_the_model() -> None:
    get_embedder(get_settings()).warm()
