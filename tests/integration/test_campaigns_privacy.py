"""Leaving PetFul reaches campaigns: identity's withdrawal ends a pet owner's applications and
an advertiser's campaigns through the ordinary state moves (and their events), and the
erasure after the retention period leaves the records about no one.

Identity is the producer: each test writes the event into identity's outbox, as identity's
withdrawal and retention job do, and hands it to the campaigns subscriber as a worker would.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from petful.campaigns import tasks  # noqa: F401  (registers the subscribers)
from petful.campaigns.models import Applicant, Invitation, Submission
from petful.campaigns.rules import ApplicantStatus, CampaignType, TransitionError
from petful.campaigns.rules.applicants import (
    ACTIVE_STATUSES,
    TERMINAL_STATUSES,
    ApplicantEvent,
    next_status,
)
from petful.campaigns.service.leaving import ADVERTISER_LEFT, ERASED_PET_NAME, OWNER_LEFT
from petful.contracts import campaigns as contract
from petful.contracts import identity as identity_contract
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.db import transaction
from petful.platform.settings import Settings
from tests.integration.campaigns_support import (
    DAY,
    T0,
    Caller,
    Stack,
    payloads,
    running_stack,
    topics,
    ts,
)
from tests.integration.conftest import deliver, identity_event

WITHDRAW = "campaigns.withdraw_account"
ERASE = "campaigns.erase_account"
POST = "https://www.instagram.com/p/Cabc{}/"  # as normalised
# Dates of a second campaign that recruits while the first one runs.
LATER = {
    "recruit_start": ts(T0 + 11 * DAY),
    "recruit_end": ts(T0 + 20 * DAY),
    "announce_at": ts(T0 + 21 * DAY),
    "activity_start": ts(T0 + 22 * DAY),
    "activity_end": ts(T0 + 30 * DAY),
}


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


async def withdraw(stack: Stack, who: Caller | str, role: str = "") -> int:
    """Identity's ACCOUNT_WITHDRAWN for who, delivered to campaigns; events consumed."""
    user_id = uuid.UUID(who if isinstance(who, str) else who.user_id)
    payload = identity_contract.AccountWithdrawn(user_id=user_id, role=role)
    await identity_event(identity_contract.ACCOUNT_WITHDRAWN, payload, stack.clock.now)
    return await deliver(identity_contract.ACCOUNT_WITHDRAWN.name, "identity", WITHDRAW)


async def erase(stack: Stack, who: Caller) -> int:
    payload = identity_contract.AccountErased(user_id=uuid.UUID(who.user_id))
    await identity_event(identity_contract.ACCOUNT_ERASED, payload, stack.clock.now)
    return await deliver(identity_contract.ACCOUNT_ERASED.name, "identity", ERASE)


async def applicant_row(applicant_id: str) -> Applicant:
    async with transaction() as session:
        row = await session.get(Applicant, uuid.UUID(applicant_id))
        assert row is not None
        return row


async def invitation_owners() -> list[str]:
    async with transaction() as session:
        owners = await session.scalars(sa.select(Invitation.owner_user_id))
        return sorted(str(o) for o in owners)


async def seen(stack: Stack, a: pb.Applicant) -> pb.Applicant:
    """The application as the campaign's advertiser sees it."""
    return await stack.application(stack.advertiser, a.id)


async def invite(stack: Stack, c: pb.Campaign, pet_id: str) -> None:
    request = pb.InvitePetStarRequest(campaign_id=c.id, pet_id=pet_id, message="함께해요")
    await stack.advertiser(stack.rpc.InvitePetStar, request)


def erased_fields(a: Applicant) -> tuple[object, ...]:
    return (a.pet_name, a.note, a.carrier, a.tracking_number, a.post_url, a.checklist)


def cancelled_for(events: list[dict[str, Any]], *applicants: pb.Applicant) -> list[str]:
    """The reasons of the APPLICANT_CANCELLED events of these applicants."""
    ids = {a.id for a in applicants}
    return [e["reason"] for e in events if e["applicant_id"] in ids]


