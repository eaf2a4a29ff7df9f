"""Prometheus instruments of the operator (`petful_operator_*`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram

from petful.platform.telemetry import metric_name

RECONCILES = Counter(
    metric_name("operator_reconciles_total"),
    "Reconcile passes by kind, trigger and outcome (synced, refused, unavailable).",
    ["kind", "trigger", "outcome"],
)
ERRORS = Counter(
    metric_name("operator_errors_total"),
    "Reconcile passes that did not apply the spec, by kind and condition reason.",
    ["kind", "reason"],
)
DURATION = Histogram(
    metric_name("operator_reconcile_duration_seconds"),
    "Duration of one reconcile pass (gRPC calls included).",
    ["kind", "trigger"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
FINALIZATIONS = Counter(
    metric_name("operator_finalizations_total"),
    "Deleted resources released by the finalizer, by kind and result.",
    ["kind", "result"],
)


@contextmanager
def timed(kind: str, trigger: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        DURATION.labels(kind, trigger).observe(time.perf_counter() - start)


def record(kind: str, trigger: str, synced: bool | None, reason: str) -> None:
    outcome = "unavailable" if synced is None else ("synced" if synced else "refused")
    RECONCILES.labels(kind, trigger, outcome).inc()
    if synced is not True:
        ERRORS.labels(kind, reason).inc()
