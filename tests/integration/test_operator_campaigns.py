"""The real kopf operator (a `kopf run` subprocess) against the Kubernetes API emulator,
calling the real campaigns/advertisers/identity services: `manifests/samples/campaign.yaml`
applied with only its advertiserRef replaced, edited, deleted, and the operator killed."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from petful.pb.campaigns.v1 import campaigns_pb2 as cpb
from petful.pb.campaigns.v1 import campaigns_pb2_grpc
from petful.pb.common.v1 import species_pb2
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.grpc_client import channel
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.test_campaigns_edge import approved_advertiser
from tests.operator.support import (
    CAMPAIGNS,
    WITHIN,
    Cluster,
    Operator,
    cluster,
    operator,
    sample,
)
from tests.support import free_port, wait_for

__all__ = ["cluster", "operator"]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("operator")]


def as_advertiser(user_id: str) -> Any:
    return use_principal(Principal(user_id=user_id, roles=frozenset({Role.ADVERTISER})))


async def service_campaign(advertiser: str, campaign_id: str) -> cpb.Campaign:
    stub = campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))
    with as_advertiser(advertiser):
        reply: cpb.Campaign = await stub.GetCampaign(
            cpb.GetCampaignRequest(campaign_id=campaign_id)
        )
    return reply


async def service_campaigns(advertiser: str) -> list[cpb.Campaign]:
    stub = campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))
    with as_advertiser(advertiser):
        reply = await stub.ListMyCampaigns(cpb.ListMyCampaignsRequest(page_size=100))
    return list(reply.items)


async def campaign_setup(edge: IdentityEdge, email: str, brn: str) -> tuple[str, dict[str, Any]]:
    """An approved advertiser and the sample Campaign pointing at it, with the services'
    clock a week before the sample's recruitment starts (submission needs future dates)."""
    obj = sample("campaign")
    start = datetime.fromisoformat(obj["spec"]["schedule"]["recruitStart"])
    edge.clock.now = start - timedelta(days=7)
    await approved_advertiser(edge, email, brn)
    advertiser = edge.users[email]
    obj["spec"]["advertiserRef"] = advertiser
    return advertiser, obj


def reconciles(op: Operator, trigger: str) -> float:
    pattern = (
        r'^petful_operator_reconciles_total\{kind="Campaign",outcome="[a-z]+",'
        rf'trigger="{trigger}"\}} ([0-9.e+]+)$'
    )
    return sum(float(m.group(1)) for m in re.finditer(pattern, op.metrics_text(), re.M))


