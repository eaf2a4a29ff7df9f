"""Reminders: the beat job's scan with an injected clock (minute boundaries, lead times,
batches, restarts and outages), `health.reminder.due` in the outbox with the reminder row's
id, and the in-app list at /api/v1/me/reminders.

Real services and edge as in test_health_schedules.py; the scan runs as the beat task
would (`scan_reminders_now`), at the instants the tests name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from petful.contracts import health as contracts
from petful.health.base import SEOUL
from petful.health.schedules import tasks as schedules_tasks
from petful.health.schedules.models import Reminder, Schedule
from petful.platform.db import transaction
from tests.integration.conftest import IdentityEdge, outbox_payloads
from tests.integration.health_schedules_support import Plan, body, owners_plan
from tests.integration.health_support import health_running

DUE = contracts.REMINDER_DUE.name


def kst(text: str) -> datetime:
    """ "2025-03-07 08:50" (or with seconds) in Seoul, as an aware instant."""
    fmt = "%Y-%m-%d %H:%M:%S" if text.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(text, fmt).replace(tzinfo=SEOUL)


async def scan(at: str, **kw: Any) -> int:
    result = await schedules_tasks.scan_reminders_now(kst(at), **kw)
    return result.sent


async def reminders() -> list[Reminder]:
    async with transaction() as session:
        rows = await session.scalars(sa.select(Reminder).order_by(Reminder.occurs_at))
        return list(rows)


def daily(**fields: Any) -> dict[str, Any]:
    """Every day at 09:00 from tomorrow (Friday 2025-03-07), reminders on."""
    base: dict[str, Any] = {
        "frequency": "DAILY",
        "weekdays": [],
        "times": ["09:00"],
        "start_date": "2025-03-07",
        "reminder_enabled": True,
        "reminder_lead_minutes": 10,
    }
    base.update(fields)
    return body(**base)


@pytest.fixture
async def plan(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Plan]:
    async with health_running(identity_edge, monkeypatch):
        yield await owners_plan(identity_edge)


async def create(plan: Plan, payload: dict[str, Any]) -> dict[str, Any]:
    r = await plan.create(payload)
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


async def test_a_reminder_fires_at_its_minute_once(plan: Plan) -> None:
    s = await create(plan, daily())
    assert await scan("2025-03-07 08:49:59") == 0
    assert await scan("2025-03-07 08:50:00") == 1
    # The same minute again (a second beat, a restarted worker) and the next one: nothing.
    assert await scan("2025-03-07 08:50:30") == 0
    assert await scan("2025-03-07 08:51") == 0
    (row,) = await reminders()
    assert (row.occurs_at, row.lead_minutes, row.title) == (
        kst("2025-03-07 09:00"),
        10,
        "한강 산책",
    )
    (event,) = await outbox_payloads(DUE, schema="health")
    assert event["reminder_id"] == str(row.id)
    assert event["schedule_id"] == s["id"]
    assert (event["pet_name"], event["kind"], event["sub_type"]) == ("보리", "EXERCISE", "WALK")
    assert datetime.fromisoformat(event["occurs_at"]) == datetime(2025, 3, 7, 0, 0, tzinfo=UTC)
    # The next day's fires at its own minute.
    assert await scan("2025-03-08 08:49") == 0
    assert await scan("2025-03-08 08:50") == 1


@pytest.mark.parametrize(
    ("lead", "fires"),
    [
        (0, "2025-03-10 10:00"),
        (10, "2025-03-10 09:50"),
        (30, "2025-03-10 09:30"),
        (60, "2025-03-10 09:00"),
        (1440, "2025-03-09 10:00"),
        (2880, "2025-03-08 10:00"),
        (4320, "2025-03-07 10:00"),
    ],
)
async def test_lead_times_fire_before_the_occurrence(plan: Plan, lead: int, fires: str) -> None:
    await create(
        plan,
        daily(
            frequency="NONE",
            start_date="2025-03-10",
            times=["10:00"],
            reminder_lead_minutes=lead,
        ),
    )
    before = (kst(fires) - timedelta(minutes=1)).astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")
    assert await scan(before) == 0
    assert await scan(fires) == 1
    assert await scan("2025-03-11 00:00") == 0


async def test_a_short_outage_is_caught_up_and_a_long_one_leaves_stale_reminders_out(
    plan: Plan,
) -> None:
    await create(plan, daily())
    # Down from 08:45 to 09:03: the 09:00 reminder goes out late, once.
    assert await scan("2025-03-07 08:45") == 0
    assert await scan("2025-03-07 09:03") == 1
    # Down for two days: the occurrences more than six hours gone are left out; today's
    # due one is sent.
    assert await scan("2025-03-10 08:55") == 1
    assert [r.occurs_at for r in await reminders()] == [
        kst("2025-03-07 09:00"),
        kst("2025-03-10 09:00"),
    ]


async def test_a_scan_that_runs_again_over_sent_reminders_sends_nothing(plan: Plan) -> None:
    s = await create(plan, daily())
    assert await scan("2025-03-07 08:50") == 1
    # A stale pointer (what a second scanner holding the old state would act on).
    async with transaction() as session:
        row = await session.get(Schedule, s["id"])
        assert row is not None
        row.next_occurrence_key = row.next_occurrence_at = kst("2025-03-07 09:00")
        row.next_fire_at = kst("2025-03-07 08:50")
    assert await scan("2025-03-07 08:52") == 0
    assert len(await outbox_payloads(DUE, schema="health")) == 1
    assert await scan("2025-03-08 08:50") == 1


async def test_due_schedules_go_in_batches(plan: Plan) -> None:
    for n in range(5):
        await create(plan, daily(title=f"산책 {n}"))
    result = await schedules_tasks.scan_reminders_now(kst("2025-03-07 08:50"), batch_size=2)
    assert (result.schedules, result.sent, result.batches) == (5, 5, 3)


async def test_cancelled_and_moved_occurrences(plan: Plan) -> None:
    s = await create(plan, daily())
    items = await plan.listed("2025-03-07T00:00:00+09:00", "2025-03-10T00:00:00+09:00")
    base = plan.url(f"/{s['id']}/occurrences")
    r = await plan.client.delete(f"{base}/{items[0]['key']}", headers=plan.owner)
    assert r.status_code == 200, r.text
    r = await plan.client.patch(
        f"{base}/{items[1]['key']}",
        json={"scope": "THIS", "time": "11:00", "title": "공원 산책"},
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    assert await scan("2025-03-07 08:50") == 0
    assert await scan("2025-03-08 08:50") == 0
    assert await scan("2025-03-08 10:50") == 1
    (row,) = await reminders()
    assert (row.occurs_at, row.title) == (kst("2025-03-08 11:00"), "공원 산책")
    assert await scan("2025-03-09 08:50") == 1


async def test_reminders_off_send_nothing_and_on_again_start_from_now(plan: Plan) -> None:
    s = await create(plan, daily())
    url = plan.url(f"/{s['id']}/reminder")
    assert (await plan.client.put(url, json={"enabled": False}, headers=plan.owner)).is_success
    assert await scan("2025-03-07 08:50") == 0
    plan.edge.clock.now = kst("2025-03-08 08:55")
    assert (await plan.client.put(url, json={"enabled": True}, headers=plan.owner)).is_success
    # 08:50 passed when they came back on: the 8th's is not sent, the 9th's is.
    assert await scan("2025-03-08 08:56") == 0
    assert await scan("2025-03-09 08:50") == 1
    # A deleted schedule reminds of nothing.
    assert (await plan.client.delete(plan.url(f"/{s['id']}"), headers=plan.owner)).is_success
    assert await scan("2025-03-10 08:50") == 0


async def test_my_reminders_are_listed_newest_first_in_pages(plan: Plan) -> None:
    await create(plan, daily())
    for day in ("07", "08", "09"):
        assert await scan(f"2025-03-{day} 08:50") == 1
    r = await plan.client.get("/api/v1/me/reminders", params={"page_size": 2}, headers=plan.owner)
    assert r.status_code == 200, r.text
    page = r.json()
    assert [x["occurs_at"][:10] for x in page["items"]] == ["2025-03-09", "2025-03-08"]
    assert page["items"][0]["pet_name"] == "보리"
    r = await plan.client.get(
        "/api/v1/me/reminders",
        params={"page_size": 2, "cursor": page["next_cursor"]},
        headers=plan.owner,
    )
    assert [x["occurs_at"][:10] for x in r.json()["items"]] == ["2025-03-07"]
    assert r.json()["next_cursor"] is None
    other = await owners_plan(plan.edge, "other@example.com", "나비")
    r = await plan.client.get("/api/v1/me/reminders", headers=other.owner)
    assert r.json()["items"] == []
    r = await plan.client.get("/api/v1/me/reminders", params={"cursor": "junk"}, headers=plan.owner)
    assert r.status_code == 422
