"""autoRecommend end to end: the sample Campaign (autoRecommend on, top 10) through the real
operator, with the real matching service (its embedding model included) recommending real
PetStars into `.status.recommendations`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from petful.matching import tasks as matching_tasks
from petful.platform.auth_context import Role
from tests.integration.conftest import headers_for
from tests.integration.test_campaigns_edge import approved_advertiser
from tests.integration.test_matching_edge import MatchingEdge, matching_edge
from tests.integration.test_petstars import make_petstar
from tests.operator.support import CAMPAIGNS, Cluster, Operator, cluster, operator, sample
from tests.support import wait_for

__all__ = ["cluster", "matching_edge", "operator"]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("operator")]


async def test_recommendations_are_mirrored_into_the_status(
    matching_edge: MatchingEdge, cluster: Cluster, operator: Operator
) -> None:
    edge = matching_edge.edge
    obj = sample("campaign")
    start = datetime.fromisoformat(obj["spec"]["schedule"]["recruitStart"])
    edge.clock.now = start - timedelta(days=7)
    await approved_advertiser(edge, "ads@example.com", "123-45-67891")
    obj["spec"]["advertiserRef"] = edge.users["ads@example.com"]
    owners = [await headers_for(edge, f"star{i}@example.com") for i in range(2)]
    dog = await make_petstar(edge, owners[0], "bori_maltese")
    cat = await make_petstar(edge, owners[1], "kongi_cat", name="콩이", species="CAT")

    operator.start()
    await operator.healthy()
    name = (await cluster.apply(CAMPAIGNS, obj))["metadata"]["name"]

    def status() -> dict[str, Any]:
        return cluster.status(CAMPAIGNS, name)

    async def created() -> bool:
        return bool(status().get("campaignId"))

    await wait_for(created, within=45)
    admin = await headers_for(edge, "admin@example.com", Role.ADMIN)
    r = await edge.client.post(
        f"/api/v1/admin/campaigns/{status()['campaignId']}/approve", headers=admin
    )
    assert r.status_code == 200, r.text
    await matching_tasks.reindex(edge.settings)

    # The next timer tick after the index is complete shows both (the sample: dogs, cats).
    # A pass that read the campaign before the approval may still list both: the phase is
    # part of the condition, so what follows reads one pass that saw both changes.
    async def both_while_recruiting() -> bool:
        ids = {x["petStarId"] for x in status().get("recommendations") or ()}
        return ids == {dog["id"], cat["id"]} and status().get("phase") == "Recruiting"

    await wait_for(both_while_recruiting, within=60)
    recs = status()["recommendations"]
    assert all(0 < x["score"] <= 1 for x in recs)
    assert recs == sorted(recs, key=lambda x: -x["score"])
    degraded = cluster.condition(CAMPAIGNS, name, "Degraded")
    assert (degraded["status"], degraded["reason"]) == ("False", "AsExpected")
