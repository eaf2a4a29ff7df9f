"""Matching subscribers and the demo seed on the real database (no other services)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa

from petful.matching import demo, repository, rules, tasks
from petful.platform import events, outbox
from petful.platform.db import transaction
from petful.platform.outbox import Event
from petful.platform.settings import Settings


def _event(topic: str, payload: dict[str, object]) -> Event:
    return Event(uuid.uuid4(), topic, "campaigns", payload, datetime.now(UTC))


def _matching_sub(topic: str) -> events.Subscription:
    (sub,) = [s for s in events.subscribers_of(topic) if s.schema == "matching"]
    return sub


async def test_every_source_topic_has_a_matching_subscriber() -> None:
    topics = [
        *tasks.PET_TOPICS,
        "pets.pet.deleted",
        "sns.account.synced",
        rules.REINDEX_REQUESTED_TOPIC,
        *(f"campaigns.campaign.{p}" for p in tasks.CAMPAIGN_PHASES),
        *tasks.OUTCOME_TOPICS,
    ]
    for topic in topics:
        assert _matching_sub(topic).name.startswith("matching.")


async def test_outcomes_count_once_per_applicant(settings: Settings) -> None:
    pet = uuid.uuid4()
    completed = _event(
        "campaigns.applicant.completed", {"applicant_id": str(uuid.uuid4()), "pet_id": str(pet)}
    )
    no_show = _event(
        "campaigns.applicant.no_show", {"applicant_id": str(uuid.uuid4()), "pet_id": str(pet)}
    )
    assert await events.consume(_matching_sub(completed.topic), completed)
    assert not await events.consume(_matching_sub(completed.topic), completed)  # redelivered
    assert await events.consume(_matching_sub(no_show.topic), no_show)
    async with transaction(settings) as session:
        track = (await repository.tracks(session, [pet]))[pet]
    assert track == rules.Track(completed=1, no_show=1)


async def test_deleted_pet_and_unknown_account_events(settings: Settings) -> None:
    gone = _event("pets.pet.deleted", {"pet_id": str(uuid.uuid4())})
    assert await events.consume(_matching_sub(gone.topic), gone)
    # An account no indexed pet uses: nothing to do (and no call to other services).
    synced = _event("sns.account.synced", {"account_id": str(uuid.uuid4())})
    assert await events.consume(_matching_sub(synced.topic), synced)


async def test_demo_seed_requests_one_reindex(settings: Settings) -> None:
    async with transaction(settings) as session:
        summary = await demo.seed(session, {"pet_ids": {"보리": str(uuid.uuid4())}})
    assert "reindex requested" in summary
    table = outbox.outbox_table("matching")
    async with transaction(settings) as session:
        rows = (
            await session.execute(
                sa.select(table.c.payload).where(table.c.topic == rules.REINDEX_REQUESTED_TOPIC)
            )
        ).all()
    assert len(rows) == 1
    assert rows[0][0]["pets"] == 1
