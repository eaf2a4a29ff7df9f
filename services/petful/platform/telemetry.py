"""OpenTelemetry and Prometheus setup shared by every process.

Configuration comes only from the standard `OTEL_*` env (sampler, exporter endpoint,
headers, resource attributes, propagators), as in the OpenTelemetry demo. A TracerProvider
is always installed so trace ids exist for logs and propagation even with no exporter.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any

import prometheus_client
from opentelemetry import propagate, trace
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.context import Context
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

METRIC_PREFIX = "petful_"

_lock = threading.Lock()
_provider: TracerProvider | None = None


def metric_name(name: str) -> str:
    """Prefix a custom Prometheus metric name with `petful_` (idempotent)."""
    return name if name.startswith(METRIC_PREFIX) else METRIC_PREFIX + name


def _service_name_from_env() -> bool:
    if os.environ.get("OTEL_SERVICE_NAME"):
        return True
    attrs = os.environ.get("OTEL_RESOURCE_ATTRIBUTES", "")
    return any(part.strip().startswith(f"{SERVICE_NAME}=") for part in attrs.split(","))


def _exporter_configured() -> bool:
    return bool(
        os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def setup_telemetry(service_name: str) -> TracerProvider:
    """Install the global TracerProvider once; later calls return the same provider.

    The resource's service.name is `petful-<service_name>` unless OTEL_SERVICE_NAME (or
    service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise. Spans are exported over OTLP
    gRPC only when an OTLP endpoint env var is set.
    """
    global _provider
    with _lock:
        if _provider is not None:
            return _provider
        existing = trace.get_tracer_provider()
        if isinstance(existing, TracerProvider):
            # Someone (e.g. opentelemetry-instrument) already installed an SDK provider.
            _provider = existing
            return existing
        attrs = {} if _service_name_from_env() else {SERVICE_NAME: f"petful-{service_name}"}
        provider = TracerProvider(resource=Resource.create(attrs))
        if _exporter_configured():
            # Imported lazily: the exporter pulls in grpc/protobuf export machinery.
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
        if not os.environ.get("OTEL_PROPAGATORS"):
            propagate.set_global_textmap(
                CompositePropagator([TraceContextTextMapPropagator(), W3CBaggagePropagator()])
            )
        _provider = provider
        return provider


def inject_trace_headers() -> dict[str, str]:
    """W3C trace headers (`traceparent`, ...) for the current span, e.g. for a Celery task."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def extract_trace_context(headers: Mapping[str, str]) -> Context:
    """The OTel context carried by headers from `inject_trace_headers`."""
    return propagate.extract(dict(headers))


def start_metrics_server(port: int, addr: str = "0.0.0.0") -> tuple[Any, threading.Thread]:
    """Serve Prometheus `/metrics` from the default registry in a daemon thread.

    Returns (server, thread); call `server.shutdown()` to stop it.
    """
    server, thread = prometheus_client.start_http_server(port, addr=addr)
    return server, thread