async def test_apply_edit_approve_and_delete_a_campaign(
    identity_edge: IdentityEdge, cluster: Cluster, operator: Operator
) -> None:
    edge = identity_edge
    advertiser, obj = await campaign_setup(edge, "ads@example.com", "123-45-67891")
    operator.env["PETFUL_OPERATOR_METRICS_PORT"] = str(free_port())
    # This operator cannot reach matching (a closed port), whatever the fixtures run.
    targets = json.loads(os.environ["PETFUL_SERVICE_TARGETS"])
    targets["matching"] = f"127.0.0.1:{free_port()}"
    operator.env["PETFUL_SERVICE_TARGETS"] = json.dumps(targets)
    operator.start()
    await operator.healthy()
    created = await cluster.apply(CAMPAIGNS, obj)
    name = created["metadata"]["name"]

    def status() -> dict[str, Any]:
        return cluster.status(CAMPAIGNS, name)

    def cond(type_: str) -> dict[str, Any]:
        return cluster.condition(CAMPAIGNS, name, type_)

    async def phase_is(phase: str) -> bool:
        return status().get("phase") == phase and cond("Synced").get("status") == "True"

    # Created and submitted for review: the spec declares a campaign to run.
    await wait_for(lambda: phase_is("PendingReview"), within=WITHIN)
    cid = status()["campaignId"]
    c = await service_campaign(advertiser, cid)
    assert c.phase == cpb.PHASE_PENDING_REVIEW
    assert c.fields.title == obj["spec"]["title"]
    assert c.fields.headcount == 20
    assert set(c.fields.hashtags) == {"#광고", "#petful", "#salmontreats"}
    assert set(c.fields.target_species) == {species_pb2.SPECIES_DOG, species_pb2.SPECIES_CAT}
    assert status()["observedGeneration"] == 1
    assert (status()["applicants"], status()["selected"], status()["completed"]) == (0, 0, 0)
    assert cond("Ready")["status"] == "True"
    assert cond("Ready")["reason"] == "PendingReview"
    # autoRecommend is on in the sample; matching cannot be reached (its target is a closed
    # port): the spec is applied all the same, the recommendations are reported missing.
    assert cond("Degraded")["reason"] == "RecommendationsUnavailable"
    assert "matching did not answer" in cond("Degraded")["message"]
    assert status()["recommendations"] == []
    assert (cluster.get(CAMPAIGNS, name) or {})["metadata"]["finalizers"] == ["petful.io/operator"]
    # Events are posted after the status they describe: wait for each one itself.
    await cluster.wait_for_event(name, "PhaseChanged", "-> PendingReview$")

    # In review no edit is allowed: Degraded with the service's reason, nothing applied.
    await cluster.patch(CAMPAIGNS, name, {"spec": {"title": "새 제목의 체험단"}})

    async def degraded(reason: str) -> bool:
        return cond("Degraded").get("reason") == reason and cond("Degraded")["status"] == "True"

    await wait_for(lambda: degraded("SpecChangeRejected"), within=WITHIN)
    assert "cannot edit" in cond("Degraded")["message"]
    assert cond("Synced")["status"] == "False"
    assert status()["observedGeneration"] == 1
    assert (await service_campaign(advertiser, cid)).fields.title == obj["spec"]["title"]
    rejected = await cluster.wait_for_event(name, "SpecChangeRejected")
    assert rejected["type"] == "Warning"
    # Reverting the spec clears it.
    await cluster.patch(CAMPAIGNS, name, {"spec": {"title": obj["spec"]["title"]}})
    await wait_for(lambda: phase_is("PendingReview"), within=WITHIN)
    assert status()["observedGeneration"] == 3
    assert cond("Degraded")["reason"] != "SpecChangeRejected"

    # The admin approves in PetFul; the timer mirrors the new phase and posts an Event.
    admin = await headers_for(edge, "admin@example.com", Role.ADMIN)
    r = await edge.client.post(f"/api/v1/admin/campaigns/{cid}/approve", headers=admin)
    assert r.status_code == 200, r.text
    await wait_for(lambda: phase_is("Recruiting"), within=WITHIN)
    await cluster.wait_for_event(name, "PhaseChanged", "^PendingReview -> Recruiting$")
    # Only the operator's own Events: no "Timer succeeded" per sync.
    reasons = {e["reason"] for e in cluster.events(name)}
    assert reasons <= {
        "PhaseChanged",
        "SpecChangeRejected",
        "RecommendationsUnavailable",
        "Recovered",
    }, reasons

    # Recruiting: the description may change ...
    await cluster.patch(CAMPAIGNS, name, {"spec": {"product": {"description": "연어 100%"}}})

    async def description_is(text: str) -> bool:
        return (await service_campaign(advertiser, cid)).fields.product_description == text

    await wait_for(lambda: description_is("연어 100%"), within=WITHIN)

    async def observed(generation: int) -> bool:
        return status().get("observedGeneration") == generation

    await wait_for(lambda: observed(4), within=WITHIN)
    assert await phase_is("Recruiting")
    # ... the headcount may not: the whole change is refused, not half-applied.
    await cluster.patch(
        CAMPAIGNS, name, {"spec": {"headcount": 5, "product": {"description": "연어 90%"}}}
    )
    await wait_for(lambda: degraded("SpecChangeRejected"), within=WITHIN)
    assert "headcount" in cond("Degraded")["message"]
    c = await service_campaign(advertiser, cid)
    assert (c.fields.headcount, c.fields.product_description) == (20, "연어 100%")
    assert status()["phase"] == "Recruiting"

    # Deleting the resource cancels the workflow, then the finalizer lets it go.
    await cluster.delete(CAMPAIGNS, name)

    async def gone() -> bool:
        return cluster.get(CAMPAIGNS, name) is None

    await wait_for(gone, within=WITHIN)
    c = await service_campaign(advertiser, cid)
    assert c.phase == cpb.PHASE_CANCELLED
    assert f"{cluster.namespace}/{name} was deleted" in c.phase_reason
    assert len(await service_campaigns(advertiser)) == 1

    metrics = operator.metrics_text()
    assert "petful_operator_reconcile_duration_seconds_bucket" in metrics
    assert 'petful_operator_errors_total{kind="Campaign",reason="SpecChangeRejected"}' in metrics
    assert 'petful_operator_finalizations_total{kind="Campaign",result="cancelled"} 1.0' in metrics