# --- the rule --------------------------------------------------------------------------------


def test_an_owner_who_left_withdraws_from_every_unfinished_status() -> None:
    for status, kind in itertools.product(ApplicantStatus, CampaignType):
        if status in ACTIVE_STATUSES:
            assert next_status(status, ApplicantEvent.WITHDRAW, campaign_type=kind) is (
                ApplicantStatus.CANCELLED
            )
        else:
            assert status in TERMINAL_STATUSES
            with pytest.raises(TransitionError):
                next_status(status, ApplicantEvent.WITHDRAW, campaign_type=kind)


# --- a pet owner leaves ----------------------------------------------------------------------


async def test_a_leaving_owner_ends_every_unfinished_application(stack: Stack) -> None:
    rpc = stack.rpc
    # The first campaign: bori and kongi selected, dubu not; bori's product shipped.
    first, [(bori, shipped), (kongi, selected), (_, not_selected)] = await stack.announced(
        headcount=2, applicants=3
    )
    await stack.ship(shipped, carrier="우체국택배")
    # The second recruits meanwhile: both pets are invited, bori's applies.
    second = await stack.recruiting(at=stack.clock.now, **LATER)
    await invite(stack, second, shipped.pet_id)
    await invite(stack, second, selected.pet_id)
    applied = await bori(
        rpc.Apply,
        pb.ApplyRequest(campaign_id=second.id, pet_id=shipped.pet_id, note="보리가 또 지원해요!"),
    )
    await stack.advance(T0 + 10 * DAY)  # the first campaign's activity starts
    assert (await stack.campaign(first.id)).phase == pb.PHASE_IN_PROGRESS

    assert await withdraw(stack, bori, role="USER") == 1

    for a in (shipped, applied):
        got = await seen(stack, a)
        assert got.status == pb.APPLICANT_STATUS_CANCELLED
        assert (got.status_reason, got.note) == (OWNER_LEFT, "")
    # The shipment stays on record until erasure.
    assert (await seen(stack, shipped)).shipment.carrier == "우체국택배"
    # Other applicants are untouched; the counters follow the cancellations.
    assert (await seen(stack, selected)).status == pb.APPLICANT_STATUS_SELECTED
    assert (await seen(stack, not_selected)).status == pb.APPLICANT_STATUS_NOT_SELECTED
    c = await stack.campaign(first.id)
    assert (c.phase, c.applicant_count, c.selected_count) == (pb.PHASE_IN_PROGRESS, 2, 1)
    c = await stack.campaign(second.id)
    assert (c.phase, c.applicant_count, c.selected_count) == (pb.PHASE_RECRUITING, 0, 0)
    # The same events an ordinary cancellation sends, with the reason.
    cancelled = await payloads(contract.APPLICANT_CANCELLED)
    assert cancelled_for(cancelled, shipped, applied) == [OWNER_LEFT, OWNER_LEFT]
    assert {e["owner_user_id"] for e in cancelled} == {bori.user_id}
    # Bori's invitation went; kongi's stays and is still listed.
    assert await invitation_owners() == [kongi.user_id]
    listed = await kongi(rpc.ListMyInvitations, pb.ListMyInvitationsRequest())
    assert [i.campaign_id for i in listed.items] == [second.id]

    # A redelivery is deduped; the same withdrawal sent again changes nothing either.
    before = sorted(await topics())
    assert await deliver(identity_contract.ACCOUNT_WITHDRAWN.name, "identity", WITHDRAW) == 0
    assert await withdraw(stack, bori) == 1
    assert sorted(await topics()) == before
    assert (await stack.campaign(first.id)).applicant_count == 2


