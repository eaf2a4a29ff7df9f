"""The test API server itself behaves like Kubernetes where the operator depends on it."""

from __future__ import annotations

from typing import Any

from tests.operator.support import CAMPAIGNS, NAMESPACE, Cluster, cluster, sample

__all__ = ["cluster"]


async def test_create_conflicts_generation_and_status_subresource(cluster: Cluster) -> None:
    c = cluster
    created = await c.apply(CAMPAIGNS, sample("campaign"))
    meta = created["metadata"]
    assert meta["uid"]
    assert meta["generation"] == 1
    assert meta["namespace"] == NAMESPACE
    async with c.http.post(c._path(CAMPAIGNS), json=sample("campaign")) as r:
        assert r.status == 409
    name = meta["name"]

    # Status through the main resource is ignored; spec through /status too.
    patched = await c.patch(
        CAMPAIGNS, name, {"status": {"phase": "Draft"}, "metadata": {"labels": {"a": "b"}}}
    )
    assert "status" not in patched
    assert patched["metadata"]["generation"] == 1
    patched = await c.patch(
        CAMPAIGNS, name, {"status": {"phase": "Draft"}, "spec": {"headcount": 3}}, sub="status"
    )
    assert patched["status"] == {"phase": "Draft"}
    assert patched["spec"]["headcount"] == 20
    patched = await c.patch(CAMPAIGNS, name, {"spec": {"headcount": 3}})
    assert patched["metadata"]["generation"] == 2

    # A stale resourceVersion is a conflict.
    stale = {"metadata": {"resourceVersion": meta["resourceVersion"]}, "spec": {"headcount": 4}}
    async with c.http.patch(
        c._path(CAMPAIGNS, name),
        json=stale,
        headers={"Content-Type": "application/merge-patch+json"},
    ) as r:
        assert r.status == 409

    # Lists carry their kind; the namespaces endpoint answers.
    async with c.http.get(c._path(CAMPAIGNS)) as r:
        body: dict[str, Any] = await r.json()
    assert body["kind"] == "CampaignList"
    assert [i["metadata"]["name"] for i in body["items"]] == [name]
    async with c.http.get("/api/v1/namespaces") as r:
        assert NAMESPACE in {n["metadata"]["name"] for n in (await r.json())["items"]}

    # Finalizers hold the deletion until they are removed.
    await c.patch(CAMPAIGNS, name, {"metadata": {"finalizers": ["petful.io/operator"]}})
    await c.delete(CAMPAIGNS, name)
    held = c.get(CAMPAIGNS, name)
    assert held is not None
    assert held["metadata"]["deletionTimestamp"]
    await c.patch(CAMPAIGNS, name, {"metadata": {"finalizers": None}})
    assert c.get(CAMPAIGNS, name) is None