async def test_a_killed_operator_converges_and_nothing_is_created_twice(
    identity_edge: IdentityEdge, cluster: Cluster, operator: Operator
) -> None:
    edge = identity_edge
    advertiser, obj = await campaign_setup(edge, "ads2@example.com", "314-86-12340")
    operator.env["PETFUL_OPERATOR_METRICS_PORT"] = str(free_port())
    operator.start()
    await operator.healthy()
    created = await cluster.apply(CAMPAIGNS, obj)
    name = created["metadata"]["name"]

    # Killed as soon as the campaign exists in PetFul, before or after the status write.
    async def exists() -> bool:
        return len(await service_campaigns(advertiser)) >= 1

    await wait_for(exists, within=WITHIN)
    operator.kill()
    # The worst case: every write the operator made to the object is lost, so the
    # restarted operator sees it as new (a duplicate create event) with no campaignId.
    await cluster.patch(CAMPAIGNS, name, {"status": None}, sub="status")
    annotations = (cluster.get(CAMPAIGNS, name) or {})["metadata"].get("annotations") or {}
    await cluster.patch(
        CAMPAIGNS,
        name,
        {"metadata": {"annotations": dict.fromkeys(annotations), "finalizers": None}},
    )
    assert not cluster.status(CAMPAIGNS, name)
    # The unchanged sample names its advertiser by email: reported, never guessed.
    by_email = await cluster.apply(
        CAMPAIGNS, {**sample("campaign"), "metadata": {"name": "by-email"}}
    )

    operator.start()
    await operator.healthy()

    async def converged() -> bool:
        s = cluster.status(CAMPAIGNS, name)
        return s.get("phase") == "PendingReview" and bool(s.get("campaignId"))

    await wait_for(converged, within=WITHIN)
    items = await service_campaigns(advertiser)
    assert [c.id for c in items] == [cluster.status(CAMPAIGNS, name)["campaignId"]]

    # Duplicate and no-op events (label touches, resyncs) create nothing either: checked
    # after a few timer passes that came after the touches.
    for i in range(3):
        await cluster.patch(CAMPAIGNS, name, {"metadata": {"labels": {"touch": str(i)}}})
    before = reconciles(operator, "timer")

    async def ticked() -> bool:
        return reconciles(operator, "timer") >= before + 3

    await wait_for(ticked, within=WITHIN)
    assert len(await service_campaigns(advertiser)) == 1
    assert cluster.status(CAMPAIGNS, name)["observedGeneration"] == 1

    # The timer count above is for both objects: wait for this one's own status.
    email_name = by_email["metadata"]["name"]

    async def reported() -> bool:
        return bool(cluster.condition(CAMPAIGNS, email_name, "Degraded"))

    await wait_for(reported, within=WITHIN)
    degraded = cluster.condition(CAMPAIGNS, email_name, "Degraded")
    assert degraded["status"] == "True"
    assert degraded["reason"] == "UnresolvedReference"
    assert cluster.condition(CAMPAIGNS, email_name, "Ready")["status"] == "False"
    assert cluster.status(CAMPAIGNS, email_name)["phase"] == "Pending"

    # Killed again and restarted: still one campaign, same status.
    operator.kill()
    operator.start()
    await operator.healthy()

    async def resynced() -> bool:
        # Both objects picked up by the new process, then timer passes on top. An object
        # whose create handler the kill interrupted is created again rather than resumed
        # (kopf keeps handler progress in annotations), so either trigger counts.
        picked_up = reconciles(operator, "resume") + reconciles(operator, "create")
        return picked_up >= 2 and reconciles(operator, "timer") >= 2

    await wait_for(resynced, within=WITHIN)
    assert len(await service_campaigns(advertiser)) == 1
    assert cluster.status(CAMPAIGNS, name)["phase"] == "PendingReview"