async def test_a_reviewing_campaign_waiting_only_on_the_leaver_completes(stack: Stack) -> None:
    c, [(bori, late), (kongi, done)] = await stack.announced(headcount=2, applicants=2)
    await stack.ship(late)
    await stack.ship(done)
    await stack.advance(T0 + 10 * DAY)
    await stack.post(kongi, done, POST.format(1))
    await stack.approve(done)
    await stack.advance(T0 + 24 * DAY)  # activity end: kongi completes, bori still owes
    assert (await stack.campaign(c.id)).phase == pb.PHASE_REVIEWING

    assert await withdraw(stack, bori) == 1

    got = await stack.campaign(c.id)
    assert (got.phase, got.selected_count, got.applicant_count) == (pb.PHASE_COMPLETED, 1, 1)
    assert (await seen(stack, late)).status == pb.APPLICANT_STATUS_CANCELLED
    assert len(await payloads(contract.CAMPAIGN_COMPLETED)) == 1


async def test_someone_without_campaign_data_changes_nothing(stack: Stack) -> None:
    c, _ = await stack.announced(headcount=1, applicants=2)
    before = sorted(await topics())
    assert await withdraw(stack, str(uuid.uuid4())) == 1
    assert await withdraw(stack, stack.admin, role="ADMIN") == 1
    assert sorted(await topics()) == before
    assert (await stack.campaign(c.id)).applicant_count == 2


# --- an advertiser leaves --------------------------------------------------------------------


async def test_a_leaving_advertiser_cancels_every_running_campaign(stack: Stack) -> None:
    rpc = stack.rpc
    # A campaign in its activity period: an approved post, a post waiting for review, a
    # shipped product without a post, and an applicant not selected.
    running, applied = await stack.announced(headcount=3, applicants=4)
    (bori, approved), (kongi, submitted), (_, shipped), (_, not_selected) = applied
    for a in (approved, submitted, shipped):
        await stack.ship(a)
    await stack.advance(T0 + 10 * DAY)
    await stack.post(bori, approved, POST.format(1))
    await stack.approve(approved)
    await stack.post(kongi, submitted, POST.format(2))
    # Campaigns in other phases, created at the activity's first day.
    draft = await stack.draft(**LATER)
    pending = await stack.submitted(**LATER)
    rejected = await stack.submitted(**LATER)
    rejected = await stack.admin(
        rpc.RejectCampaign, pb.RejectCampaignRequest(campaign_id=rejected.id, reason="사진 부족")
    )
    ended = await stack.draft(**LATER)
    ended = await stack.advertiser(
        rpc.CancelCampaign, pb.CancelCampaignRequest(campaign_id=ended.id, reason="계획 변경")
    )
    recruiting = await stack.recruiting(at=stack.clock.now, **LATER)
    _, recruit_applicant = await stack.apply(recruiting.id, "두부")
    await invite(stack, recruiting, approved.pet_id)
    rival = await stack.rival(rpc.CreateCampaign, pb.CreateCampaignRequest(fields=running.fields))
    campaign_events = len(await payloads(contract.CAMPAIGN_CANCELLED))

    assert await withdraw(stack, stack.advertiser) == 1  # no role: found by what they have

    for c in (running, recruiting, pending, draft):
        got = await stack.campaign(c.id)
        assert (got.phase, got.phase_reason) == (pb.PHASE_CANCELLED, ADVERTISER_LEFT)
    # A rejection stays with the admin's reason; an earlier cancellation keeps its own.
    got = await stack.campaign(rejected.id)
    assert (got.phase, got.phase_reason) == (pb.PHASE_REJECTED, "사진 부족")
    assert (await stack.campaign(ended.id)).phase_reason == "계획 변경"
    rival_now = await stack.rival(rpc.GetCampaign, pb.GetCampaignRequest(campaign_id=rival.id))
    assert rival_now.phase == pb.PHASE_DRAFT
    phase_events = (await payloads(contract.CAMPAIGN_CANCELLED))[campaign_events:]
    assert sorted(e["campaign_id"] for e in phase_events) == sorted(
        c.id for c in (running, recruiting, pending, draft)
    )
    assert {e["reason"] for e in phase_events} == {ADVERTISER_LEFT}

    # Who did their part completes; the others are cancelled with the notice.
    status = {a.id: (await seen(stack, a)).status for a in (approved, submitted, shipped)}
    assert status == {
        approved.id: pb.APPLICANT_STATUS_COMPLETED,
        submitted.id: pb.APPLICANT_STATUS_COMPLETED,
        shipped.id: pb.APPLICANT_STATUS_CANCELLED,
    }
    assert (await seen(stack, not_selected)).status == pb.APPLICANT_STATUS_NOT_SELECTED
    accepted = (await seen(stack, submitted)).submissions[0]
    assert (accepted.decision, accepted.reason) == (pb.APPLICANT_STATUS_APPROVED, ADVERTISER_LEFT)
    assert (await seen(stack, recruit_applicant)).status_reason == ADVERTISER_LEFT
    cancelled = await payloads(contract.APPLICANT_CANCELLED)
    assert cancelled_for(cancelled, shipped, recruit_applicant) == [ADVERTISER_LEFT] * 2
    completed = {e["applicant_id"] for e in await payloads(contract.APPLICANT_COMPLETED)}
    assert completed == {approved.id, submitted.id}
    assert (await stack.campaign(running.id)).selected_count == 2
    # Invitations for their campaigns are gone.
    assert await invitation_owners() == []

    before = sorted(await topics())
    assert await withdraw(stack, stack.advertiser, role="ADVERTISER") == 1
    assert sorted(await topics()) == before


