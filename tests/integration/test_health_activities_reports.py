"""The activity log's reports, the pet's weight it tells pets, and what leaving removes.

Same servers as test_health_activities.py (health_activities_support.py); events go from
an outbox to one subscriber as a worker hands them (`deliver`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from petful.contracts import health as health_events
from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.health.activities import demo as activities_demo
from petful.health.activities.models import ActivityRecord, Meal
from petful.health.base import SEOUL
from petful.pets import tasks as pets_tasks  # noqa: F401 - registers pets.record_weight
from petful.platform import outbox
from petful.platform.db import transaction
from petful.platform.settings import Settings
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    identity_event,
    outbox_payloads,
    problem_fields,
    withdraw_via_edge,
)
from tests.integration.health_activities_support import Log, day_body, owners_log
from tests.integration.health_support import TODAY, health_running, new_pet

WEIGHT = health_events.WEIGHT_RECORDED.name


@pytest.fixture
async def log(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Log]:
    async with health_running(identity_edge, monkeypatch):
        yield await owners_log(identity_edge)


def meal(consumed_g: float) -> dict[str, Any]:
    return {
        "meal_type": "BREAKFAST",
        "package_g": 100,
        "package_kcal": 360,
        "consumed_g": consumed_g,
    }


# --- reports ---------------------------------------------------------------------------------


async def test_a_report_has_every_day_totals_averages_scores_and_the_weight_trend(
    log: Log,
) -> None:
    first, gap = TODAY - timedelta(days=2), TODAY - timedelta(days=1)
    await log.created(
        first, walk_km=2, weight_kg=3.6, sleep_hours=12, poop_count=1, pee_count=3, meals=[meal(50)]
    )
    await log.created(
        TODAY,
        walk_km=4,
        weight_kg=3.4,
        sleep_hours=14,
        poop_count=3,
        pee_count=5,
        meals=[meal(150)],
    )

    r = await log.report(first.isoformat(), TODAY.isoformat())
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["from"], report["to"]) == (first.isoformat(), TODAY.isoformat())
    assert [(d["date"], d["recorded"]) for d in report["days"]] == [
        (first.isoformat(), True),
        (gap.isoformat(), False),
        (TODAY.isoformat(), True),
    ]
    assert report["days"][1]["walk_km"] is None  # a gap, not a zero
    assert (report["days"][0]["burn_recommended_kcal"], report["days"][0]["intake_kcal"]) == (
        378,
        180,
    )
    assert report["totals"] == {
        "recorded_days": 2,
        "walk_km": 6.0,
        "burn_actual_kcal": 45,
        "burn_recommended_kcal": 735,
        "intake_kcal": 720,
        "intake_recommended_kcal": 1050,
        "poop_count": 4,
        "pee_count": 8,
        "sleep_hours": 26.0,
    }
    assert report["averages"] == {
        "walk_km": 3.0,
        "burn_actual_kcal": 22.5,
        "intake_kcal": 360.0,
        "sleep_hours": 13.0,
        "poop_count": 2.0,
        "pee_count": 4.0,
    }
    scores = report["scores"]
    # 45 / 735 of the recommended burn; 720 / 1050 = 68.6 % of the intake: below the 60 band.
    assert (scores["walk_achievement"], scores["intake_balance"]) == (6, 59)
    assert (scores["pee"], scores["poop"], scores["excretion"], scores["sleep_quality"]) == (
        100,
        100,
        100,
        100,
    )
    assert report["weight"] == {
        "points": [
            {"date": first.isoformat(), "weight_kg": 3.6},
            {"date": TODAY.isoformat(), "weight_kg": 3.4},
        ],
        "first_kg": 3.6,
        "last_kg": 3.4,
        "change_kg": -0.2,
        "change_percent": -5.6,
    }
    assert report["recommended_sleep_hours"] == 13


async def test_a_day_without_meals_is_not_a_day_without_food(log: Log) -> None:
    await log.created(TODAY - timedelta(days=1), meals=[meal(150)])  # 540 of 510 kcal
    await log.created(TODAY, meals=[])
    report = (await log.report()).json()
    assert report["days"][-1]["intake_kcal"] is None
    assert report["scores"]["intake_balance"] == 100  # 540 / 510 = 106 %
    assert report["averages"]["intake_kcal"] == 540.0


async def test_an_empty_range_has_no_scores(log: Log) -> None:
    report = (await log.report()).json()
    # No range given: the 7 days ending today in Seoul.
    assert (report["from"], report["to"]) == (
        (TODAY - timedelta(days=6)).isoformat(),
        TODAY.isoformat(),
    )
    assert len(report["days"]) == 7
    assert report["totals"]["recorded_days"] == 0
    assert set(report["scores"].values()) == {None}
    assert report["weight"]["points"] == []
    assert report["weight"]["change_kg"] is None


async def test_a_report_covers_up_to_92_days(log: Log) -> None:
    start = TODAY - timedelta(days=91)
    await log.created(start)
    r = await log.report(start.isoformat(), TODAY.isoformat())
    assert r.status_code == 200, r.text
    assert (len(r.json()["days"]), r.json()["totals"]["recorded_days"]) == (92, 1)
    r = await log.report((start - timedelta(days=1)).isoformat(), TODAY.isoformat())
    assert (r.status_code, problem_fields(r)) == (422, {"to"})
    r = await log.report(TODAY.isoformat(), start.isoformat())
    assert (r.status_code, problem_fields(r)) == (422, {"to"})
    r = await log.report("2025-13-01")
    assert (r.status_code, problem_fields(r)) == (422, {"from"})


# --- the pet's weight ------------------------------------------------------------------------


async def pet_weight(log: Log) -> float | None:
    r = await log.client.get(f"/api/v1/pets/{log.pet_id}", headers=log.owner)
    assert r.status_code == 200, r.text
    weight: float | None = r.json()["weight_kg"]
    return weight


async def test_the_newest_days_weight_becomes_the_pets_weight(log: Log) -> None:
    await log.created(TODAY - timedelta(days=1), weight_kg=3.2)
    assert await deliver(WEIGHT, "health", "pets.record_weight") == 1
    # The weight typed on the pet card today (3.0 when the pet was made) is newer.
    assert await pet_weight(log) == 3.0

    await log.created(TODAY, weight_kg=3.5)
    # An older day's record is not the newest weight: no event for it.
    await log.created(TODAY - timedelta(days=5), weight_kg=9.0)
    sent = await outbox_payloads(WEIGHT, schema="health")
    assert [(p["measured_on"], p["weight_kg"]) for p in sent] == [
        ((TODAY - timedelta(days=1)).isoformat(), 3.2),
        (TODAY.isoformat(), 3.5),
    ]
    assert sent[0]["pet_id"] == log.pet_id
    assert await deliver(WEIGHT, "health", "pets.record_weight") == 1
    assert await pet_weight(log) == 3.5

    log.edge.clock.advance(timedelta(minutes=5))
    r = await log.patch(TODAY, {"weight_kg": 3.6})
    assert r.status_code == 200, r.text
    assert await deliver(WEIGHT, "health", "pets.record_weight") == 1
    assert await pet_weight(log) == 3.6
    # Editing something else than the weight tells pets nothing.
    await log.patch(TODAY, {"walk_km": 1})
    assert len(await outbox_payloads(WEIGHT, schema="health")) == 3


async def test_pets_ignores_a_measurement_older_than_the_one_it_has(log: Log) -> None:
    owner_id = uuid.UUID(log.edge.users["bori@example.com"])
    pet_id = uuid.UUID(log.pet_id)
    at = datetime(2025, 3, 6, 6, 0, tzinfo=UTC)

    async def send(day_offset: int, kg: float, written: datetime) -> None:
        async with transaction() as session:
            await outbox.add_event(
                session,
                "health",
                health_events.WEIGHT_RECORDED,
                health_events.WeightRecorded(
                    pet_id=pet_id,
                    owner_id=owner_id,
                    weight_kg=kg,
                    measured_on=TODAY - timedelta(days=day_offset),
                    recorded_at=written,
                ),
                now=written,
            )

    # Delivered in this order: the newest day, then an older day, then an earlier edit of
    # the newest day, then a later edit of it.
    await send(0, 3.5, at)
    await send(3, 9.9, at + timedelta(minutes=1))
    await send(0, 4.4, at - timedelta(minutes=1))
    await send(0, 3.7, at + timedelta(minutes=2))
    for _ in range(4):
        await deliver(WEIGHT, "health", "pets.record_weight")
    assert await pet_weight(log) == 3.7


async def test_a_weight_for_someone_elses_pet_changes_nothing(log: Log) -> None:
    async with transaction() as session:
        await outbox.add_event(
            session,
            "health",
            health_events.WEIGHT_RECORDED,
            health_events.WeightRecorded(
                pet_id=uuid.UUID(log.pet_id),
                owner_id=uuid.uuid4(),
                weight_kg=50,
                measured_on=TODAY,
                recorded_at=datetime.now(UTC),
            ),
        )
    assert await deliver(WEIGHT, "health", "pets.record_weight") == 1
    assert await pet_weight(log) == 3.0


# --- privacy -----------------------------------------------------------------------------------


async def stored() -> tuple[set[uuid.UUID], int]:
    """The pets with records, and the number of meals kept."""
    async with transaction() as session:
        pets = set((await session.scalars(sa.select(ActivityRecord.pet_id))).all())
        meals = await session.scalar(sa.select(sa.func.count()).select_from(Meal))
    return pets, int(meals or 0)


async def test_a_deleted_pets_log_goes(log: Log) -> None:
    other = await new_pet(log.edge, log.owner, "콩이")
    await log.created(TODAY)
    r = await log.client.post(
        f"/api/v1/pets/{other}/activities", json=day_body(TODAY), headers=log.owner
    )
    assert r.status_code == 201, r.text
    r = await log.client.delete(f"/api/v1/pets/{log.pet_id}", headers=log.owner)
    assert r.status_code == 204, r.text

    forget = "health.activities.forget_pet"
    assert await deliver(pets_events.PET_DELETED.name, "pets", forget) == 1
    assert await stored() == ({uuid.UUID(other)}, 2)
    assert await deliver(pets_events.PET_DELETED.name, "pets", forget) == 0  # redelivery


async def test_leaving_removes_the_log_and_erasure_removes_anything_left(log: Log) -> None:
    edge: IdentityEdge = log.edge
    await log.created(TODAY)
    neighbour = await headers_for(edge, "neighbour@example.com")
    theirs = await new_pet(edge, neighbour, "초코")
    r = await edge.client.post(
        f"/api/v1/pets/{theirs}/activities", json=day_body(TODAY), headers=neighbour
    )
    assert r.status_code == 201, r.text

    # Withdrawing removes the pets (pets' subscriber), and each deleted pet its log.
    await withdraw_via_edge(edge, log.owner)
    await deliver(identity_events.ACCOUNT_WITHDRAWN.name, "identity", "pets.owner_withdrawn")
    await deliver(pets_events.PET_DELETED.name, "pets", "health.activities.forget_pet")
    assert (await stored())[0] == {uuid.UUID(theirs)}

    # Erasure takes whatever is left under the owner (here: a row written meanwhile).
    owner_id = uuid.UUID(edge.users["neighbour@example.com"])
    await identity_event(
        identity_events.ACCOUNT_ERASED, identity_events.AccountErased(user_id=owner_id)
    )
    assert (
        await deliver(
            identity_events.ACCOUNT_ERASED.name, "identity", "health.activities.forget_owner"
        )
        == 1
    )
    assert await stored() == (set(), 0)


# --- demo data -----------------------------------------------------------------------------------


async def test_the_demo_seed_writes_30_days_ending_today_once(settings: Settings) -> None:
    demo = {
        "account_ids": {"owner@petful.dev": str(uuid.uuid4())},
        "pet_ids": {"보리": str(uuid.uuid4())},
    }
    async with transaction() as session:
        assert await activities_demo.seed(session, demo) == "30 activity days"
    async with transaction() as session:
        assert await activities_demo.seed(session, demo) == "0 activity days"
        records = (
            await session.scalars(
                sa.select(ActivityRecord)
                .options(selectinload(ActivityRecord.meals))
                .order_by(ActivityRecord.day)
            )
        ).all()
    today = datetime.now(SEOUL).date()
    assert [r.day for r in records] == [today - timedelta(days=29 - i) for i in range(30)]
    assert all(r.meals and r.intake_kcal > 0 for r in records)
    assert records[-1].weight_kg == 3.4  # what the pets seed gave 보리
