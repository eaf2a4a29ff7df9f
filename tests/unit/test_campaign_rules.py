"""Campaign rules without I/O: both state machines exhaustively (every state x every event),
the schedule rules and what each phase lets the advertiser edit."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from petful.campaigns.rules import (
    ApplicantStatus,
    CampaignType,
    Phase,
    TransitionError,
    applicants,
    phases,
    schedule,
)
from petful.campaigns.rules.applicants import ApplicantEvent
from petful.campaigns.rules.phases import CampaignEvent
from petful.campaigns.rules.schedule import Schedule
from petful.contracts import campaigns as contract

P, E = Phase, CampaignEvent
A, AE = ApplicantStatus, ApplicantEvent

# --- campaign phases: the full table -------------------------------------------------------

NON_TERMINAL = [p for p in Phase if p not in (P.COMPLETED, P.CANCELLED)]
EXPECTED_PHASES: dict[tuple[Phase, CampaignEvent], Phase] = {
    (P.DRAFT, E.SUBMIT): P.PENDING_REVIEW,
    (P.REJECTED, E.SUBMIT): P.PENDING_REVIEW,
    (P.PENDING_REVIEW, E.APPROVE): P.RECRUITING,
    (P.PENDING_REVIEW, E.REJECT): P.REJECTED,
    (P.RECRUITING, E.CLOSE_RECRUITMENT): P.SELECTING,
    (P.SELECTING, E.ANNOUNCE): P.ANNOUNCED,
    (P.ANNOUNCED, E.START_ACTIVITY): P.IN_PROGRESS,
    (P.IN_PROGRESS, E.END_ACTIVITY): P.REVIEWING,
    (P.REVIEWING, E.COMPLETE): P.COMPLETED,
    **{
        (p, E.CANCEL_BY_ADVERTISER): P.CANCELLED
        for p in (P.DRAFT, P.PENDING_REVIEW, P.REJECTED, P.RECRUITING, P.SELECTING)
    },
    **{(p, E.CANCEL_BY_ADMIN): P.CANCELLED for p in NON_TERMINAL},
}


@pytest.mark.parametrize(("phase", "event"), list(itertools.product(Phase, CampaignEvent)))
def test_every_phase_and_event(phase: Phase, event: CampaignEvent) -> None:
    expected = EXPECTED_PHASES.get((phase, event))
    if expected is None:
        with pytest.raises(TransitionError, match=phase.value):
            phases.next_phase(phase, event)
    else:
        assert phases.next_phase(phase, event) is expected


def test_table_is_exactly_the_expected_one() -> None:
    assert phases.CAMPAIGN_TRANSITIONS == EXPECTED_PHASES


def test_terminal_phases_allow_nothing() -> None:
    for phase, event in itertools.product((P.COMPLETED, P.CANCELLED), CampaignEvent):
        with pytest.raises(TransitionError):
            phases.next_phase(phase, event)


def test_advertiser_cannot_cancel_after_announcement() -> None:
    for phase in (P.ANNOUNCED, P.IN_PROGRESS, P.REVIEWING):
        with pytest.raises(TransitionError):
            phases.next_phase(phase, E.CANCEL_BY_ADVERTISER)
        assert phases.next_phase(phase, E.CANCEL_BY_ADMIN) is P.CANCELLED


def test_every_phase_and_status_has_its_contract_topic() -> None:
    # Exactly the phases the machine can enter, and every status (APPLIED on applying).
    entered = set(phases.CAMPAIGN_TRANSITIONS.values())
    assert set(contract.CAMPAIGN_BY_PHASE) == {p.value for p in entered}
    assert P.DRAFT not in entered
    assert set(contract.APPLICANT_BY_STATUS) == {s.value for s in ApplicantStatus}
    assert contract.CAMPAIGN_BY_PHASE[P.IN_PROGRESS] is contract.CAMPAIGN_IN_PROGRESS
    assert contract.APPLICANT_BY_STATUS[A.NO_SHOW] is contract.APPLICANT_NO_SHOW


# --- applicant status: the full table x both campaign types --------------------------------

OWES = (A.SELECTED, A.SHIPPED, A.CONTENT_SUBMITTED, A.REVISION_REQUESTED)
ACTIVE = (*OWES, A.APPLIED, A.APPROVED)
BASE_APPLICANT: dict[tuple[ApplicantStatus, ApplicantEvent], ApplicantStatus] = {
    (A.APPLIED, AE.SELECT): A.SELECTED,
    (A.SELECTED, AE.UNSELECT): A.APPLIED,
    (A.APPLIED, AE.ANNOUNCE): A.NOT_SELECTED,
    (A.SHIPPED, AE.SUBMIT_CONTENT): A.CONTENT_SUBMITTED,
    (A.REVISION_REQUESTED, AE.SUBMIT_CONTENT): A.CONTENT_SUBMITTED,
    (A.CONTENT_SUBMITTED, AE.REQUEST_REVISION): A.REVISION_REQUESTED,
    (A.CONTENT_SUBMITTED, AE.APPROVE_CONTENT): A.APPROVED,
    (A.APPROVED, AE.COMPLETE): A.COMPLETED,
    (A.APPLIED, AE.CANCEL): A.CANCELLED,
    **{(s, AE.MARK_NO_SHOW): A.NO_SHOW for s in OWES},
    **{(s, AE.CAMPAIGN_CANCELLED): A.CANCELLED for s in ACTIVE},
    **{(s, AE.WITHDRAW): A.CANCELLED for s in ACTIVE},  # the owner left PetFul
}
EXPECTED_APPLICANT = {
    CampaignType.DELIVERY: {
        **BASE_APPLICANT,
        (A.SELECTED, AE.SHIP): A.SHIPPED,
        (A.SHIPPED, AE.SHIP): A.SHIPPED,
    },
    CampaignType.VISIT: {**BASE_APPLICANT, (A.SELECTED, AE.SUBMIT_CONTENT): A.CONTENT_SUBMITTED},
}


@pytest.mark.parametrize(
    ("kind", "status", "event"),
    list(itertools.product(CampaignType, ApplicantStatus, ApplicantEvent)),
)
def test_every_status_and_event(
    kind: CampaignType, status: ApplicantStatus, event: ApplicantEvent
) -> None:
    expected = EXPECTED_APPLICANT[kind].get((status, event))
    if expected is None:
        with pytest.raises(TransitionError):
            applicants.next_status(status, event, campaign_type=kind)
    else:
        assert applicants.next_status(status, event, campaign_type=kind) is expected


def test_terminal_statuses_allow_nothing() -> None:
    for status, event, kind in itertools.product(
        applicants.TERMINAL_STATUSES, ApplicantEvent, CampaignType
    ):
        with pytest.raises(TransitionError):
            applicants.next_status(status, event, campaign_type=kind)


def test_status_sets_partition() -> None:
    assert set(ApplicantStatus) == applicants.ACTIVE_STATUSES | applicants.TERMINAL_STATUSES
    assert not applicants.ACTIVE_STATUSES & applicants.TERMINAL_STATUSES
    assert {s.value for s in applicants.ACTIVE_STATUSES} == {
        "APPLIED",
        "SELECTED",
        "SHIPPED",
        "CONTENT_SUBMITTED",
        "REVISION_REQUESTED",
        "APPROVED",
    }


def test_completion_due() -> None:
    assert applicants.completion_due([])
    assert applicants.completion_due([A.COMPLETED, A.NO_SHOW, A.NOT_SELECTED, A.CANCELLED])
    assert not applicants.completion_due([A.COMPLETED, A.APPROVED])
    assert not applicants.completion_due([A.CONTENT_SUBMITTED])


# --- schedule -------------------------------------------------------------------------------

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def dates(**shift_days: int) -> Schedule:
    base = {
        "recruit_start": 1,
        "recruit_end": 8,
        "announce_at": 9,
        "activity_start": 10,
        "activity_end": 24,
    }
    base.update(shift_days)
    return Schedule(**{k: NOW + timedelta(days=v) for k, v in base.items()})


def test_valid_schedule() -> None:
    assert schedule.schedule_violations(dates(), now=NOW) == []
    # Equalities allowed where the rule says <=.
    s = dates(recruit_end=8, announce_at=8, activity_start=8)
    assert schedule.schedule_violations(s, now=NOW) == []


@pytest.mark.parametrize(
    ("shift", "field_name"),
    [
        ({"recruit_end": 1}, "recruit_end"),
        ({"recruit_end": 0}, "recruit_end"),
        ({"announce_at": 7}, "announce_at"),
        ({"activity_start": 8}, "activity_start"),
        ({"activity_end": 10}, "activity_end"),
        ({"activity_end": 9}, "activity_end"),
    ],
)
def test_order_violations_name_the_field(shift: dict[str, int], field_name: str) -> None:
    fields = {f for f, _ in schedule.schedule_violations(dates(**shift), now=None)}
    assert fields == {field_name}


def test_past_dates_name_each_field() -> None:
    s = dates(recruit_start=-2, recruit_end=-1)
    violations = schedule.schedule_violations(s, now=NOW)
    assert ("recruit_start", "must be in the future") in violations
    assert ("recruit_end", "must be in the future") in violations
    # Without now (drafts) only the order is checked.
    assert schedule.schedule_violations(s, now=None) == []


def test_time_steps() -> None:
    s = dates()
    at = {name: getattr(s, name) for name in schedule.SCHEDULE_FIELDS}
    assert schedule.time_step(P.RECRUITING, s, at["recruit_end"] - timedelta(seconds=1)) is None
    assert schedule.time_step(P.RECRUITING, s, at["recruit_end"]) is E.CLOSE_RECRUITMENT
    assert schedule.time_step(P.SELECTING, s, at["announce_at"]) is E.ANNOUNCE
    assert schedule.time_step(P.SELECTING, s, at["recruit_end"]) is None
    assert schedule.time_step(P.ANNOUNCED, s, at["activity_start"]) is E.START_ACTIVITY
    assert schedule.time_step(P.IN_PROGRESS, s, at["activity_end"]) is E.END_ACTIVITY
    far = at["activity_end"] + timedelta(days=400)
    for phase in (P.DRAFT, P.PENDING_REVIEW, P.REJECTED, P.REVIEWING, P.COMPLETED, P.CANCELLED):
        assert schedule.time_step(phase, s, far) is None
    assert schedule.content_deadline(s, 3) == at["activity_end"] + timedelta(days=3)
    assert not schedule.recruiting_open(P.RECRUITING, s, at["recruit_start"] - timedelta(seconds=1))
    assert schedule.recruiting_open(P.RECRUITING, s, at["recruit_start"])
    assert not schedule.recruiting_open(P.RECRUITING, s, at["recruit_end"])
    assert not schedule.recruiting_open(P.SELECTING, s, at["recruit_start"])


# --- edits --------------------------------------------------------------------------------------


def test_edits_by_phase() -> None:
    everything = {"title", "headcount", "recruit_end", "hashtags", "product_description"}
    for phase in (P.DRAFT, P.REJECTED):
        phases.check_edit(phase, everything)
    phases.check_edit(P.RECRUITING, phases.NON_MATERIAL_FIELDS)
    phases.check_edit(P.RECRUITING, set())
    for material in (
        "title",
        "product_name",
        "missions",
        "keywords",
        "hashtags",
        "campaign_type",
        "target_species",
        "headcount",
        "reward_description",
        "reward_value_krw",
        "recruit_end",
        "activity_start",
        "post_retention_days",
    ):
        with pytest.raises(TransitionError, match=material):
            phases.check_edit(P.RECRUITING, {material, "product_url"})
    for phase in set(Phase) - {P.DRAFT, P.REJECTED, P.RECRUITING}:
        with pytest.raises(TransitionError):
            phases.check_edit(phase, {"product_description"})