# --- erasure ---------------------------------------------------------------------------------


async def test_erasure_leaves_the_records_about_no_one(stack: Stack) -> None:
    c, [(bori, mine), (kongi, theirs)] = await stack.announced(headcount=2, applicants=2)
    for a in (mine, theirs):
        await stack.ship(a)
    await stack.advance(T0 + 10 * DAY)
    for owner, a, n in ((bori, mine, 1), (kongi, theirs, 2)):
        await stack.post(owner, a, POST.format(n))
        await stack.approve(a)
    # The figures the sns service measured for bori's post.
    async with transaction() as session:
        row = await session.get(Applicant, uuid.UUID(mine.id))
        assert row is not None
        row.likes, row.comments = 120, 7
    await stack.advance(T0 + 24 * DAY + timedelta(hours=1))
    assert (await stack.campaign(c.id)).phase == pb.PHASE_COMPLETED

    assert await withdraw(stack, bori) == 1
    kept = await applicant_row(mine.id)
    # Withdrawal ended nothing here (the work is done) and kept the record but the note.
    assert (kept.status, kept.note, kept.pet_name) == ("COMPLETED", "", mine.pet_name)
    assert kept.tracking_number
    assert kept.post_url

    assert await erase(stack, bori) == 1

    erased = await applicant_row(mine.id)
    assert erased_fields(erased) == (ERASED_PET_NAME, "", None, None, None, None)
    assert (erased.status, erased.likes, erased.comments) == ("COMPLETED", 120, 7)
    assert erased.shipped_at is not None
    assert erased.updated_at == kept.updated_at
    async with transaction() as session:
        urls = await session.scalars(
            sa.select(Submission.url).where(Submission.applicant_id == erased.id)
        )
        assert list(urls) == [""]
    # The other applicant, the counts and the results are as they were.
    other = await seen(stack, theirs)
    assert (other.pet_name, other.post_url) == (theirs.pet_name, POST.format(2))
    got = await stack.campaign(c.id)
    assert (got.applicant_count, got.selected_count) == (2, 2)
    report = await stack.advertiser(stack.rpc.GetReport, pb.GetReportRequest(campaign_id=c.id))
    assert sorted(r.pet_name for r in report.rows) == sorted([ERASED_PET_NAME, theirs.pet_name])
    assert report.totals.applicants == 2

    # Erasure sent again leaves the row as it is.
    assert await erase(stack, bori) == 1
    assert erased_fields(await applicant_row(mine.id)) == erased_fields(erased)
