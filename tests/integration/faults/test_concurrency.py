"""Races: many callers at once for something only one (or a fixed number) may get.

Already covered elsewhere, not repeated here:
- 50 concurrent likes count exactly 50, and as many unlikes (some twice) leave 0:
  tests/integration/test_community_likes.py::test_fifty_concurrent_likes_count_fifty.
- 6 concurrent selections for 2 seats: test_campaigns_applicants.py (this module raises it
  to 50 callers for the last seat).
- The same Idempotency-Key sent twice in a row: test_campaigns_edge.py (this module sends
  it 20 times at once, through the whole platform).
"""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import grpc
import pytest
import sqlalchemy as sa

from petful.campaigns.models import Applicant
from petful.contracts import campaigns as contract
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.db import transaction
from petful.platform.settings import Settings
from tests.integration.campaigns_support import DAY, T0, Stack, running_stack, topics
from tests.integration.faults.conftest import ADVERTISER, Platform

RACERS = 50
HEADCOUNT = 3


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


async def test_fifty_applicants_race_for_the_last_seat(stack: Stack) -> None:
    """The campaigns, pets and advertisers services on real gRPC servers and PostgreSQL (the
    pool's 15 connections all busy): 50 selections at once for the one seat left."""
    rpc = stack.rpc
    c = await stack.recruiting(headcount=HEADCOUNT)
    applied = [a for _, a in [await stack.apply(c.id, f"펫{i}") for i in range(RACERS + 2)]]
    await stack.advance(T0 + 8 * DAY)
    await stack.select(*applied[: HEADCOUNT - 1])
    racers = applied[HEADCOUNT - 1 :][:RACERS]

    results = await stack.advertiser.gather(
        [
            functools.partial(rpc.SelectApplicant, pb.SelectApplicantRequest(applicant_id=a.id))
            for a in racers
        ]
    )
    won = [r for r in results if isinstance(r, pb.Applicant)]
    lost = [r for r in results if not isinstance(r, pb.Applicant)]
    assert len(won) == 1, results
    assert all(isinstance(e, grpc.aio.AioRpcError) for e in lost), lost
    assert {e.code() for e in lost} == {grpc.StatusCode.FAILED_PRECONDITION}
    assert (await stack.campaign(c.id)).selected_count == HEADCOUNT
    async with transaction() as session:
        selected = await session.scalar(
            sa.select(sa.func.count())
            .select_from(Applicant)
            .where(Applicant.campaign_id == uuid.UUID(c.id), Applicant.status == "SELECTED")
        )
    assert selected == HEADCOUNT
    assert (await topics()).count(contract.APPLICANT_SELECTED.name) == HEADCOUNT


def campaign_body(title: str) -> dict[str, object]:
    now = datetime.now(UTC)
    at = {
        "recruit_start": 1,
        "recruit_end": 8,
        "announce_at": 9,
        "activity_start": 10,
        "activity_end": 24,
    }
    return {
        "title": title,
        "product_name": "펫 유산균",
        "product_description": "장 건강 유산균 14포",
        "objective": "실사용 후기",
        "missions": ["개봉 사진 1장"],
        "keywords": ["유산균"],
        "hashtags": ["#펫풀"],
        "product_url": "https://petful.dev/shop/probiotics",
        "campaign_type": "DELIVERY",
        "target_species": ["DOG"],
        "headcount": 3,
        "reward_description": "유산균 1박스",
        "reward_value_krw": 30000,
        **{k: (now + days * timedelta(days=1)).isoformat() for k, days in at.items()},
    }


@pytest.mark.slow
@pytest.mark.xdist_group("devstack")
@pytest.mark.timeout(600)
async def test_twenty_creates_with_one_idempotency_key_make_one_campaign(
    platform: Platform,
) -> None:
    """Through Envoy, the edge and the campaigns process, 20 at once (a client retrying a
    slow request): one campaign, and every answer names it."""
    title = f"동시 생성 {uuid.uuid4().hex[:8]}"
    async with platform.client() as client:
        headers = await platform.login(client, ADVERTISER)
        headers["Idempotency-Key"] = f"fault-{uuid.uuid4()}"
        answers = await asyncio.gather(
            *(
                client.post(
                    "/api/v1/advertiser/campaigns", json=campaign_body(title), headers=headers
                )
                for _ in range(20)
            )
        )
    assert [r.status_code for r in answers] == [201] * 20, [r.text for r in answers]
    assert len({r.json()["id"] for r in answers}) == 1
    assert platform.sql("SELECT count(*) FROM campaigns.campaigns WHERE title = %s", title) == [
        (1,)
    ]
