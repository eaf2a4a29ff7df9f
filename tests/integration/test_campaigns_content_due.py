"""Content-due reminders over real PostgreSQL and the campaigns gRPC server: a selected
PetStar who still owes content gets `campaigns.applicant.content_due_soon` 3 days and 1 day
before the content deadline, each once, whatever the runs and workers; those who posted do
not. The job runs with an injected clock, never by waiting.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from petful.campaigns import tasks
from petful.campaigns.models import ContentReminder
from petful.campaigns.service import reminders
from petful.contracts import campaigns as contract
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.db import transaction
from petful.platform.jobs import BEAT_SCHEDULE, celery_app
from petful.platform.settings import Settings
from tests.integration.campaigns_support import (
    DAY,
    T0,
    Stack,
    payloads,
    running_stack,
    ts_dt,
)

HOUR, MINUTE = timedelta(hours=1), timedelta(minutes=1)


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


async def remind(at: datetime) -> int:
    """One run of the job (the Celery task's body) at `at`; the reminders it sent."""
    return await tasks.remind_content_due_now(lambda: at)


async def sent() -> list[tuple[str, int]]:
    """(applicant id, days left) of every content-due event written, oldest first."""
    return [(p["applicant_id"], p["days_left"]) for p in await payloads(contract.CONTENT_DUE_SOON)]


def deadline_of(stack: Stack, c: pb.Campaign) -> datetime:
    grace = stack.settings.campaigns.content_grace_days
    return ts_dt(c.fields.activity_end) + timedelta(days=grace)


async def test_the_owing_are_reminded_three_days_and_one_day_before(stack: Stack) -> None:
    rpc = stack.rpc
    c, applied = await stack.announced(headcount=5, applicants=6)
    (_, shipped), (kongi, revised), (_, waiting), (dubu, approved), (nabi, posted), _ = applied
    deadline = deadline_of(stack, c)
    for a in (shipped, revised, approved, posted):
        await stack.ship(a)
    # `waiting` stays SELECTED: the parcel is not sent yet, the deadline stands all the same.
    await stack.advance(T0 + 10 * DAY)
    await stack.post(kongi, revised, "https://www.instagram.com/p/Crevise1/")
    request = pb.ReviewContentRequest(
        applicant_id=revised.id, approve=False, reason="#광고 태그를 넣어주세요"
    )
    await stack.advertiser(rpc.ReviewContent, request)
    await stack.post(dubu, approved, "https://www.instagram.com/p/Capprov1/")
    assert (await stack.approve(approved)).status == pb.APPLICANT_STATUS_APPROVED
    # Submitted but not reviewed: accepted at the deadline, so nothing is owed any more.
    await stack.post(nabi, posted, "https://www.instagram.com/p/Cposted1/")
    owing = {shipped.id, revised.id, waiting.id}

    assert await remind(deadline - 4 * DAY) == 0
    assert await remind(deadline - 3 * DAY - MINUTE) == 0
    assert await sent() == []

    assert await remind(deadline - 3 * DAY) == 3
    assert sorted(await sent()) == sorted((a, 3) for a in owing)
    # Reruns, later the same day and the next: still one 3-day reminder each.
    assert await remind(deadline - 3 * DAY) == 0
    assert await remind(deadline - 3 * DAY + 10 * MINUTE) == 0
    await stack.advance(T0 + 24 * DAY)  # the activity ends: REVIEWING, `approved` completes
    assert (await stack.campaign(c.id)).phase == pb.PHASE_REVIEWING
    assert await remind(deadline - 2 * DAY) == 0
    assert len(await sent()) == 3

    assert await remind(deadline - DAY) == 3
    assert await remind(deadline - DAY + 10 * MINUTE) == 0
    assert await remind(deadline - MINUTE) == 0
    assert await remind(deadline) == 0
    assert sorted(await sent()) == sorted([(a, 3) for a in owing] + [(a, 1) for a in owing])

    events = await payloads(contract.CONTENT_DUE_SOON)
    first = next(p for p in events if p["applicant_id"] == shipped.id and p["days_left"] == 3)
    assert first == {
        "campaign_id": c.id,
        "campaign_title": c.fields.title,
        "company_name": "펫풀 푸드",
        "applicant_id": shipped.id,
        "pet_id": shipped.pet_id,
        "pet_name": "펫0",
        "owner_user_id": applied[0][0].user_id,
        "deadline": first["deadline"],
        "days_left": 3,
    }
    assert datetime.fromisoformat(first["deadline"]) == deadline
    last = next(p for p in events if p["applicant_id"] == revised.id and p["days_left"] == 1)
    assert last["owner_user_id"] == kongi.user_id
    assert datetime.fromisoformat(last["deadline"]) == deadline


async def test_a_first_run_within_the_last_day_sends_only_the_one_day_reminder(
    stack: Stack,
) -> None:
    c, [(_, a)] = await stack.announced(headcount=1, applicants=1)
    deadline = deadline_of(stack, c)
    await stack.ship(a)
    await stack.advance(T0 + 24 * DAY)
    assert await remind(deadline - 20 * HOUR) == 1
    assert await sent() == [(a.id, 1)]
    assert await remind(deadline - 19 * HOUR) == 0
    assert await sent() == [(a.id, 1)]


async def test_concurrent_runs_send_each_reminder_once(stack: Stack) -> None:
    c, applied = await stack.announced(headcount=3, applicants=3)
    at = deadline_of(stack, c) - 2 * DAY
    counts = await asyncio.gather(*(remind(at) for _ in range(3)))
    assert sum(counts) == 3
    assert sorted(await sent()) == sorted((a.id, 3) for _, a in applied)
    async with transaction() as session:
        rows = (await session.execute(sa.select(ContentReminder))).scalars().all()
    assert {(r.applicant_id, r.days_left) for r in rows} == {
        (uuid.UUID(a.id), 3) for _, a in applied
    }


async def test_a_run_takes_every_batch(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reminders, "BATCH_SIZE", 2)
    c, applied = await stack.announced(headcount=5, applicants=5)
    assert await remind(deadline_of(stack, c) - 3 * DAY) == 5
    assert sorted(await sent()) == sorted((a.id, 3) for _, a in applied)


async def test_the_not_selected_and_settled_campaigns_get_none(stack: Stack) -> None:
    c, [_, (_, rejected)] = await stack.announced(headcount=1, applicants=2)
    deadline = deadline_of(stack, c)
    assert (
        await stack.application(stack.advertiser, rejected.id)
    ).status == pb.APPLICANT_STATUS_NOT_SELECTED
    # At the deadline the clock made the silent one a no-show and completed the campaign;
    # a run that reads an older clock (a worker behind) finds nobody to remind.
    await stack.advance(deadline)
    assert (await stack.campaign(c.id)).phase == pb.PHASE_COMPLETED
    assert await remind(deadline - 20 * HOUR) == 0
    assert await remind(deadline - 2 * DAY) == 0
    assert await sent() == []


async def test_the_task_is_scheduled_every_ten_minutes() -> None:
    assert tasks.REMIND_TASK == "campaigns.remind_content_due"
    assert tasks.REMIND_TASK in celery_app.tasks
    entry = BEAT_SCHEDULE["campaigns-remind-content-due"]
    assert entry["task"] == tasks.REMIND_TASK
    assert entry["schedule"] == timedelta(minutes=10)
