"""Schedules when pets and people leave: a deleted pet's schedules and reminders go; an
owner who withdraws or is erased takes every schedule, reminder and the calendar feed;
a renamed pet is renamed in reminders. Events travel from the producers' outboxes to the
health subscribers as a worker hands them (`deliver`), each at most once.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa

from petful.contracts import identity as identity_events
from petful.contracts import pets as pets_events
from petful.health.schedules.models import CalendarFeed, Reminder, Schedule
from petful.health.schedules.tasks import scan_reminders_now
from petful.platform.db import transaction
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    identity_event,
    withdraw_via_edge,
)
from tests.integration.health_schedules_support import Plan, body, owners_plan
from tests.integration.health_support import NOW, health_running, new_pet

FEED = "/api/v1/me/calendar-feed"


@pytest.fixture
async def plan(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Plan]:
    async with health_running(identity_edge, monkeypatch):
        yield await owners_plan(identity_edge)


def reminded(**fields: object) -> dict[str, object]:
    """Daily at 16:00 (an hour after "now"), reminded at the time."""
    return body(
        times=["16:00"],
        frequency="DAILY",
        weekdays=[],
        reminder_enabled=True,
        reminder_lead_minutes=0,
        **fields,
    )


async def counts(owner: str) -> tuple[int, int, int]:
    """(schedules, reminders, feeds) of the owner, soft-deleted schedules included."""
    oid = uuid.UUID(owner)
    async with transaction() as session:
        schedules = await session.scalar(
            sa.select(sa.func.count()).select_from(Schedule).where(Schedule.owner_id == oid)
        )
        reminders = await session.scalar(
            sa.select(sa.func.count()).select_from(Reminder).where(Reminder.owner_id == oid)
        )
        feeds = await session.scalar(
            sa.select(sa.func.count()).select_from(CalendarFeed).where(CalendarFeed.owner_id == oid)
        )
    return int(schedules or 0), int(reminders or 0), int(feeds or 0)


async def with_data(plan: Plan) -> str:
    """Two pets' schedules (one soft-deleted), a reminder sent, the feed on; the owner id."""
    await plan.created(**reminded())
    gone = await plan.created(title="지운 일정")
    assert (await plan.client.delete(plan.url(f"/{gone['id']}"), headers=plan.owner)).is_success
    other = await new_pet(plan.edge, plan.owner, "콩이")
    r = await plan.client.post(
        f"/api/v1/pets/{other}/schedules", json=reminded(title="콩이 산책"), headers=plan.owner
    )
    assert r.status_code == 201, r.text
    assert (await scan_reminders_now(NOW.replace(hour=7))).sent == 2  # 16:00 in Seoul
    assert (await plan.client.post(FEED, headers=plan.owner)).is_success
    owner = plan.edge.users["owner@example.com"]
    assert await counts(owner) == (3, 2, 1)
    return owner


async def test_a_deleted_pet_takes_its_schedules_and_reminders(plan: Plan) -> None:
    owner = await with_data(plan)
    assert (await plan.client.delete(f"/api/v1/pets/{plan.pet_id}", headers=plan.owner)).is_success
    topic = pets_events.PET_DELETED.name
    assert await deliver(topic, "pets", "health.schedules.forget_pet") == 1
    assert await counts(owner) == (1, 1, 1)  # 콩이's stay
    assert await deliver(topic, "pets", "health.schedules.forget_pet") == 0


async def test_a_withdrawn_owner_takes_everything(plan: Plan) -> None:
    owner = await with_data(plan)
    stranger = await owners_plan(plan.edge, "stranger@example.com", "나비")
    await stranger.created()
    await withdraw_via_edge(plan.edge, plan.owner)
    topic = identity_events.ACCOUNT_WITHDRAWN.name
    assert await deliver(topic, "identity", "health.schedules.owner_withdrawn") == 1
    assert await counts(owner) == (0, 0, 0)
    assert (await counts(plan.edge.users["stranger@example.com"]))[0] == 1


async def test_an_erased_owner_takes_everything_once(plan: Plan) -> None:
    owner = await with_data(plan)
    await identity_event(
        identity_events.ACCOUNT_ERASED, identity_events.AccountErased(user_id=uuid.UUID(owner))
    )
    topic = identity_events.ACCOUNT_ERASED.name
    assert await deliver(topic, "identity", "health.schedules.owner_erased") == 1
    assert await counts(owner) == (0, 0, 0)
    assert await deliver(topic, "identity", "health.schedules.owner_erased") == 0


async def test_a_renamed_pet_is_renamed_in_reminders(plan: Plan) -> None:
    await plan.created(**reminded())
    r = await plan.client.patch(
        f"/api/v1/pets/{plan.pet_id}", json={"name": "보리보리"}, headers=plan.owner
    )
    assert r.status_code == 200, r.text
    assert await deliver(pets_events.PET_UPDATED.name, "pets", "health.schedules.rename_pet") >= 1
    assert (await scan_reminders_now(NOW.replace(hour=7))).sent == 1
    async with transaction() as session:
        (row,) = (await session.scalars(sa.select(Reminder))).all()
    assert row.pet_name == "보리보리"
