"""Celery worker and beat entry points, configured like every other process."""

from __future__ import annotations

from petful.platform.jobs import (
    BULK_QUEUE,
    QUICK_QUEUE,
    WORKER_WARMUPS,
    celery_app,
    load_task_modules,
)
from petful.platform.logging import setup_logging
from petful.platform.settings import Settings
from petful.platform.telemetry import setup_telemetry, start_metrics_server

QUEUES = (QUICK_QUEUE, BULK_QUEUE)


def _prepare(name: str, settings: Settings, *, warm_up: bool = False) -> None:
    setup_logging(name, settings)
    setup_telemetry(name)
    load_task_modules()
    if warm_up:
        for warmup in WORKER_WARMUPS:
            warmup()
    start_metrics_server(settings.port(f"metrics.{name}"))


def run_worker(settings: Settings, queues: tuple[str, ...] = QUEUES) -> int:
    """A worker of queues (both by default; `make run` and the chart run one per queue)."""
    from opentelemetry.instrumentation.celery import CeleryInstrumentor

    unknown = set(queues) - set(QUEUES)
    if unknown or not queues:
        raise ValueError(f"queues must be among {', '.join(QUEUES)}, not {sorted(unknown)}")
    _prepare("worker", settings, warm_up=BULK_QUEUE in queues)
    CeleryInstrumentor().instrument()  # type: ignore[no-untyped-call]
    # Threads, not prefork: one process keeps Prometheus metrics in one registry, and tasks
    # are I/O-bound. Scale out with more worker processes (replicas), not forks.
    celery_app.worker_main(
        [
            "worker",
            "--pool=threads",
            "--concurrency=4",
            "--queues",
            ",".join(queues),
            "--loglevel",
            settings.log_level,
        ]
    )
    return 0


def run_beat(settings: Settings) -> int:
    _prepare("beat", settings)
    schedule = settings.data_dir / "celerybeat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    celery_app.start(["beat", "--schedule", str(schedule), "--loglevel", settings.log_level])
    return 0
