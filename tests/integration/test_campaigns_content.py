"""Shipping, content and the clock over gRPC: when content may be posted, revisions, the
grace days and no-shows, `advance_due` itself, and the results they add up to.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from petful.campaigns import tasks
from petful.campaigns.models import Submission
from petful.contracts import campaigns as contract
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.common.v1 import species_pb2
from petful.platform.auth_context import Role, service_principal
from petful.platform.jobs import BEAT_SCHEDULE, celery_app
from petful.platform.settings import Settings
from tests.integration.campaigns_support import (
    CODE,
    DAY,
    T0,
    Caller,
    Stack,
    caller,
    count,
    payloads,
    running_stack,
    topics,
    ts,
)


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


# --- shipping and content --------------------------------------------------------------------

POST = "https://instagram.com/p/Cabc123/?igsh=zz"


async def test_content_waits_for_the_activity_period(stack: Stack) -> None:
    _, [(bori, a)] = await stack.announced(headcount=1, applicants=1)
    await stack.ship(a)
    request = pb.SubmitContentRequest(applicant_id=a.id, post_url=POST)
    await bori.fails(stack.rpc.SubmitContent, request, CODE.FAILED_PRECONDITION)


async def test_a_delivery_applicant_posts_only_after_shipping(stack: Stack) -> None:
    _, [(bori, a)] = await stack.announced(headcount=1, applicants=1)
    await stack.advance(T0 + 10 * DAY)
    request = pb.SubmitContentRequest(applicant_id=a.id, post_url=POST)
    await bori.fails(stack.rpc.SubmitContent, request, CODE.FAILED_PRECONDITION)


async def test_a_post_is_an_instagram_link_of_the_owner(stack: Stack) -> None:
    rpc = stack.rpc
    _, [(bori, a), (kongi, _)] = await stack.announced(headcount=2, applicants=2)
    await stack.ship(a)
    await stack.advance(T0 + 10 * DAY)
    err = await bori.fails(
        rpc.SubmitContent,
        pb.SubmitContentRequest(applicant_id=a.id, post_url="https://blog.example/x"),
        CODE.INVALID_ARGUMENT,
    )
    assert err.field_violations[0][0] == "post_url"
    await kongi.fails(
        rpc.SubmitContent,
        pb.SubmitContentRequest(applicant_id=a.id, post_url=POST),
        CODE.NOT_FOUND,
    )


async def test_a_revision_needs_a_reason_and_the_history_stays(stack: Stack) -> None:
    rpc = stack.rpc
    _, [(bori, a)] = await stack.announced(headcount=1, applicants=1)
    await stack.ship(a)
    await stack.advance(T0 + 10 * DAY)
    await stack.post(bori, a, POST)
    await stack.advertiser.fails(
        rpc.ReviewContent,
        pb.ReviewContentRequest(applicant_id=a.id, approve=False),
        CODE.INVALID_ARGUMENT,
    )
    rev = await stack.advertiser(
        rpc.ReviewContent,
        pb.ReviewContentRequest(applicant_id=a.id, approve=False, reason="#광고 태그를 넣어주세요"),
    )
    assert rev.status == pb.APPLICANT_STATUS_REVISION_REQUESTED
    assert rev.status_reason == "#광고 태그를 넣어주세요"
    stack.clock.now += timedelta(hours=1)
    await stack.post(bori, a, "https://www.instagram.com/reel/Cxyz789/")
    ok = await stack.approve(a)
    assert ok.status == pb.APPLICANT_STATUS_APPROVED
    assert [(x.url, x.decision, x.reason) for x in ok.submissions] == [
        (
            "https://www.instagram.com/p/Cabc123/",
            pb.APPLICANT_STATUS_REVISION_REQUESTED,
            "#광고 태그를 넣어주세요",
        ),
        ("https://www.instagram.com/reel/Cxyz789/", pb.APPLICANT_STATUS_APPROVED, ""),
    ]
    assert ok.note.endswith("지원합니다!")
    assert await count(Submission) == 2


async def test_a_visit_campaign_skips_shipping(stack: Stack) -> None:
    c = await stack.recruiting(
        campaign_type=pb.CAMPAIGN_TYPE_VISIT, target_species=[species_pb2.SPECIES_CAT]
    )
    nabi, a = await stack.apply(c.id, "나비", species="CAT")
    await stack.advance(T0 + 8 * DAY)
    await stack.select(a)
    await stack.advance(T0 + 10 * DAY)  # announces and starts in one run
    request = pb.ShipApplicantRequest(applicant_id=a.id, carrier="CJ", tracking_number="1")
    await stack.advertiser.fails(stack.rpc.ShipApplicant, request, CODE.FAILED_PRECONDITION)
    sub = await stack.post(nabi, a, "https://www.instagram.com/p/Cvisit1/")
    assert sub.status == pb.APPLICANT_STATUS_CONTENT_SUBMITTED


async def test_a_pet_with_campaign_work_is_listed_for_its_deletion(stack: Stack) -> None:
    rpc = stack.rpc
    c, [(bori, a), (kongi, _)] = await stack.announced(headcount=2, applicants=2)
    request = pb.ListActiveWorkForPetRequest(pet_id=a.pet_id)
    # The pets service asks before deleting the pet.
    work = await Caller(service_principal("pets"))(rpc.ListActiveWorkForPet, request)
    assert [(w.campaign_id, w.title) for w in work.items] == [(c.id, c.fields.title)]
    assert len((await bori(rpc.ListActiveWorkForPet, request)).items) == 1
    # Another owner learns nothing about the pet.
    assert (await kongi(rpc.ListActiveWorkForPet, request)).items == []


# --- the clock -------------------------------------------------------------------------------


async def test_content_approved_after_the_activity_completes_at_once(stack: Stack) -> None:
    c, [(bori, late), _] = await stack.announced(headcount=2, applicants=2)
    await stack.advance(T0 + 10 * DAY)
    await stack.ship(late, carrier="우체국")  # shipped late, posted in the grace days
    await stack.advance(T0 + 24 * DAY)
    assert (await stack.campaign(c.id)).phase == pb.PHASE_REVIEWING
    stack.clock.now = T0 + 25 * DAY
    await stack.post(bori, late, "https://www.instagram.com/p/Clate1/")
    done = await stack.approve(late)
    assert done.status == pb.APPLICANT_STATUS_COMPLETED


async def test_after_the_grace_days_a_silent_applicant_is_a_no_show(stack: Stack) -> None:
    c, [(bori, silent)] = await stack.announced(headcount=1, applicants=1)
    await stack.advance(T0 + 24 * DAY)
    assert (await stack.campaign(c.id)).phase == pb.PHASE_REVIEWING
    result = await stack.advance(T0 + 27 * DAY)
    assert (result.campaigns_advanced, result.applicants_changed) == (1, 1)
    assert (await stack.application(bori, silent.id)).status == pb.APPLICANT_STATUS_NO_SHOW
    assert (await stack.campaign(c.id)).phase == pb.PHASE_COMPLETED
    assert (await stack.advance(T0 + 28 * DAY)).campaigns_advanced == 0
    assert (await topics()).count(contract.APPLICANT_NO_SHOW.name) == 1
    no_show = (await payloads(contract.APPLICANT_NO_SHOW))[0]
    assert no_show["applicant_id"] == silent.id
    assert no_show["owner_user_id"] == bori.user_id
    assert no_show["pet_id"] == silent.pet_id
    assert no_show["campaign_title"] == c.fields.title
    assert no_show["advertiser_user_id"] == stack.advertiser.user_id


async def test_only_admins_and_services_advance_campaigns(stack: Stack) -> None:
    rpc = stack.rpc
    await caller(Role.USER).fails(
        rpc.AdvanceDue, pb.AdvanceDueRequest(now=ts(T0)), CODE.PERMISSION_DENIED
    )
    await stack.advertiser.fails(rpc.AdvanceDue, pb.AdvanceDueRequest(), CODE.PERMISSION_DENIED)


async def test_advance_due_is_idempotent_concurrent_and_catches_up(stack: Stack) -> None:
    campaigns = [await stack.recruiting() for _ in range(3)]
    for c in campaigns:
        for _ in range(2):
            await stack.apply(c.id)
    # Nothing is due yet.
    assert (await stack.advance(T0 + 3 * DAY)).campaigns_advanced == 0

    # Very late, several runs at once: every campaign goes from RECRUITING to COMPLETED
    # (nobody selected, so nobody owes content) exactly once.
    late = T0 + 100 * DAY
    rpc, request = stack.rpc, pb.AdvanceDueRequest(now=ts(late))
    results = await Caller(service_principal("beat")).gather(
        [lambda: rpc.AdvanceDue(request) for _ in range(4)]
    )
    assert all(isinstance(r, pb.AdvanceDueResponse) for r in results), results
    assert sum(r.campaigns_advanced for r in results) == 3
    assert sum(r.applicants_changed for r in results) == 6
    for c in campaigns:
        assert (await stack.campaign(c.id)).phase == pb.PHASE_COMPLETED
    before = sorted(await topics())
    assert before.count(contract.CAMPAIGN_COMPLETED.name) == 3
    assert before.count(contract.CAMPAIGN_SELECTING.name) == 3
    assert before.count(contract.APPLICANT_NOT_SELECTED.name) == 6
    # Again, and later still: nothing more happens.
    assert (await stack.advance(late)).campaigns_advanced == 0
    assert (await stack.advance(late + 30 * DAY)).campaigns_advanced == 0
    assert sorted(await topics()) == before


async def test_the_celery_task_uses_the_injected_clock(stack: Stack) -> None:
    c = await stack.recruiting()
    assert tasks.ADVANCE_TASK in celery_app.tasks
    entry = BEAT_SCHEDULE["campaigns-advance-due"]
    assert entry["task"] == "campaigns.advance_due"
    assert entry["schedule"] == timedelta(minutes=1)
    assert await tasks.advance_due_now(lambda: T0 + 3 * DAY) == {"campaigns": 0, "applicants": 0}
    counts = await tasks.advance_due_now(lambda: T0 + 8 * DAY)
    assert counts == {"campaigns": 1, "applicants": 0}
    assert (await stack.campaign(c.id)).phase == pb.PHASE_SELECTING
    assert await tasks.advance_due_now(lambda: T0 + 8 * DAY) == {"campaigns": 0, "applicants": 0}


# --- results -------------------------------------------------------------------------------


async def test_results_count_the_selected_their_posts_and_the_cost(stack: Stack) -> None:
    rpc = stack.rpc
    c, applied = await stack.announced(headcount=3, applicants=4)
    (bori, first), (kongi, second), (_, silent), _ = applied
    for a in (first, second, silent):
        await stack.ship(a)
    await stack.advance(T0 + 10 * DAY)
    await stack.post(bori, first, "https://www.instagram.com/p/Cfirst1/")
    await stack.post(kongi, second, "https://www.instagram.com/p/Csecond/")
    await stack.approve(first)
    await stack.approve(second)
    await stack.advance(T0 + 27 * DAY)  # past the grace days: the silent one is a no-show

    results = await stack.advertiser(rpc.GetReport, pb.GetReportRequest(campaign_id=c.id))
    assert results.totals.applicants == 4
    assert results.totals.selected == 3
    assert results.totals.completed == 2
    assert results.totals.no_show == 1
    assert results.totals.posts == 2
    assert results.totals.total_cost_krw == 90000
    assert not results.totals.HasField("cost_per_engagement_krw")
    assert {r.applicant_id for r in results.rows} == {first.id, second.id, silent.id}
    assert results.csv.startswith("applicant_id,pet_id,pet_name")
    seen_by_admin = await stack.admin(rpc.GetReport, pb.GetReportRequest(campaign_id=c.id))
    assert seen_by_admin.totals == results.totals
