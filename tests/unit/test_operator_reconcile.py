"""The operator's pure reconcile logic: spec -> request, plans, status and conditions."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import grpc
import kopf
import pytest
import yaml

from petful.pb.campaigns.v1 import campaigns_pb2 as cpb
from petful.pb.common.v1 import species_pb2
from petful.pb.pets.v1 import pets_pb2 as ppb
from petful.platform.auth_context import Role
from petful.platform.errors import (
    Conflict,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from petful_operator import reconcile as r
from petful_operator.handlers import Remembered, remembered
from petful_operator.settings import OPERATOR_USER_ID, OperatorSettings
from petful_operator.workflows import (
    Transient,
    acting_as,
    acting_as_owner,
    admin_principal,
    ask,
    refusal,
)

SAMPLES = Path(__file__).resolve().parents[2] / "manifests" / "samples"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ADVERTISER = "7d3c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70"


def campaign_spec(**over: Any) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((SAMPLES / "campaign.yaml").read_text())["spec"]
    spec["advertiserRef"] = ADVERTISER
    spec.update(over)
    return spec


# --- references ---------------------------------------------------------------------------


def test_account_refs_are_uuids_emails_are_reported() -> None:
    assert r.account_id(f"  {ADVERTISER.upper()} ", "advertiserRef") == ADVERTISER
    with pytest.raises(r.SpecError) as e:
        r.account_id("advertiser@petful.dev", "advertiserRef")
    assert e.value.reason == "UnresolvedReference"
    assert "advertiserRef" in e.value.message
    with pytest.raises(r.SpecError) as e:
        r.account_id("not-an-id", "ownerRef")
    assert e.value.reason == "InvalidReference"


# --- spec -> CampaignFields -----------------------------------------------------------------


def test_the_sample_maps_onto_campaign_fields() -> None:
    f = r.campaign_fields(campaign_spec())
    assert f.title == "겨울 연어 트릿 체험단"
    assert f.product_name == "Wild Salmon Treats 200g"
    assert f.product_url == "https://shop.example.com/products/salmon-treats"
    assert f.campaign_type == cpb.CAMPAIGN_TYPE_DELIVERY
    assert list(f.target_species) == [species_pb2.SPECIES_DOG, species_pb2.SPECIES_CAT]
    assert f.headcount == 20
    assert (f.reward_description, f.reward_value_krw) == ("Two bags of salmon treats", 30000)
    assert list(f.hashtags) == ["#광고", "#petful", "#salmontreats"]
    assert list(f.keywords) == ["salmon", "treats"]
    assert len(f.missions) == 2
    assert f.post_retention_days == 180
    # +09:00 instants become UTC timestamps.
    assert f.recruit_start.ToDatetime(tzinfo=UTC) == datetime(2026, 11, 30, 15, tzinfo=UTC)
    assert f.activity_end.ToDatetime(tzinfo=UTC) == datetime(2026, 12, 28, 14, 59, 59, tzinfo=UTC)


def test_hashtags_get_a_hash_and_keep_an_existing_disclosure() -> None:
    assert r.hashtags(["petful", "#Petful", " ", "#협찬"]) == ["#petful", "#협찬"]
    assert r.hashtags([]) == ["#광고"]


def test_fields_the_crd_lacks_keep_their_current_values() -> None:
    current = cpb.CampaignFields(objective="후기", requirements=["반려견"], image_media_ids=["m1"])
    f = r.campaign_fields(campaign_spec(), current)
    assert (f.objective, list(f.requirements), list(f.image_media_ids)) == (
        "후기",
        ["반려견"],
        ["m1"],
    )


@pytest.mark.parametrize(
    ("over", "reason"),
    [
        ({"type": "online"}, "InvalidSpec"),
        ({"targetSpecies": ["dragon"]}, "InvalidSpec"),
        ({"schedule": {"recruitStart": "tomorrow"}}, "InvalidSpec"),
        (
            {
                "schedule": {
                    k: "2026-12-01T00:00:00"
                    for k in ("recruitStart", "recruitEnd", "announceAt", "activityStart")
                }
                | {"activityEnd": "2026-12-02T00:00:00"}
            },
            "InvalidSpec",
        ),
    ],
)
def test_specs_that_cannot_be_mapped(over: dict[str, Any], reason: str) -> None:
    with pytest.raises(r.SpecError) as e:
        r.campaign_fields(campaign_spec(**over))
    assert e.value.reason == reason


def test_changed_fields_compare_the_way_the_service_normalises() -> None:
    desired = r.campaign_fields(campaign_spec())
    stored = copy.deepcopy(desired)
    # What the service does to the same input: trims, `#` tags, default retention.
    stored.title = "  겨울 연어 트릿 체험단 "
    del stored.hashtags[:]
    stored.hashtags.extend(["#광고", "#salmontreats", "#petful"])
    stored.post_retention_days = 0
    assert r.changed_fields(desired, stored) == []
    no_disclosure = campaign_spec(requiredHashtags=["petful", "salmontreats"])
    assert r.changed_fields(r.campaign_fields(no_disclosure), stored) == []

    changed = r.campaign_fields(
        campaign_spec(
            headcount=5,
            title="새 제목",
            schedule={**campaign_spec()["schedule"], "announceAt": "2026-12-12T12:00:00+09:00"},
        )
    )
    assert r.changed_fields(changed, stored) == ["title", "headcount", "announce_at"]


# --- campaign plans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "changed", "steps"),
    [
        (cpb.PHASE_DRAFT, [], [r.Step.SUBMIT]),
        (cpb.PHASE_DRAFT, ["title"], [r.Step.UPDATE, r.Step.SUBMIT]),
        (cpb.PHASE_REJECTED, [], []),
        (cpb.PHASE_REJECTED, ["title"], [r.Step.UPDATE, r.Step.SUBMIT]),
        (cpb.PHASE_PENDING_REVIEW, [], []),
        (cpb.PHASE_PENDING_REVIEW, ["title"], [r.Step.UPDATE]),
        (cpb.PHASE_RECRUITING, ["product_description"], [r.Step.UPDATE]),
        (cpb.PHASE_RECRUITING, [], []),
        (cpb.PHASE_SELECTING, ["headcount"], [r.Step.UPDATE]),
        (cpb.PHASE_COMPLETED, [], []),
        (cpb.PHASE_CANCELLED, ["title"], [r.Step.UPDATE]),
    ],
)
def test_plan_campaign(phase: int, changed: list[str], steps: list[r.Step]) -> None:
    assert r.plan_campaign(phase, changed) == steps


def test_every_phase_maps_to_a_crd_phase_and_cancellability() -> None:
    crd = yaml.safe_load((SAMPLES.parent / "crds" / "campaigns.petful.io.yaml").read_text())
    schema = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    allowed = set(schema["properties"]["status"]["properties"]["phase"]["enum"])
    for value in cpb.Phase.values():
        if value != cpb.PHASE_UNSPECIFIED:
            assert r.CAMPAIGN_PHASES[cast(Any, value)] in allowed
    assert [p for p in cpb.Phase.values() if p and not r.cancellable(p)] == [
        cpb.PHASE_REJECTED,
        cpb.PHASE_COMPLETED,
        cpb.PHASE_CANCELLED,
    ]


# --- conditions and status --------------------------------------------------------------------


def conds(status: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["type"]: c for c in status["conditions"]}


def test_a_synced_campaign_status() -> None:
    c = cpb.Campaign(id="c1", phase=cpb.PHASE_RECRUITING, applicant_count=4, selected_count=0)
    view = r.CampaignView.of(c, recommendations=[r.Recommendation("p1", 0.9)])
    s = r.campaign_status(
        previous={}, view=view, outcome=r.Outcome(), generation=3, now=NOW, recommend=True
    )
    assert s["phase"] == "Recruiting"
    assert (s["campaignId"], s["applicants"], s["selected"], s["completed"]) == ("c1", 4, 0, 0)
    assert s["recommendations"] == [{"petStarId": "p1", "score": 0.9}]
    assert s["observedGeneration"] == 3
    c_ = conds(s)
    assert [c["type"] for c in s["conditions"]] == ["Ready", "Synced", "Degraded"]
    assert (c_["Ready"]["status"], c_["Ready"]["reason"]) == ("True", "Recruiting")
    assert (c_["Synced"]["status"], c_["Synced"]["reason"]) == ("True", "Applied")
    assert (c_["Degraded"]["status"], c_["Degraded"]["reason"]) == ("False", "AsExpected")
    assert c_["Ready"]["lastTransitionTime"] == "2026-11-25T12:00:00Z"


def test_a_refused_change_keeps_the_mirror_and_the_observed_generation() -> None:
    ok = r.campaign_status(
        previous={},
        view=r.CampaignView("c1", "PendingReview"),
        outcome=r.Outcome(),
        generation=1,
        now=NOW,
        recommend=False,
    )
    later = NOW + timedelta(minutes=5)
    refused = r.Outcome.refused("SpecChangeRejected", "update refused: cannot edit")
    s = r.campaign_status(
        previous=ok,
        view=r.CampaignView("c1", "PendingReview"),
        outcome=refused,
        generation=2,
        now=later,
        recommend=False,
    )
    assert s["observedGeneration"] == 1
    c_ = conds(s)
    assert (c_["Degraded"]["status"], c_["Degraded"]["reason"]) == ("True", "SpecChangeRejected")
    assert c_["Degraded"]["lastTransitionTime"] == "2026-11-25T12:05:00Z"
    assert (c_["Synced"]["status"], c_["Ready"]["status"]) == ("False", "False")
    # A condition whose status did not change keeps its transition time.
    again = r.campaign_status(
        previous=s,
        view=r.CampaignView("c1", "PendingReview"),
        outcome=refused,
        generation=2,
        now=later + timedelta(minutes=1),
        recommend=False,
    )
    assert conds(again)["Degraded"]["lastTransitionTime"] == "2026-11-25T12:05:00Z"
    assert r.status_patch(s, again) == {}


def test_unreachable_services_keep_the_last_mirror_with_unknown_conditions() -> None:
    previous = {"phase": "Recruiting", "campaignId": "c1", "applicants": 3, "selected": 1}
    s = r.campaign_status(
        previous=previous,
        view=None,
        outcome=r.Outcome.unavailable("ServiceUnavailable: campaigns"),
        generation=2,
        now=NOW,
        recommend=False,
    )
    assert (s["phase"], s["campaignId"], s["applicants"]) == ("Recruiting", "c1", 3)
    assert conds(s)["Synced"]["status"] == "Unknown"
    assert conds(s)["Ready"]["status"] == "Unknown"
    assert "observedGeneration" not in s


@pytest.mark.parametrize(
    ("phase", "reason"), [("Rejected", "Rejected"), ("Cancelled", "Cancelled")]
)
def test_rejected_and_cancelled_campaigns_are_not_ready(phase: str, reason: str) -> None:
    s = r.campaign_status(
        previous={},
        view=r.CampaignView("c1", phase, phase_reason="이미지 부족"),
        outcome=r.Outcome(),
        generation=1,
        now=NOW,
        recommend=False,
    )
    assert conds(s)["Ready"] | {"lastTransitionTime": ""} == {
        "type": "Ready",
        "status": "False",
        "reason": reason,
        "message": "이미지 부족",
        "lastTransitionTime": "",
    }


def test_status_patch_removes_what_went_away() -> None:
    assert r.status_patch({"a": 1, "b": 2}, {"a": 1, "c": 3}) == {"c": 3, "b": None}


def test_events_for_phase_changes_and_degradation() -> None:
    def st(phase: str, degraded: str | None) -> dict[str, Any]:
        outcome = r.Outcome.refused(degraded, "why") if degraded else r.Outcome()
        return r.campaign_status(
            previous={},
            view=r.CampaignView("c1", phase),
            outcome=outcome,
            generation=1,
            now=NOW,
            recommend=False,
        )

    assert r.status_events({}, st("PendingReview", None)) == [
        r.Event("Normal", "PhaseChanged", "None -> PendingReview")
    ]
    assert r.status_events(st("PendingReview", None), st("Recruiting", None)) == [
        r.Event("Normal", "PhaseChanged", "PendingReview -> Recruiting")
    ]
    assert r.status_events(st("Recruiting", None), st("Recruiting", "SpecChangeRejected")) == [
        r.Event("Warning", "SpecChangeRejected", "why")
    ]
    assert r.status_events(st("Recruiting", "X"), st("Recruiting", "X")) == []
    assert r.status_events(st("Recruiting", "X"), st("Recruiting", None)) == [
        r.Event("Normal", "Recovered", "no longer degraded (X)")
    ]


def test_condition_reasons_fit_the_crd_pattern() -> None:
    import re

    pattern = re.compile(r"^([A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?)?$")
    reasons = [
        "Applied",
        "AsExpected",
        "ServiceUnavailable",
        "AwaitingReview",
        "DecisionConflict",
        "RecommendationsUnavailable",
        "InstagramMismatch",
        *r.CAMPAIGN_PHASES.values(),
        *r.APPLICATION_PHASES.values(),
    ]
    for err, action in [
        (FailedPrecondition("x"), "update"),
        (FailedPrecondition("x"), "submit"),
        (FailedPrecondition("x"), "decide"),
        (InvalidArgument("x", field_violations=[("headcount", "must be 1-500")]), "update"),
        (PermissionDenied("x"), "create"),
        (NotFound("x"), "apply"),
        (Conflict("x"), "apply"),
    ]:
        outcome = refusal(err, action)
        assert outcome.synced is False
        assert outcome.degraded_reason == outcome.reason
        reasons.append(outcome.reason)
    assert all(pattern.match(x) for x in reasons), reasons
    assert refusal(FailedPrecondition("x"), "update").reason == "SpecChangeRejected"
    assert (
        "headcount must be 1-500"
        in refusal(
            InvalidArgument("bad", field_violations=[("headcount", "must be 1-500")]), "update"
        ).message
    )


# --- principals -------------------------------------------------------------------------------


def test_principals() -> None:
    adv = acting_as(ADVERTISER, Role.ADVERTISER)
    assert (adv.user_id, adv.roles) == (ADVERTISER, frozenset({"ADVERTISER", "SERVICE"}))
    assert acting_as_owner(ADVERTISER).roles == frozenset({"USER"})
    admin = admin_principal(OperatorSettings())
    assert admin.user_id == OPERATOR_USER_ID
    assert admin.roles == frozenset({"ADMIN", "SERVICE"})


async def _failing(code: grpc.StatusCode) -> None:
    raise grpc.aio.AioRpcError(code, grpc.aio.Metadata(), grpc.aio.Metadata(), details="boom")


async def test_unanswered_calls_are_transient_refusals_are_domain_errors() -> None:
    for code in (
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
    ):
        with pytest.raises(Transient):
            await ask(_failing(code))
    # NOT_FOUND is also "not yours": a refusal to report, never "gone".
    with pytest.raises(NotFound):
        await ask(_failing(grpc.StatusCode.NOT_FOUND))
    with pytest.raises(FailedPrecondition):
        await ask(_failing(grpc.StatusCode.FAILED_PRECONDITION))


def test_each_object_remembers_its_own_last_status_in_its_memo() -> None:
    campaign, other = kopf.Memo(), kopf.Memo()
    body = kopf.Body({"metadata": {"uid": "u1"}, "status": {"phase": "Draft"}})
    memory = remembered(campaign)
    assert memory is remembered(campaign)  # every handler of the object gets the same one
    assert remembered(other) is not memory
    assert memory.previous(body) == {"phase": "Draft"}  # nothing written yet: the body's
    memory.written = {"phase": "PendingReview"}
    assert memory.previous(body) == {"phase": "PendingReview"}
    assert remembered(other).previous(body) == {"phase": "Draft"}
    assert isinstance(campaign["petful"], Remembered)


# --- PetStarApplication -----------------------------------------------------------------------

S = ppb


@pytest.mark.parametrize(
    ("decision", "state", "step"),
    [
        ("Pending", S.APPLICATION_STATE_IN_REVIEW, r.DecisionStep.NONE),
        ("", S.APPLICATION_STATE_SUBMITTED, r.DecisionStep.NONE),
        ("Approved", S.APPLICATION_STATE_SUBMITTED, r.DecisionStep.WAIT),
        ("Rejected", S.APPLICATION_STATE_VERIFYING, r.DecisionStep.WAIT),
        ("Approved", S.APPLICATION_STATE_IN_REVIEW, r.DecisionStep.DECIDE),
        ("Rejected", S.APPLICATION_STATE_IN_REVIEW, r.DecisionStep.DECIDE),
        ("Approved", S.APPLICATION_STATE_APPROVED, r.DecisionStep.NONE),
        ("Rejected", S.APPLICATION_STATE_REJECTED, r.DecisionStep.NONE),
        ("Approved", S.APPLICATION_STATE_REJECTED, r.DecisionStep.CONFLICT),
        ("Rejected", S.APPLICATION_STATE_APPROVED, r.DecisionStep.CONFLICT),
        ("Approved", S.APPLICATION_STATE_WITHDRAWN, r.DecisionStep.CONFLICT),
        ("Rejected", S.APPLICATION_STATE_REVOKED, r.DecisionStep.CONFLICT),
    ],
)
def test_plan_decision(decision: str, state: int, step: r.DecisionStep) -> None:
    assert r.plan_decision(decision, state) is step


def test_decide_requests() -> None:
    assert r.decide_request("a1", "Approved", "ignored") == ppb.DecideApplicationRequest(
        application_id="a1", decision=ppb.DECISION_APPROVE
    )
    assert r.decide_request("a1", "Rejected", " 사진 도용 ") == ppb.DecideApplicationRequest(
        application_id="a1", decision=ppb.DECISION_REJECT, reason="사진 도용"
    )


def test_instagram_usernames_compare_without_at_and_case() -> None:
    assert r.instagram_username(" @Mungchi_Daily ") == "mungchi_daily"


def application(state: int, *, measured: bool = True) -> ppb.Application:
    app = ppb.Application(id="a1", pet_id="p1", state=cast(Any, state))
    if measured:
        app.metrics.followers_count = 12840
        app.metrics.engagement_rate = 0.031
        app.metrics.qualifying_posts = 9
        app.metrics.measured_at.FromDatetime(NOW)
        app.eligibility.eligible = True
    return app


def test_application_status_mirrors_metrics_and_eligibility() -> None:
    s = r.application_status(
        previous={},
        app=application(S.APPLICATION_STATE_IN_REVIEW),
        outcome=r.Outcome(),
        decision="Pending",
        generation=1,
        now=NOW,
    )
    assert s["phase"] == "InReview"
    assert s["applicationId"] == "a1"
    assert s["metrics"] == {
        "followers": 12840,
        "engagementRate": 0.031,
        "qualifyingPosts": 9,
        "fetchedAt": "2026-11-25T12:00:00Z",
    }
    assert s["eligibility"] == {"eligible": True, "reasons": []}
    assert conds(s)["Ready"]["status"] == "True"
    assert s["observedGeneration"] == 1


def test_a_decision_before_review_waits_with_a_reason() -> None:
    s = r.application_status(
        previous={},
        app=application(S.APPLICATION_STATE_SUBMITTED, measured=False),
        outcome=r.Outcome(),
        decision="Approved",
        generation=2,
        now=NOW,
    )
    assert s["phase"] == "Submitted"
    assert "metrics" not in s
    assert "eligibility" not in s
    ready = conds(s)["Ready"]
    assert (ready["status"], ready["reason"]) == ("False", "AwaitingReview")
    assert "Submitted" in ready["message"]


def test_application_without_a_service_answer() -> None:
    s = r.application_status(
        previous={"phase": "Submitted", "applicationId": "a1"},
        app=None,
        outcome=r.Outcome.refused("UnresolvedReference", "ownerRef is an email"),
        decision="Pending",
        generation=1,
        now=NOW,
    )
    assert (s["phase"], s["applicationId"]) == ("Submitted", "a1")
    assert conds(s)["Degraded"]["reason"] == "UnresolvedReference"
    assert conds(s)["Ready"]["status"] == "False"
    assert "observedGeneration" not in s


# --- recommendations --------------------------------------------------------------------------


def test_recommendations_from_matching() -> None:
    from petful.pb.matching.v1 import matching_pb2 as mpb

    reply = mpb.RecommendPetStarsResponse(
        items=[
            mpb.PetStarMatch(petstar=mpb.PetStarSummary(pet_id="p1"), score=0.91234567),
            mpb.PetStarMatch(petstar=mpb.PetStarSummary(pet_id=""), score=0.5),
            mpb.PetStarMatch(petstar=mpb.PetStarSummary(pet_id="p2"), score=0.8),
            mpb.PetStarMatch(petstar=mpb.PetStarSummary(pet_id="p3"), score=0.7),
        ]
    )
    assert r.recommendations_of(reply, 2) == [
        r.Recommendation("p1", 0.912346),
        r.Recommendation("p2", 0.8),
    ]
    assert r.previous_recommendations({"recommendations": [{"petStarId": "p9", "score": 1}]}) == [
        r.Recommendation("p9", 1.0)
    ]
    assert [p for p in cpb.Phase.values() if r.recommends(p)] == [
        cpb.PHASE_PENDING_REVIEW,
        cpb.PHASE_RECRUITING,
        cpb.PHASE_SELECTING,
    ]
