"""The real kopf operator against the Kubernetes API emulator and the real pets/sns/identity
services: `manifests/samples/petstarapplication.yaml` applied with its references (pet,
owner, the linked Instagram account) replaced, decided with kubectl-style patches, deleted."""

from __future__ import annotations

from typing import Any

import pytest

from petful.pb.pets.v1 import pets_pb2 as ppb
from petful.pb.pets.v1 import pets_pb2_grpc
from petful.pets import tasks
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.grpc_client import channel
from petful_operator.settings import OPERATOR_USER_ID
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.test_petstars import ready_pet
from tests.operator.support import (
    APPLICATIONS,
    WITHIN,
    Cluster,
    Operator,
    cluster,
    operator,
    sample,
)
from tests.support import wait_for

__all__ = ["cluster", "operator"]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("operator")]


async def service_application(owner: str, application_id: str) -> ppb.Application:
    stub = pets_pb2_grpc.PetServiceStub(channel("pets"))
    with use_principal(Principal(user_id=owner, roles=frozenset({Role.USER}))):
        reply: ppb.Application = await stub.GetApplication(
            ppb.GetApplicationRequest(application_id=application_id)
        )
    return reply


async def application_for(
    edge: IdentityEdge, email: str, instagram: str, **pet: Any
) -> tuple[str, dict[str, Any]]:
    """A pet ready to apply (linked account, published portfolio) and the sample pointing
    at it."""
    headers = await headers_for(edge, email)
    created = await ready_pet(edge, headers, instagram, **pet)
    owner = edge.users[email]
    obj = sample("petstarapplication")
    obj["spec"].update(petRef=created["id"], ownerRef=owner, instagramAccount=f"@{instagram}")
    return owner, obj


async def test_apply_decide_and_withdraw_petstar_applications(
    identity_edge: IdentityEdge, cluster: Cluster, operator: Operator
) -> None:
    edge = identity_edge
    owner, obj = await application_for(edge, "owner@example.com", "bori_maltese")
    operator.start()
    await operator.healthy()
    name = (await cluster.apply(APPLICATIONS, obj))["metadata"]["name"]

    def status() -> dict[str, Any]:
        return cluster.status(APPLICATIONS, name)

    def cond(type_: str) -> dict[str, Any]:
        return cluster.condition(APPLICATIONS, name, type_)

    async def phase_is(phase: str) -> bool:
        return status().get("phase") == phase

    await wait_for(lambda: phase_is("Submitted"), within=WITHIN)
    app_id = status()["applicationId"]
    assert (await service_application(owner, app_id)).state == ppb.APPLICATION_STATE_SUBMITTED
    assert cond("Synced")["status"] == "True"
    assert cond("Degraded")["status"] == "False"
    assert status()["observedGeneration"] == 1

    # An admin approves with kubectl before verification: kept until the review starts.
    await cluster.patch(APPLICATIONS, name, {"spec": {"decision": "Approved"}})

    async def awaiting_review() -> bool:
        return cond("Ready").get("reason") == "AwaitingReview"

    await wait_for(awaiting_review, within=WITHIN)
    assert cond("Ready")["status"] == "False"
    assert status()["phase"] == "Submitted"

    # Verification (the pets worker's task) puts it in review; the operator decides.
    assert await tasks.verify_pending(edge.clock.now) == 1
    await wait_for(lambda: phase_is("Approved"), within=WITHIN)
    app = await service_application(owner, app_id)
    assert app.state == ppb.APPLICATION_STATE_APPROVED
    assert app.pet.petstar_status == ppb.PET_STAR_STATUS_APPROVED
    metrics = status()["metrics"]
    assert metrics["followers"] == app.metrics.followers_count > 0
    assert metrics["fetchedAt"].endswith("Z")
    assert status()["eligibility"]["eligible"] is app.eligibility.eligible
    assert cond("Ready")["status"] == "True"
    assert cond("Ready")["reason"] == "Approved"
    # The Event is posted after the status it describes: wait for it itself.
    await cluster.wait_for_event(name, "PhaseChanged", "-> Approved$")

    # Deciding otherwise afterwards cannot be applied: Degraded, the approval stands.
    await cluster.patch(
        APPLICATIONS, name, {"spec": {"decision": "Rejected", "reason": "사진 도용 의심"}}
    )

    async def conflict() -> bool:
        return cond("Degraded").get("reason") == "DecisionConflict"

    await wait_for(conflict, within=WITHIN)
    assert (await service_application(owner, app_id)).state == ppb.APPLICATION_STATE_APPROVED

    # A decided application is released on delete (nothing to withdraw).
    await cluster.delete(APPLICATIONS, name)

    async def gone(n: str) -> bool:
        return cluster.get(APPLICATIONS, n) is None

    await wait_for(lambda: gone(name), within=WITHIN)
    assert (await service_application(owner, app_id)).state == ppb.APPLICATION_STATE_APPROVED

    # Rejected with a reason, by the operator's admin identity.
    owner2, obj2 = await application_for(
        edge, "owner2@example.com", "kongi_cat", name="콩이", species="CAT"
    )
    obj2["metadata"]["name"] = "kongi-petstar"
    obj2["spec"].update(decision="Rejected", reason="팔로워 구매 정황")
    await cluster.apply(APPLICATIONS, obj2)

    async def submitted() -> bool:
        return cluster.status(APPLICATIONS, "kongi-petstar").get("phase") == "Submitted"

    await wait_for(submitted, within=WITHIN)
    assert await tasks.verify_pending(edge.clock.now) == 1

    async def rejected() -> bool:
        return cluster.status(APPLICATIONS, "kongi-petstar").get("phase") == "Rejected"

    await wait_for(rejected, within=WITHIN)
    app2 = await service_application(
        owner2, cluster.status(APPLICATIONS, "kongi-petstar")["applicationId"]
    )
    assert app2.reason == "팔로워 구매 정황"

    # An open application is withdrawn when its resource is deleted.
    owner3, obj3 = await application_for(
        edge, "owner3@example.com", "dubu_corgi", name="두부", species="DOG"
    )
    obj3["metadata"]["name"] = "dubu-petstar"
    await cluster.apply(APPLICATIONS, obj3)

    async def submitted3() -> bool:
        return bool(cluster.status(APPLICATIONS, "dubu-petstar").get("applicationId"))

    await wait_for(submitted3, within=WITHIN)
    app3_id = cluster.status(APPLICATIONS, "dubu-petstar")["applicationId"]
    await cluster.delete(APPLICATIONS, "dubu-petstar")
    await wait_for(lambda: gone("dubu-petstar"), within=WITHIN)
    app3 = await service_application(owner3, app3_id)
    assert app3.state == ppb.APPLICATION_STATE_WITHDRAWN
    assert OPERATOR_USER_ID  # the admin identity decisions are made with
