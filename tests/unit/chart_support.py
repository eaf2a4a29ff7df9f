"""Offline helpers for the Helm chart tests: render with helm-python-sdk, split documents.

No cluster and no `helm` binary: helm-python-sdk binds Helm's Go SDK (libhelm_c) and renders
templates and lints in process.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import helm_python as helm
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "petful"
CI_VALUES = sorted((CHART / "ci").glob("*-values.yaml"))
RELEASE = "petful"
NAMESPACE = "petful"
# Oldest supported (Chart.yaml kubeVersion) and newest bundled by kubernetes-validate.
KUBE_VERSIONS = ("1.28", "1.37")

Manifest = dict[str, Any]


def load_values(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return dict(loaded) if loaded else {}


@cache
def _chart() -> helm.Chart:
    return helm.Chart.load(CHART)


def render_raw(values: dict[str, Any] | None = None) -> dict[str, str]:
    """Template path -> rendered text, as `helm install --dry-run` would produce."""
    return _chart().render(values=values, name=RELEASE, namespace=NAMESPACE, is_install=True)


def render(values: dict[str, Any] | None = None) -> list[Manifest]:
    """Every rendered Kubernetes object (NOTES.txt and empty documents left out)."""
    out: list[Manifest] = []
    for name, text in sorted(render_raw(values).items()):
        if not name.endswith(".yaml"):
            continue
        out.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return out


@cache
def render_ci(filename: str) -> tuple[Manifest, ...]:
    """Rendered objects for one of charts/petful/ci/*.yaml (cached: read-only use)."""
    return tuple(render(load_values(CHART / "ci" / filename)))


def lint(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return helm.lint(CHART, values, strict=True, kube_version="v1.28.0")


def merged_values(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return _chart().merge_values(values)


def validate_values(values: dict[str, Any]) -> None:
    """Raise helm_python.HelmValuesError when values.schema.json rejects the merged values."""
    _chart().validate_schema(_chart().merge_values(values))


def by_kind(manifests: tuple[Manifest, ...] | list[Manifest], kind: str) -> dict[str, Manifest]:
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}


def pod_specs(manifests: tuple[Manifest, ...] | list[Manifest]) -> Iterator[tuple[str, Manifest]]:
    """(object name, pod spec) of every Deployment and Job."""
    for m in manifests:
        if m["kind"] in {"Deployment", "Job"}:
            yield m["metadata"]["name"], m["spec"]["template"]["spec"]


def component_of(manifest: Manifest) -> str:
    return str(manifest["metadata"]["labels"]["app.kubernetes.io/component"])


def env_of(container: Manifest) -> dict[str, Any]:
    """name -> value (or the valueFrom mapping) of a container's env list."""
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])}


def service_name(component: str) -> str:
    return f"{RELEASE}-{component}"


def service_host(component: str) -> str:
    return f"{service_name(component)}.{NAMESPACE}.svc.cluster.local"
