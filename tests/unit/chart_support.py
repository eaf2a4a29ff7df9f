"""Offline helpers for the Helm chart tests: CI values, lint, lookups, monitoring schemas.

Rendering itself is `tools/chart_render.py` (shared with `make manifests`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import helm_python as helm
import jsonschema

from tools.chart_render import (
    CHART,
    NAMESPACE,
    RELEASE,
    Manifest,
    load_chart,
    load_values,
    render,
)

CI_VALUES = sorted((CHART / "ci").glob("*-values.yaml"))
# Oldest supported (Chart.yaml kubeVersion) and newest bundled by kubernetes-validate.
KUBE_VERSIONS = ("1.28", "1.37")


@cache
def render_ci(filename: str) -> tuple[Manifest, ...]:
    """Rendered objects for one of charts/petful/ci/*.yaml (cached: read-only use)."""
    return tuple(render(load_values(CHART / "ci" / filename)))


def lint(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return helm.lint(CHART, values, strict=True, kube_version="v1.28.0")


def merged_values(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return load_chart().merge_values(values)


def validate_values(values: dict[str, Any]) -> None:
    """Raise helm_python.HelmValuesError when values.schema.json rejects the merged values."""
    load_chart().validate_schema(load_chart().merge_values(values))


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


# --- Prometheus Operator kinds ----------------------------------------------------------
# kubernetes-validate knows only core kinds. These JSON schemas cover the fields of the
# monitoring.coreos.com/v1 ServiceMonitor and PrometheusRule the chart uses, after the
# prometheus-operator API reference (https://prometheus-operator.dev/docs/api-reference/api/),
# and reject any other field (the real CRDs would silently prune a typo).

_DURATION = {
    "type": "string",
    "pattern": (
        r"^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?"
        r"(([0-9]+)ms)?)$"
    ),
    "minLength": 1,
}
_STRING_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
_LABEL_SELECTOR = {
    "type": "object",
    "properties": {
        "matchLabels": _STRING_MAP,
        "matchExpressions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "operator"],
                "properties": {
                    "key": {"type": "string"},
                    "operator": {"enum": ["In", "NotIn", "Exists", "DoesNotExist"]},
                    "values": {"type": "array", "items": {"type": "string"}},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
_METADATA = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {
            "type": "string",
            "pattern": r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$",
            "maxLength": 253,
        },
        "namespace": {"type": "string"},
        "labels": _STRING_MAP,
        "annotations": _STRING_MAP,
    },
    "additionalProperties": False,
}


def _kind_schema(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "apiVersion": {"const": "monitoring.coreos.com/v1"},
            "kind": {"const": kind},
            "metadata": _METADATA,
            "spec": spec,
        },
        "additionalProperties": False,
    }


MONITORING_SCHEMAS: dict[str, dict[str, Any]] = {
    "ServiceMonitor": _kind_schema(
        "ServiceMonitor",
        {
            "type": "object",
            "required": ["selector", "endpoints"],
            "properties": {
                "jobLabel": {"type": "string"},
                "targetLabels": {"type": "array", "items": {"type": "string"}},
                "podTargetLabels": {"type": "array", "items": {"type": "string"}},
                "selector": _LABEL_SELECTOR,
                "namespaceSelector": {
                    "type": "object",
                    "properties": {
                        "any": {"type": "boolean"},
                        "matchNames": {"type": "array", "items": {"type": "string"}},
                    },
                    "additionalProperties": False,
                },
                "endpoints": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "properties": {
                            "port": {"type": "string", "minLength": 1},
                            "targetPort": {"type": ["integer", "string"]},
                            "path": {"type": "string", "pattern": "^/"},
                            "scheme": {"enum": ["http", "https", "HTTP", "HTTPS"]},
                            "interval": _DURATION,
                            "scrapeTimeout": _DURATION,
                            "honorLabels": {"type": "boolean"},
                            "honorTimestamps": {"type": "boolean"},
                        },
                        "additionalProperties": False,
                    },
                },
            },
            "additionalProperties": False,
        },
    ),
    "PrometheusRule": _kind_schema(
        "PrometheusRule",
        {
            "type": "object",
            "required": ["groups"],
            "properties": {
                "groups": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name", "rules"],
                        "properties": {
                            "name": {"type": "string", "minLength": 1},
                            "interval": _DURATION,
                            "rules": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["expr"],
                                    "oneOf": [
                                        {"required": ["alert"]},
                                        {"required": ["record"]},
                                    ],
                                    "properties": {
                                        "alert": {
                                            "type": "string",
                                            "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
                                        },
                                        "record": {"type": "string"},
                                        "expr": {"type": ["string", "integer"], "minLength": 1},
                                        "for": _DURATION,
                                        "keep_firing_for": _DURATION,
                                        "labels": _STRING_MAP,
                                        "annotations": _STRING_MAP,
                                    },
                                    "additionalProperties": False,
                                },
                            },
                        },
                        "additionalProperties": False,
                    },
                }
            },
            "additionalProperties": False,
        },
    ),
}


def validate_monitoring(manifest: Manifest) -> None:
    """Raise jsonschema.ValidationError unless a monitoring.coreos.com/v1 object is valid."""
    jsonschema.validate(manifest, MONITORING_SCHEMAS[manifest["kind"]])
