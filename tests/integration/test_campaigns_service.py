"""The campaigns service end to end over gRPC: one campaign from draft to completed, then
the advertiser's and the admins' rules for campaigns (see `campaigns_support.py` for the
stack and its participants).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from petful.campaigns.models import Campaign
from petful.contracts import campaigns as contract
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.common.v1 import species_pb2
from petful.platform.auth_context import Role
from petful.platform.settings import Settings
from tests.integration.campaigns_support import (
    ANONYMOUS,
    CODE,
    DAY,
    T0,
    Stack,
    caller,
    count,
    fields,
    payloads,
    running_stack,
    topics,
    ts,
)


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


# --- the happy path ------------------------------------------------------------------------


async def test_a_campaign_from_draft_to_completed(stack: Stack) -> None:
    rpc, advertiser, admin = stack.rpc, stack.advertiser, stack.admin
    c = await stack.draft(headcount=1)
    assert c.phase == pb.PHASE_DRAFT
    assert c.company_name == "펫풀 푸드"
    assert list(c.fields.hashtags) == ["#광고", "#강아지간식"]
    assert c.fields.post_retention_days == 180
    assert c.advertiser_user_id == advertiser.user_id
    c = await advertiser(rpc.SubmitCampaign, pb.SubmitCampaignRequest(campaign_id=c.id))
    assert c.phase == pb.PHASE_PENDING_REVIEW
    c = await admin(rpc.ApproveCampaign, pb.ApproveCampaignRequest(campaign_id=c.id))
    assert c.phase == pb.PHASE_RECRUITING
    # Public now, even without a signed-in user.
    got = await ANONYMOUS(rpc.GetCampaign, pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_RECRUITING

    stack.clock.now = T0 + 2 * DAY
    bori, chosen = await stack.apply(c.id, "보리")
    _, passed_over = await stack.apply(c.id, "콩이")
    await stack.advance(T0 + 8 * DAY)  # recruitment closes
    await stack.select(chosen)
    got = await advertiser(rpc.ConfirmSelection, pb.ConfirmSelectionRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_ANNOUNCED
    passed_over = await stack.application(advertiser, passed_over.id)
    assert passed_over.status == pb.APPLICANT_STATUS_NOT_SELECTED

    shipped = await stack.ship(chosen, carrier="CJ대한통운")
    assert shipped.status == pb.APPLICANT_STATUS_SHIPPED
    assert shipped.shipment.carrier == "CJ대한통운"
    await stack.advance(T0 + 10 * DAY)  # the activity starts
    assert (await stack.campaign(c.id)).phase == pb.PHASE_IN_PROGRESS
    sub = await stack.post(bori, chosen, "https://instagram.com/p/Cabc123/?igsh=zz")
    assert sub.status == pb.APPLICANT_STATUS_CONTENT_SUBMITTED
    assert sub.post_url == "https://www.instagram.com/p/Cabc123/"
    assert (await stack.approve(chosen)).status == pb.APPLICANT_STATUS_APPROVED

    # The activity ends: the approved post completes, and with nobody owing anything the
    # campaign completes too.
    await stack.advance(T0 + 24 * DAY)
    done = await stack.application(bori, chosen.id)
    assert done.status == pb.APPLICANT_STATUS_COMPLETED
    assert (await stack.campaign(c.id)).phase == pb.PHASE_COMPLETED
    results = await advertiser(rpc.GetReport, pb.GetReportRequest(campaign_id=c.id))
    assert (results.totals.selected, results.totals.completed, results.totals.posts) == (1, 1, 1)

    # Every step announced itself once (a draft is nobody's news).
    phases = ["PENDING_REVIEW", "RECRUITING", "SELECTING", "ANNOUNCED", "IN_PROGRESS"]
    phases += ["REVIEWING", "COMPLETED"]
    statuses = ["APPLIED", "APPLIED", "SELECTED", "NOT_SELECTED", "SHIPPED"]
    statuses += ["CONTENT_SUBMITTED", "APPROVED", "COMPLETED"]
    expected = [contract.CAMPAIGN_BY_PHASE[p].name for p in phases]
    expected += [contract.APPLICANT_BY_STATUS[s].name for s in statuses]
    assert Counter(await topics()) == Counter(expected)


# --- campaigns: the advertiser -------------------------------------------------------------


async def test_a_draft_is_private(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.draft()
    request = pb.GetCampaignRequest(campaign_id=c.id)
    for other in (caller(Role.USER), stack.rival, ANONYMOUS):
        await other.fails(rpc.GetCampaign, request, CODE.NOT_FOUND)
    assert (await stack.advertiser(rpc.GetCampaign, request)).id == c.id


async def test_only_approved_advertisers_create_campaigns(stack: Stack) -> None:
    rpc = stack.rpc
    request = pb.CreateCampaignRequest(fields=fields())
    await stack.unapproved.fails(rpc.CreateCampaign, request, CODE.PERMISSION_DENIED)
    without_profile = caller(Role.ADVERTISER)
    await without_profile.fails(rpc.CreateCampaign, request, CODE.PERMISSION_DENIED)
    await caller(Role.USER).fails(rpc.CreateCampaign, request, CODE.PERMISSION_DENIED)
    await ANONYMOUS.fails(rpc.CreateCampaign, request, CODE.UNAUTHENTICATED)
    assert await count(Campaign) == 0


async def test_invalid_fields_are_named_and_nothing_is_written(stack: Stack) -> None:
    rpc = stack.rpc
    bad = fields(
        title="",
        headcount=501,
        reward_value_krw=-1,
        product_url="shop.example",
        target_species=[],
        campaign_type=pb.CAMPAIGN_TYPE_UNSPECIFIED,
        missions=[],
        announce_at=ts(T0 + 7 * DAY),  # before recruit_end
        activity_end=ts(T0 + 10 * DAY),  # not after activity_start
    )
    err = await stack.advertiser.fails(
        rpc.CreateCampaign, pb.CreateCampaignRequest(fields=bad), CODE.INVALID_ARGUMENT
    )
    assert {f for f, _ in err.field_violations} == {
        "title",
        "headcount",
        "reward_value_krw",
        "product_url",
        "target_species",
        "campaign_type",
        "missions",
        "announce_at",
        "activity_end",
    }
    no_dates = pb.CampaignFields(title="x")
    err = await stack.advertiser.fails(
        rpc.CreateCampaign, pb.CreateCampaignRequest(fields=no_dates), CODE.INVALID_ARGUMENT
    )
    assert {"recruit_start", "activity_end"} <= {f for f, _ in err.field_violations}
    assert await count(Campaign) == 0


async def test_a_malformed_campaign_id_is_invalid(stack: Stack) -> None:
    request = pb.GetCampaignRequest(campaign_id="nope")
    await stack.advertiser.fails(stack.rpc.GetCampaign, request, CODE.INVALID_ARGUMENT)


async def test_submission_names_each_date_already_past(stack: Stack) -> None:
    c = await stack.draft()
    stack.clock.now = T0 + 9 * DAY
    err = await stack.advertiser.fails(
        stack.rpc.SubmitCampaign,
        pb.SubmitCampaignRequest(campaign_id=c.id),
        CODE.INVALID_ARGUMENT,
    )
    assert {f for f, _ in err.field_violations} == {"recruit_start", "recruit_end", "announce_at"}
    assert (await stack.campaign(c.id)).phase == pb.PHASE_DRAFT
    assert await topics() == []


async def test_a_campaign_is_submitted_once(stack: Stack) -> None:
    c = await stack.submitted()
    await stack.advertiser.fails(
        stack.rpc.SubmitCampaign,
        pb.SubmitCampaignRequest(campaign_id=c.id),
        CODE.FAILED_PRECONDITION,
    )


async def test_my_campaigns_are_mine_only(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    mine = await stack.advertiser(rpc.ListMyCampaigns, pb.ListMyCampaignsRequest())
    assert [i.id for i in mine.items] == [c.id]
    assert (await stack.rival(rpc.ListMyCampaigns, pb.ListMyCampaignsRequest())).items == []


async def test_a_rejected_campaign_is_edited_and_resubmitted(stack: Stack) -> None:
    rpc, advertiser = stack.rpc, stack.advertiser
    c = await stack.submitted()
    c = await stack.admin(
        rpc.RejectCampaign,
        pb.RejectCampaignRequest(campaign_id=c.id, reason="보상 금액을 명시하세요"),
    )
    # Rejected: anything may change, except removing the last disclosure hashtag.
    await advertiser.fails(
        rpc.UpdateCampaign,
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields(hashtags=["#강아지"])),
        CODE.INVALID_ARGUMENT,
    )
    c = await advertiser(
        rpc.UpdateCampaign,
        pb.UpdateCampaignRequest(
            campaign_id=c.id, fields=fields(headcount=5, hashtags=["#협찬", "#간식"])
        ),
    )
    assert c.fields.headcount == 5
    assert list(c.fields.hashtags) == ["#협찬", "#간식"]
    c = await advertiser(rpc.SubmitCampaign, pb.SubmitCampaignRequest(campaign_id=c.id))
    assert c.phase == pb.PHASE_PENDING_REVIEW
    assert c.phase_reason == ""


async def test_another_advertiser_cannot_edit_a_campaign(stack: Stack) -> None:
    c = await stack.draft()
    await stack.rival.fails(
        stack.rpc.UpdateCampaign,
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields()),
        CODE.NOT_FOUND,
    )


async def test_a_campaign_in_review_cannot_be_edited(stack: Stack) -> None:
    c = await stack.submitted()
    await stack.advertiser.fails(
        stack.rpc.UpdateCampaign,
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields()),
        CODE.FAILED_PRECONDITION,
    )


async def test_a_recruiting_campaign_changes_only_its_wording(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    current = {"hashtags": list(c.fields.hashtags)}  # an edit keeps the disclosure tag
    wording = {"product_description": "설명 보완", "product_url": "https://shop.example/new"}
    c = await stack.advertiser(
        rpc.UpdateCampaign,
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields(**current, **wording)),
    )
    assert c.fields.product_description == "설명 보완"
    for material in (
        {"headcount": 6},
        {"title": "새 제목"},
        {"reward_value_krw": 1},
        {"recruit_end": ts(T0 + 8 * DAY + timedelta(hours=1))},
        {"target_species": [species_pb2.SPECIES_CAT]},
    ):
        err = await stack.advertiser.fails(
            rpc.UpdateCampaign,
            pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields(**current, **material)),
            CODE.FAILED_PRECONDITION,
        )
        assert next(iter(material)) in err.detail


# --- campaigns: the review ----------------------------------------------------------------


async def test_admins_review_the_submitted_campaigns(stack: Stack) -> None:
    rpc, admin = stack.rpc, stack.admin
    c = await stack.submitted()
    queue = await admin(rpc.ListReviewQueue, pb.ListReviewQueueRequest())
    assert [i.id for i in queue.items] == [c.id]
    await stack.advertiser.fails(
        rpc.ListReviewQueue, pb.ListReviewQueueRequest(), CODE.PERMISSION_DENIED
    )
    await stack.advertiser.fails(
        rpc.ApproveCampaign, pb.ApproveCampaignRequest(campaign_id=c.id), CODE.PERMISSION_DENIED
    )
    await admin(rpc.ApproveCampaign, pb.ApproveCampaignRequest(campaign_id=c.id))
    # Nothing is announced for a draft; submission and approval are.
    assert sorted(await topics()) == [
        contract.CAMPAIGN_PENDING_REVIEW.name,
        contract.CAMPAIGN_RECRUITING.name,
    ]
    event = (await payloads(contract.CAMPAIGN_RECRUITING))[0]
    assert event["campaign_id"] == c.id
    assert event["title"] == "유기농 강아지 간식 체험단"
    assert event["advertiser_user_id"] == stack.advertiser.user_id


async def test_a_rejection_needs_a_reason_and_says_it(stack: Stack) -> None:
    rpc, admin = stack.rpc, stack.admin
    c = await stack.submitted()
    await admin.fails(
        rpc.RejectCampaign,
        pb.RejectCampaignRequest(campaign_id=c.id, reason="x"),
        CODE.INVALID_ARGUMENT,
    )
    c = await admin(
        rpc.RejectCampaign,
        pb.RejectCampaignRequest(campaign_id=c.id, reason="보상 금액을 명시하세요"),
    )
    assert c.phase == pb.PHASE_REJECTED
    assert c.phase_reason == "보상 금액을 명시하세요"
    rejected = await payloads(contract.CAMPAIGN_REJECTED)
    assert rejected[0]["reason"] == "보상 금액을 명시하세요"


async def test_approval_is_refused_after_the_recruitment_end(stack: Stack) -> None:
    c = await stack.submitted()
    stack.clock.now = T0 + 8 * DAY
    await stack.admin.fails(
        stack.rpc.ApproveCampaign,
        pb.ApproveCampaignRequest(campaign_id=c.id),
        CODE.FAILED_PRECONDITION,
    )


# --- campaigns: cancellation -----------------------------------------------------------------


async def test_an_advertiser_cancels_before_the_announcement(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    bori, a = await stack.apply(c.id, "보리")
    await stack.rival.fails(
        rpc.CancelCampaign,
        pb.CancelCampaignRequest(campaign_id=c.id, reason="다른 회사가 취소"),
        CODE.NOT_FOUND,
    )
    got = await stack.advertiser(
        rpc.CancelCampaign, pb.CancelCampaignRequest(campaign_id=c.id, reason="재고 소진")
    )
    assert got.phase == pb.PHASE_CANCELLED
    assert got.phase_reason == "재고 소진"
    # Every unfinished application is cancelled with it, with the reason.
    assert (await stack.application(bori, a.id)).status == pb.APPLICANT_STATUS_CANCELLED
    event = (await payloads(contract.APPLICANT_CANCELLED))[0]
    assert event["reason"] == "재고 소진"


async def test_after_the_announcement_only_an_admin_cancels(stack: Stack) -> None:
    rpc = stack.rpc
    c, _ = await stack.announced(headcount=1, applicants=1)
    await stack.advertiser.fails(
        rpc.CancelCampaign,
        pb.CancelCampaignRequest(campaign_id=c.id, reason="너무 늦은 취소"),
        CODE.FAILED_PRECONDITION,
    )
    got = await stack.admin(
        rpc.CancelCampaign, pb.CancelCampaignRequest(campaign_id=c.id, reason="정책 위반")
    )
    assert got.phase == pb.PHASE_CANCELLED
    assert got.selected_count == 0
