"""manifests/: the checked-in plain-YAML install matches the chart and is valid Kubernetes.

`make manifests` renders charts/petful offline (helm-python-sdk) into manifests/install.yaml
and manifests/rbac.yaml; these tests render again and compare, so a chart change without a
regenerated install fails here.
"""

from __future__ import annotations

import difflib

import kubernetes_validate  # type: ignore[import-untyped]
import pytest
import yaml

from tests.unit.chart_support import KUBE_VERSIONS
from tools.chart_render import (
    CHART,
    CLUSTER_KINDS,
    INSTALL_FILE,
    MANIFESTS,
    NAMESPACE,
    RBAC_FILE,
    RBAC_KINDS,
    ROOT,
    Manifest,
    render_install,
)


def _docs(text: str) -> list[Manifest]:
    return [d for d in yaml.safe_load_all(text) if d]


def test_checked_in_install_is_up_to_date() -> None:
    for path, expected in render_install().items():
        assert path.is_file(), f"{path.relative_to(ROOT)} missing: run `make manifests`"
        actual = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(
                list(
                    difflib.unified_diff(
                        actual.splitlines(keepends=True),
                        expected.splitlines(keepends=True),
                        str(path.relative_to(ROOT)),
                        "rendered",
                    )
                )[:40]
            )
            pytest.fail(f"{path.relative_to(ROOT)} is stale, run `make manifests`:\n{diff}")


def test_render_is_deterministic() -> None:
    assert render_install() == render_install()


def test_no_secret_material_is_checked_in() -> None:
    for path in (INSTALL_FILE, RBAC_FILE):
        docs = _docs(path.read_text(encoding="utf-8"))
        assert not [d for d in docs if d["kind"] == "Secret"], path.name
        assert "PRIVATE KEY" not in path.read_text(encoding="utf-8")
    # The processes read the Secrets the installer creates.
    deployments = [d for d in _docs(INSTALL_FILE.read_text()) if d["kind"] == "Deployment"]
    refs = {
        e["valueFrom"]["secretKeyRef"]["name"]
        for d in deployments
        for e in d["spec"]["template"]["spec"]["containers"][0].get("env", [])
        if "secretKeyRef" in e.get("valueFrom", {})
    }
    assert refs == {"petful-env", "petful-internal-token", "petful-jwt"}


def test_install_is_namespaced_and_split() -> None:
    install = _docs(INSTALL_FILE.read_text(encoding="utf-8"))
    rbac = _docs(RBAC_FILE.read_text(encoding="utf-8"))
    assert install[0]["kind"] == "Namespace"
    assert install[0]["metadata"]["name"] == NAMESPACE
    assert {d["kind"] for d in rbac} == {"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"}
    assert not {d["kind"] for d in install} & RBAC_KINDS
    for doc in [*install, *rbac]:
        if doc["kind"] in CLUSTER_KINDS:
            assert "namespace" not in doc["metadata"], doc["metadata"]["name"]
        else:
            assert doc["metadata"]["namespace"] == NAMESPACE, doc["metadata"]["name"]
    components = {
        d["metadata"]["labels"]["app.kubernetes.io/component"]
        for d in install
        if d["kind"] == "Deployment"
    }
    assert "operator" in components
    # No Prometheus Operator kinds: the plain install needs only core APIs.
    assert all(not d["apiVersion"].startswith("monitoring.coreos.com") for d in install)


@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
def test_install_is_valid_kubernetes(kube_version: str) -> None:
    for path in (INSTALL_FILE, RBAC_FILE):
        for doc in _docs(path.read_text(encoding="utf-8")):
            try:
                kubernetes_validate.validate(doc, kube_version, strict=True)
            except kubernetes_validate.ValidationError as err:  # pragma: no cover
                pytest.fail(f"{path.name}: {doc['kind']}/{doc['metadata']['name']}: {err.message}")


def test_crds_in_manifests_are_the_charts() -> None:
    chart_crds = {p.name: p.read_text() for p in (CHART / "crds").glob("*.yaml")}
    manifest_crds = {p.name: p.read_text() for p in (MANIFESTS / "crds").glob("*.yaml")}
    assert chart_crds
    assert manifest_crds == chart_crds


def test_dev_databases_are_throwaway_and_outside_the_plain_install() -> None:
    # `kubectl apply -f manifests/` does not recurse: dev/ is applied only on purpose.
    dev = MANIFESTS / "dev" / "databases.yaml"
    docs = _docs(dev.read_text(encoding="utf-8"))
    images = {
        c["image"].split(":")[0]
        for d in docs
        if d["kind"] == "Deployment"
        for c in d["spec"]["template"]["spec"]["containers"]
    }
    assert images == {"pgvector/pgvector", "redis"}
    services = {d["metadata"]["name"] for d in docs if d["kind"] == "Service"}
    # The chart's default database.url / redis.url point at these Services.
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    assert "@postgresql:5432/" in values["database"]["url"]
    assert values["redis"]["url"].startswith("redis://redis-master:6379/")
    assert services == {"postgresql", "redis-master"}
    for doc in docs:
        kubernetes_validate.validate(doc, KUBE_VERSIONS[-1], strict=True)
