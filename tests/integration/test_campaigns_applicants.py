"""Applications and selection over gRPC: who may apply to what and when, who sees an
application, and the headcount under concurrent selections.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import grpc
import pytest
import sqlalchemy as sa

from petful.campaigns.models import Applicant
from petful.contracts import campaigns as contract
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.settings import Settings
from tests.integration.campaigns_support import (
    CODE,
    DAY,
    T0,
    Stack,
    caller,
    payloads,
    running_stack,
    topics,
)


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


# --- applications ----------------------------------------------------------------------------

NOTE = "저희 보리가 간식을 정말 좋아해요"


async def test_a_petstar_applies_and_edits_the_note(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    bori, pet_id = await stack.owner("보리")
    a = await bori(rpc.Apply, pb.ApplyRequest(campaign_id=c.id, pet_id=pet_id, note=NOTE))
    assert a.status == pb.APPLICANT_STATUS_APPLIED
    assert a.note == NOTE
    assert a.pet_name == "보리"
    assert (await stack.campaign(c.id)).applicant_count == 1
    event = (await payloads(contract.APPLICANT_APPLIED))[0]
    assert (event["pet_name"], event["owner_user_id"]) == ("보리", bori.user_id)
    assert (event["campaign_title"], event["company_name"]) == (c.fields.title, "펫풀 푸드")
    a = await bori(
        rpc.UpdateApplication,
        pb.UpdateApplicationRequest(applicant_id=a.id, note="메모를 고쳐 씁니다 :)"),
    )
    assert a.note == "메모를 고쳐 씁니다 :)"


async def test_applying_needs_a_public_recruiting_campaign(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.draft()
    bori, pet_id = await stack.owner("보리")
    request = pb.ApplyRequest(campaign_id=c.id, pet_id=pet_id, note=NOTE)
    await bori.fails(rpc.Apply, request, CODE.NOT_FOUND)  # not public yet
    await stack.advertiser(rpc.SubmitCampaign, pb.SubmitCampaignRequest(campaign_id=c.id))
    await stack.admin(rpc.ApproveCampaign, pb.ApproveCampaignRequest(campaign_id=c.id))
    await bori.fails(rpc.Apply, request, CODE.FAILED_PRECONDITION)  # recruitment not started
    await stack.advance(T0 + 8 * DAY)
    await bori.fails(rpc.Apply, request, CODE.FAILED_PRECONDITION)  # recruitment closed


async def test_an_application_names_its_invalid_fields(stack: Stack) -> None:
    c = await stack.recruiting()
    bori, _ = await stack.owner("보리")
    err = await bori.fails(
        stack.rpc.Apply,
        pb.ApplyRequest(campaign_id=c.id, pet_id="x", note="short"),
        CODE.INVALID_ARGUMENT,
    )
    assert {f for f, _ in err.field_violations} == {"pet_id", "note"}


async def test_only_your_approved_petstar_of_a_wanted_species_applies(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    bori, dog = await stack.owner("보리")
    not_star = await stack.pets.add(bori, approved=False)
    cat = await stack.pets.add(bori, species="CAT")
    someone_elses = await stack.pets.add(caller(Role.USER))
    for pet_id, code in (
        (not_star, CODE.FAILED_PRECONDITION),
        (cat, CODE.FAILED_PRECONDITION),
        (someone_elses, CODE.NOT_FOUND),
        (str(uuid.uuid4()), CODE.NOT_FOUND),
    ):
        request = pb.ApplyRequest(campaign_id=c.id, pet_id=pet_id, note=NOTE)
        await bori.fails(rpc.Apply, request, code)
    # Advertisers do not apply.
    request = pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=NOTE)
    await stack.advertiser.fails(rpc.Apply, request, CODE.PERMISSION_DENIED)


async def test_a_pet_applies_once(stack: Stack) -> None:
    c = await stack.recruiting()
    bori, pet_id = await stack.owner("보리")
    request = pb.ApplyRequest(campaign_id=c.id, pet_id=pet_id, note=NOTE)
    await bori(stack.rpc.Apply, request)
    err = await bori.fails(stack.rpc.Apply, request, CODE.ALREADY_EXISTS)
    assert err.field_violations == (("pet_id", "already applied to this campaign"),)


async def test_an_application_is_seen_by_its_owner_and_advertiser_only(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    _, a = await stack.apply(c.id, "보리")
    kongi = caller(Role.USER)
    await kongi.fails(
        rpc.UpdateApplication,
        pb.UpdateApplicationRequest(applicant_id=a.id, note="남의 지원서 수정 시도"),
        CODE.NOT_FOUND,
    )
    request = pb.GetApplicationRequest(applicant_id=a.id)
    await kongi.fails(rpc.GetApplication, request, CODE.NOT_FOUND)
    await stack.rival.fails(rpc.GetApplication, request, CODE.NOT_FOUND)
    assert (await stack.advertiser(rpc.GetApplication, request)).id == a.id


async def test_a_cancelled_application_may_be_replaced(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    bori, pet_id = await stack.owner("보리")
    apply = pb.ApplyRequest(campaign_id=c.id, pet_id=pet_id, note=NOTE)
    first = await bori(rpc.Apply, apply)
    first = await bori(rpc.CancelApplication, pb.CancelApplicationRequest(applicant_id=first.id))
    assert first.status == pb.APPLICANT_STATUS_CANCELLED
    stack.clock.now += timedelta(minutes=1)
    again = await bori(rpc.Apply, apply)
    assert again.id != first.id

    mine = await bori(rpc.ListMyApplications, pb.ListMyApplicationsRequest())
    assert [i.id for i in mine.items] == [again.id, first.id]
    one = await bori(rpc.ListMyApplications, pb.ListMyApplicationsRequest(campaign_id=c.id))
    assert [i.id for i in one.items] == [again.id, first.id]
    others = await caller(Role.USER)(rpc.ListMyApplications, pb.ListMyApplicationsRequest())
    assert others.items == []
    paged = await bori(rpc.ListMyApplications, pb.ListMyApplicationsRequest(page_size=1))
    assert [i.id for i in paged.items] == [again.id]
    rest = await bori(
        rpc.ListMyApplications,
        pb.ListMyApplicationsRequest(page_size=1, cursor=paged.next_cursor),
    )
    assert [i.id for i in rest.items] == [first.id]
    assert rest.next_cursor == ""


async def test_applications_freeze_when_recruitment_closes(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting()
    bori, a = await stack.apply(c.id, "보리")
    await stack.advance(T0 + 8 * DAY)
    await bori.fails(
        rpc.UpdateApplication,
        pb.UpdateApplicationRequest(applicant_id=a.id, note="마감 후 수정 시도입니다"),
        CODE.FAILED_PRECONDITION,
    )
    await bori.fails(
        rpc.CancelApplication,
        pb.CancelApplicationRequest(applicant_id=a.id),
        CODE.FAILED_PRECONDITION,
    )
    kongi = await stack.pets.add(bori, name="콩이")
    await bori.fails(
        rpc.Apply,
        pb.ApplyRequest(campaign_id=c.id, pet_id=kongi, note=NOTE),
        CODE.FAILED_PRECONDITION,
    )


# --- selection -------------------------------------------------------------------------------


async def test_selection_waits_for_recruitment_to_close(stack: Stack) -> None:
    c = await stack.recruiting()
    _, a = await stack.apply(c.id, "보리")
    await stack.advertiser.fails(
        stack.rpc.SelectApplicant,
        pb.SelectApplicantRequest(applicant_id=a.id),
        CODE.FAILED_PRECONDITION,
    )


async def test_concurrent_selections_stop_at_the_headcount(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting(headcount=2)
    applied = [a for _, a in [await stack.apply(c.id, f"펫{i}") for i in range(6)]]
    await stack.advance(T0 + 8 * DAY)

    results = await stack.advertiser.gather(
        [
            (lambda a=a: rpc.SelectApplicant(pb.SelectApplicantRequest(applicant_id=a.id)))
            for a in applied
        ]
    )
    ok = [r for r in results if isinstance(r, pb.Applicant)]
    failed = [r for r in results if isinstance(r, grpc.aio.AioRpcError)]
    assert len(ok) == 2, results
    assert {e.code() for e in failed} == {CODE.FAILED_PRECONDITION}
    assert (await stack.campaign(c.id)).selected_count == 2
    listed = await stack.advertiser(rpc.ListApplicants, pb.ListApplicantsRequest(campaign_id=c.id))
    assert sum(i.status == pb.APPLICANT_STATUS_SELECTED for i in listed.items) == 2
    # The notes survived the selection (the original's bug wiped them).
    assert all(i.note.endswith("지원합니다!") for i in listed.items)
    # The refused selections left nothing behind.
    assert (await topics()).count(contract.APPLICANT_SELECTED.name) == 2


async def test_unselecting_frees_a_seat(stack: Stack) -> None:
    rpc = stack.rpc
    c = await stack.recruiting(headcount=2)
    applied = [a for _, a in [await stack.apply(c.id, f"펫{i}") for i in range(3)]]
    first, second, waiting = applied
    await stack.advance(T0 + 8 * DAY)
    await stack.select(first, second)
    await stack.advertiser(
        rpc.UnselectApplicant, pb.UnselectApplicantRequest(applicant_id=first.id)
    )
    chosen = await stack.advertiser(
        rpc.SelectApplicant, pb.SelectApplicantRequest(applicant_id=waiting.id)
    )
    assert chosen.status == pb.APPLICANT_STATUS_SELECTED
    async with transaction() as session:
        selected = (
            await session.execute(
                sa.select(sa.func.count())
                .select_from(Applicant)
                .where(Applicant.status == "SELECTED")
            )
        ).scalar()
    assert selected == 2


async def test_other_advertisers_see_nothing_of_a_campaign(stack: Stack) -> None:
    rpc, rival = stack.rpc, stack.rival
    c = await stack.recruiting()
    _, a = await stack.apply(c.id, "보리")
    await stack.advance(T0 + 8 * DAY)
    await rival.fails(
        rpc.ListApplicants, pb.ListApplicantsRequest(campaign_id=c.id), CODE.NOT_FOUND
    )
    await rival.fails(
        rpc.SelectApplicant, pb.SelectApplicantRequest(applicant_id=a.id), CODE.NOT_FOUND
    )
    await rival.fails(rpc.GetReport, pb.GetReportRequest(campaign_id=c.id), CODE.NOT_FOUND)
    await rival.fails(
        rpc.ConfirmSelection, pb.ConfirmSelectionRequest(campaign_id=c.id), CODE.NOT_FOUND
    )
